# more.cmake: further tests, included by tests/CMakeLists.txt.  Sections
# belong to different owners; edit only your own.

# --- cli/fuzz/samples ---
# The berpa command as a filter (tests/cli.sh) and the bundled samples
# against their goldens (tests/samples.sh).  Both need bash.
find_program(BERPA_BASH bash)
if(BERPA_BASH)
  add_test(NAME cli COMMAND ${BERPA_BASH} ${CMAKE_CURRENT_SOURCE_DIR}/cli.sh
           $<TARGET_FILE:berpa_cli>)
  add_test(NAME diag_codes COMMAND ${BERPA_BASH} ${CMAKE_CURRENT_SOURCE_DIR}/diag_codes.sh
           $<TARGET_FILE:berpa_cli> ${PROJECT_SOURCE_DIR}/pipeline/berpa.1)
  add_test(NAME samples COMMAND ${BERPA_BASH} ${CMAKE_CURRENT_SOURCE_DIR}/samples.sh
           $<TARGET_FILE:berpa_cli>)
  set_tests_properties(cli samples PROPERTIES SKIP_RETURN_CODE 77
    ENVIRONMENT "BERPA_DICT=${BERPA_DICT_DIR}/az_AZ")
endif()

# The fuzz target, replayed over its corpus in every test run.
add_executable(fuzz_replay fuzz/replay.c fuzz/fuzz_run.c)
target_link_libraries(fuzz_replay PRIVATE berpa_static)
add_test(NAME fuzz_replay COMMAND fuzz_replay ${CMAKE_CURRENT_SOURCE_DIR}/fuzz/corpus)

# -DBERPA_FUZZ=ON -DCMAKE_C_COMPILER=clang: a libFuzzer binary, fuzz_run,
# over its own copy of the library built with coverage instrumentation.
if(BERPA_FUZZ)
  if(NOT CMAKE_C_COMPILER_ID MATCHES "Clang")
    message(FATAL_ERROR "BERPA_FUZZ needs clang: -DCMAKE_C_COMPILER=clang")
  endif()
  get_target_property(berpa_defs berpa_obj COMPILE_DEFINITIONS)
  add_library(berpa_fuzzlib STATIC ${BERPA_LIB_SOURCES})
  target_compile_definitions(berpa_fuzzlib PRIVATE ${berpa_defs})
  target_include_directories(berpa_fuzzlib PUBLIC ${PROJECT_SOURCE_DIR}/pipeline)
  target_link_libraries(berpa_fuzzlib PUBLIC PkgConfig::ICU PkgConfig::HUNSPELL PkgConfig::JSONC PkgConfig::TESSERACT PkgConfig::LEPT
                        PkgConfig::LIBXML2 m)
  target_compile_options(berpa_fuzzlib PRIVATE
    -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all)
  add_executable(fuzz_run fuzz/fuzz_run.c)
  target_compile_options(fuzz_run PRIVATE -fsanitize=fuzzer,address,undefined)
  target_link_options(fuzz_run PRIVATE -fsanitize=fuzzer,address,undefined)
  target_link_libraries(fuzz_run PRIVATE berpa_fuzzlib)
endif()
# --- end cli ---

# --- tei (walk/emitters) ---
# tei_strip: reads berpa's TEI back as clean text or as the original.
add_executable(tei_strip ${CMAKE_CURRENT_SOURCE_DIR}/tei_strip.c)
target_link_libraries(tei_strip PRIVATE PkgConfig::LIBXML2)

# unit_walk also writes a TEI document using every construct (with its text
# output and raw input) for the schema and round-trip checks below.
set(BERPA_WALK_OUT ${CMAKE_CURRENT_BINARY_DIR}/walk_all)
set_property(TEST unit_walk APPEND PROPERTY ENVIRONMENT "BERPA_WALK_OUT=${BERPA_WALK_OUT}")
set_property(TEST unit_walk APPEND PROPERTY FIXTURES_SETUP walk_tei)

find_program(BERPA_BASH bash)
if(BERPA_BASH)
# Clean text from the TEI == text output; original from the TEI == input
# (white space normalised, NFC): for every samples/*.txt through the CLI ...
add_test(NAME tei_roundtrip COMMAND ${BERPA_BASH} ${CMAKE_CURRENT_SOURCE_DIR}/tei_roundtrip.sh
  samples $<TARGET_FILE:tei_strip> $<TARGET_FILE:berpa_cli> ${PROJECT_SOURCE_DIR}/samples)
