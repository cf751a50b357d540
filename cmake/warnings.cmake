# Warnings for Hover's own targets only; dependencies are included as SYSTEM headers.
add_library(hover_warnings INTERFACE)
target_compile_options(hover_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wconversion -Wsign-conversion -Wshadow -Wold-style-cast
  -Wnon-virtual-dtor -Woverloaded-virtual -Wformat=2
  # gcc 12 warns on designated initializers that rely on default member initializers
  # (Database::open({.url = path})), which is the point of having defaults.
  -Wno-missing-field-initializers)
if(HOVER_WERROR)
  target_compile_options(hover_warnings INTERFACE -Werror)
endif()
if(HOVER_SANITIZE)
  # -fno-sanitize=vptr: UBSan's dynamic-type check needs the typeinfo of every polymorphic class
  # it sees, and libsoci does not export it for its internal statement classes (link error
  # "undefined reference to typeinfo for soci::details::ref_counted_statement").
  add_compile_options(-fsanitize=${HOVER_SANITIZE} -fno-sanitize=vptr -fno-sanitize-recover=all
                      -fno-omit-frame-pointer)
  add_link_options(-fsanitize=${HOVER_SANITIZE} -fno-sanitize=vptr)
  # gcc 12 reports false "may be used uninitialized" inside libstdc++ (std::regex,
  # std::function) once sanitizer instrumentation changes inlining; the dev build keeps the check.
  target_compile_options(hover_warnings INTERFACE -Wno-maybe-uninitialized)
endif()
