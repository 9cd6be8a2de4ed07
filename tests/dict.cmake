# Tests of the Azerbaijani Hunspell dictionary (dict/), included from
# tests/CMakeLists.txt when the berpa_dict target exists.
pkg_check_modules(CHECK REQUIRED IMPORTED_TARGET check)
pkg_check_modules(HUNSPELL REQUIRED IMPORTED_TARGET hunspell)
find_package(Python3 COMPONENTS Interpreter REQUIRED)

add_executable(test_dict ${CMAKE_CURRENT_LIST_DIR}/test_dict.c)
target_link_libraries(test_dict PRIVATE PkgConfig::CHECK PkgConfig::HUNSPELL)
add_dependencies(test_dict berpa_dict)

# accepted / rejected table, casing
add_test(NAME dict COMMAND test_dict ${BERPA_DICT_DIR})
set_tests_properties(dict PROPERTIES SKIP_RETURN_CODE 77
                     ENVIRONMENT "CK_DEFAULT_TIMEOUT=60")

# paradigm test: >= 1,000 inflected forms of >= 50 stems of every class,
# generated independently of the .aff (needs no ../shared)
add_test(NAME dict_paradigms
         COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_LIST_DIR}/../scripts/dict-metrics.py
                 --dict ${BERPA_DICT_DIR}/az_AZ --paradigm-only)

# the committed az_AZ.aff is exactly what gen_aff.py writes
add_test(NAME dict_aff_uptodate
         COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_LIST_DIR}/../dict/gen_aff.py
                 --check ${CMAKE_CURRENT_LIST_DIR}/../dict/az_AZ.aff)
