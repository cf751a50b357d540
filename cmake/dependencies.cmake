# Every third-party library, found once. Debian 12 packages (see scripts/bootstrap.sh).
find_package(Threads REQUIRED)
find_package(fmt REQUIRED)
find_package(spdlog REQUIRED)
find_package(nlohmann_json REQUIRED)
find_package(PkgConfig REQUIRED)
pkg_check_modules(SODIUM REQUIRED IMPORTED_TARGET libsodium)
# libical: the iCalendar reader (io/ical) and the tests that parse the calendar feed.
pkg_check_modules(LIBICAL REQUIRED IMPORTED_TARGET libical)

# SOCI 4.0.3 ships no CMake or pkg-config files.
find_path(SOCI_INCLUDE_DIR soci/soci.h REQUIRED)
find_library(SOCI_CORE_LIB soci_core REQUIRED)
find_library(SOCI_SQLITE_LIB soci_sqlite3 REQUIRED)
find_library(SOCI_POSTGRESQL_LIB soci_postgresql REQUIRED)
find_package(PostgreSQL REQUIRED)
find_package(SQLite3 REQUIRED)
add_library(hover_soci INTERFACE)
target_include_directories(hover_soci SYSTEM INTERFACE ${SOCI_INCLUDE_DIR} ${PostgreSQL_INCLUDE_DIRS})
target_link_libraries(hover_soci INTERFACE ${SOCI_CORE_LIB} ${SOCI_SQLITE_LIB}
                      ${SOCI_POSTGRESQL_LIB} PostgreSQL::PostgreSQL SQLite::SQLite3 ${CMAKE_DL_LIBS})

# libphonenumber ships no CMake or pkg-config files either.
find_path(PHONENUMBER_INCLUDE_DIR phonenumbers/phonenumberutil.h REQUIRED)
find_library(PHONENUMBER_LIB phonenumber REQUIRED)
add_library(hover_phonenumber INTERFACE)
target_include_directories(hover_phonenumber SYSTEM INTERFACE ${PHONENUMBER_INCLUDE_DIR})
target_link_libraries(hover_phonenumber INTERFACE ${PHONENUMBER_LIB})

# RESTinio's config does not look up fmt itself: fmt must be found first (above).
find_package(restinio REQUIRED)
find_package(CLI11 REQUIRED)

if(HOVER_TESTS)
  find_package(GTest REQUIRED)
  pkg_check_modules(HTTPLIB REQUIRED IMPORTED_TARGET cpp-httplib)
endif()