# ... and for the document unit_walk built by hand.
add_test(NAME tei_roundtrip_unit COMMAND ${BERPA_BASH} ${CMAKE_CURRENT_SOURCE_DIR}/tei_roundtrip.sh
  unit $<TARGET_FILE:tei_strip> ${BERPA_WALK_OUT})
set_tests_properties(tei_roundtrip_unit PROPERTIES FIXTURES_REQUIRED walk_tei)
# jing against tei_all.rng (skips without it) and the @break XPath check.
add_test(NAME tei_validate COMMAND ${BERPA_BASH} ${CMAKE_CURRENT_SOURCE_DIR}/tei_validate.sh
  ${BERPA_SHARED_DIR}/schema/tei_all.rng $<TARGET_FILE:berpa_cli>
  ${PROJECT_SOURCE_DIR}/samples ${BERPA_WALK_OUT}.xml ${BERPA_WALK_OUT}-example.xml
  ${BERPA_WALK_OUT}-chars.xml ${BERPA_WALK_OUT}-empty.xml)
set_tests_properties(tei_validate PROPERTIES FIXTURES_REQUIRED walk_tei)
set_tests_properties(tei_roundtrip tei_roundtrip_unit tei_validate PROPERTIES SKIP_RETURN_CODE 77
  ENVIRONMENT "BERPA_DICT=${BERPA_DICT_DIR}/az_AZ")
endif()
# --- end tei ---

# --- corpus (lead) ---
# The quality targets on ../shared/corpus, scored by its score.py; skips
# when the shared folder is absent.
if(BERPA_BASH)
  add_test(NAME corpus COMMAND ${BERPA_BASH} ${CMAKE_CURRENT_SOURCE_DIR}/corpus.sh
           $<TARGET_FILE:berpa_cli> ${BERPA_SHARED_DIR})
  set_tests_properties(corpus PROPERTIES SKIP_RETURN_CODE 77
    ENVIRONMENT "BERPA_DICT=${BERPA_DICT_DIR}/az_AZ")
endif()
# --- end corpus ---

# --- alloc ---
# unit_alloc (tests/test_alloc.c) makes the i-th heap allocation fail: the
# linker sends this binary's malloc, calloc, realloc and strdup, the
# statically linked library's included, to the test's __wrap_* functions.
if(TARGET test_alloc)
  target_link_options(test_alloc PRIVATE
    "LINKER:--wrap=malloc,--wrap=calloc,--wrap=realloc,--wrap=strdup")
endif()
# --- end alloc ---

# --- cases (hyphen) ---
# The inputs of issue 10 against their right output (tests/cases/NAME.txt,
# NAME.out.txt), and their TEI: valid, and nothing of the input lost.
if(BERPA_BASH)
  add_test(NAME cases COMMAND ${BERPA_BASH} ${CMAKE_CURRENT_SOURCE_DIR}/cases.sh
           $<TARGET_FILE:berpa_cli> ${CMAKE_CURRENT_SOURCE_DIR}/cases)
  add_test(NAME cases_tei_roundtrip COMMAND ${BERPA_BASH}
           ${CMAKE_CURRENT_SOURCE_DIR}/tei_roundtrip.sh samples $<TARGET_FILE:tei_strip>
           $<TARGET_FILE:berpa_cli> ${CMAKE_CURRENT_SOURCE_DIR}/cases)
  add_test(NAME cases_tei_validate COMMAND ${BERPA_BASH}
           ${CMAKE_CURRENT_SOURCE_DIR}/tei_validate.sh ${BERPA_SHARED_DIR}/schema/tei_all.rng
           $<TARGET_FILE:berpa_cli> ${CMAKE_CURRENT_SOURCE_DIR}/cases)
  add_test(NAME structure_prose COMMAND ${BERPA_BASH}
    ${CMAKE_CURRENT_SOURCE_DIR}/structure_prose.sh $<TARGET_FILE:berpa_cli> ${BERPA_SHARED_DIR})
  add_test(NAME cases_tei_elements COMMAND ${BERPA_BASH}
    ${CMAKE_CURRENT_SOURCE_DIR}/cases_tei_elements.sh $<TARGET_FILE:berpa_cli> ${BERPA_SHARED_DIR})
  set_tests_properties(cases cases_tei_roundtrip cases_tei_validate structure_prose
                       cases_tei_elements PROPERTIES
    SKIP_RETURN_CODE 77 ENVIRONMENT "BERPA_DICT=${BERPA_DICT_DIR}/az_AZ")
