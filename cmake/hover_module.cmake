# hover_add_module(NAME records SOURCES a.cpp b.cpp DEPENDS core LIBS fmt::fmt)
# creates the static library hover_<NAME> with the alias hover::<NAME>. Includes start at src/.
function(hover_add_module)
  cmake_parse_arguments(M "" "NAME" "SOURCES;DEPENDS;LIBS" ${ARGN})
  add_library(hover_${M_NAME} STATIC ${M_SOURCES})
  add_library(hover::${M_NAME} ALIAS hover_${M_NAME})
  target_include_directories(hover_${M_NAME} PUBLIC ${PROJECT_SOURCE_DIR}/src)
  list(TRANSFORM M_DEPENDS PREPEND hover:: OUTPUT_VARIABLE deps)
  target_link_libraries(hover_${M_NAME} PUBLIC ${deps} ${M_LIBS} PRIVATE hover_warnings)
endfunction()

# hover_add_test(NAME records_service_test LABEL records SOURCES x_test.cpp DEPENDS records)
# builds a GoogleTest program, registers each TEST with ctest and labels it.
function(hover_add_test)
  cmake_parse_arguments(T "" "NAME;LABEL" "SOURCES;DEPENDS;LIBS" ${ARGN})
  if(NOT HOVER_TESTS)
    return()
  endif()
  add_executable(${T_NAME} ${T_SOURCES})
  list(TRANSFORM T_DEPENDS PREPEND hover:: OUTPUT_VARIABLE deps)
  target_link_libraries(${T_NAME} PRIVATE ${deps} ${T_LIBS} hover_test_support
                        GTest::gtest GTest::gmock GTest::gtest_main hover_warnings)
  gtest_discover_tests(${T_NAME} PROPERTIES LABELS "${T_LABEL}" DISCOVERY_TIMEOUT 60
                       DISCOVERY_MODE PRE_TEST)
endfunction()
