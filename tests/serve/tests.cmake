# Issue 17: `opskit serve` over real HTTP (serve_test.py: paths, types, ETags, idle and concurrent
# clients, rebuilds and their problems, SIGINT), and in Chromium (tests/browser/serve.test.mjs:
# an edit shows without a reload, a broken front matter shows in the overlay and goes when fixed).
add_test(NAME serve_http
         COMMAND python3 ${CMAKE_CURRENT_LIST_DIR}/serve_test.py $<TARGET_FILE:opskit>
                 ${CMAKE_SOURCE_DIR}/tests/fixtures/operating-model/clean
                 ${CMAKE_SOURCE_DIR}/tests/fixtures/operating-model/bare-workshop
                 ${OPSKIT_TEST_OUT}/serve-http)
set_tests_properties(serve_http PROPERTIES TIMEOUT 300)
add_test(NAME browser_serve COMMAND node --test serve.test.mjs WORKING_DIRECTORY ${CMAKE_SOURCE_DIR}/tests/browser)
set_tests_properties(browser_serve PROPERTIES TIMEOUT 300 ENVIRONMENT "OPSKIT_BIN=$<TARGET_FILE:opskit>")