endif()
# --- end cases ---
# --- check/eval ---
# berpa eval against the reference scorer on the shared corpus (skips
# without it), and the check/eval command lines.
find_program(BERPA_BASH bash)
if(BERPA_BASH)
  add_test(NAME eval_score COMMAND ${BERPA_BASH} ${CMAKE_CURRENT_SOURCE_DIR}/eval_score.sh
           $<TARGET_FILE:berpa_cli> ${BERPA_SHARED_DIR})
  set_tests_properties(eval_score PROPERTIES SKIP_RETURN_CODE 77)
  # berpa check and eval on the command line; berpa's sample outputs must
  # pass the quality gate.
  add_test(NAME check_cli COMMAND ${BERPA_BASH} ${CMAKE_CURRENT_SOURCE_DIR}/check_cli.sh
           $<TARGET_FILE:berpa_cli> ${PROJECT_SOURCE_DIR}/samples)
  set_tests_properties(check_cli PROPERTIES ENVIRONMENT "BERPA_DICT=${BERPA_DICT_DIR}/az_AZ")
endif()
# --- end check/eval ---
# Page images through leptonica and tesseract (tests/images.sh).
if(BERPA_BASH)
  add_test(NAME images COMMAND ${BERPA_BASH} ${CMAKE_CURRENT_SOURCE_DIR}/images.sh
           $<TARGET_FILE:berpa_cli> ${CMAKE_CURRENT_SOURCE_DIR}/images
           ${BERPA_SHARED_DIR}/schema/tei_all.rng)
  set_tests_properties(images PROPERTIES SKIP_RETURN_CODE 77 TIMEOUT 900
    ENVIRONMENT "BERPA_DICT=${BERPA_DICT_DIR}/az_AZ")
endif()
set_tests_properties(unit_image PROPERTIES TIMEOUT 900
  ENVIRONMENT "CK_DEFAULT_TIMEOUT=600;BERPA_DICT=${BERPA_DICT_DIR}/az_AZ")

# --- correct ---
# OCR correction leaves clean text and a consistently spelt dialect text
# alone (tests/correct_harm.sh).
if(BERPA_BASH)
  add_test(NAME correct_harm COMMAND ${BERPA_BASH} ${CMAKE_CURRENT_SOURCE_DIR}/correct_harm.sh
           $<TARGET_FILE:berpa_cli>)
  set_tests_properties(correct_harm PROPERTIES SKIP_RETURN_CODE 77
    ENVIRONMENT "BERPA_DICT=${BERPA_DICT_DIR}/az_AZ")
endif()
# --- review ---
# The HTML review page in headless chromium (tests/review.sh; skips
# without chromium, which scripts/setup.sh installs).
if(BERPA_BASH)
  add_test(NAME review COMMAND ${BERPA_BASH} ${CMAKE_CURRENT_SOURCE_DIR}/review.sh
           $<TARGET_FILE:berpa_cli> ${PROJECT_SOURCE_DIR}/samples
           ${CMAKE_CURRENT_SOURCE_DIR}/images)
  set_tests_properties(review PROPERTIES SKIP_RETURN_CODE 77 TIMEOUT 300
    ENVIRONMENT "BERPA_DICT=${BERPA_DICT_DIR}/az_AZ")
endif()
# --- end review ---
# --- samples check ---
# berpa check over berpa's own outputs with samples/berpa.toml, and the
# README's CI examples run as written (tests/samples_check.sh).
if(BERPA_BASH)
  add_test(NAME samples_check COMMAND ${BERPA_BASH} ${CMAKE_CURRENT_SOURCE_DIR}/samples_check.sh
           $<TARGET_FILE:berpa_cli> ${PROJECT_SOURCE_DIR})
  set_tests_properties(samples_check PROPERTIES ENVIRONMENT "BERPA_DICT=${BERPA_DICT_DIR}/az_AZ")
endif()
# --- end samples check ---
# --- startup ---
# The compiled dictionary tables (az_AZ.berpa) change nothing but the
# start-up time: the same outputs with and without them, on the samples
# and the shared cases and corpus (tests/lexdb_identical.sh).
if(BERPA_BASH AND TARGET berpa_lexdb)
  add_test(NAME lexdb_identical COMMAND ${BERPA_BASH}
           ${CMAKE_CURRENT_SOURCE_DIR}/lexdb_identical.sh $<TARGET_FILE:berpa_cli>
           ${BERPA_DICT_DIR} ${PROJECT_SOURCE_DIR} ${BERPA_SHARED_DIR})
  set_tests_properties(lexdb_identical PROPERTIES SKIP_RETURN_CODE 77 TIMEOUT 900)
endif()
# --- end startup ---
