# Browser tests of the site as people use it (issue 20): search over the whole text, the wide
# generated views (screen, phone, print to PDF: needs pdftotext), reading fixes and the theme
# choice, 404 at any depth. The kit has a real site.base_url; the bilingual fixture has none
# (404.html's script mode).
foreach(t search views reading phone weight)
  add_test(NAME browser_${t} COMMAND node --test ${t}.test.mjs WORKING_DIRECTORY ${CMAKE_SOURCE_DIR}/tests/browser)
  set_tests_properties(browser_${t} PROPERTIES FIXTURES_REQUIRED site_kit TIMEOUT 600 ENVIRONMENT
    "OPSKIT_SITE=${OPSKIT_TEST_OUT}/kit/site;OPSKIT_SCREENSHOTS=${OPSKIT_TEST_OUT}/screenshots")
endforeach()
add_test(NAME browser_notfound COMMAND node --test notfound.test.mjs WORKING_DIRECTORY ${CMAKE_SOURCE_DIR}/tests/browser)
set_tests_properties(browser_notfound PROPERTIES FIXTURES_REQUIRED "site_kit;site_bilingual" TIMEOUT 600 ENVIRONMENT
  "OPSKIT_SITE=${OPSKIT_TEST_OUT}/kit/site;OPSKIT_NO_BASE_URL_SITE=${OPSKIT_TEST_OUT}/bilingual/site")
# Accessibility (issue 20): axe-core in one page of each template and view, light and dark, the
# package's single file included; no serious or critical violation.
add_test(NAME browser_a11y COMMAND node --test a11y.test.mjs WORKING_DIRECTORY ${CMAKE_SOURCE_DIR}/tests/browser)
set_tests_properties(browser_a11y PROPERTIES FIXTURES_REQUIRED "site_kit;site_bilingual" TIMEOUT 600 ENVIRONMENT
  "OPSKIT_SITE=${OPSKIT_TEST_OUT}/kit/site;OPSKIT_NO_BASE_URL_SITE=${OPSKIT_TEST_OUT}/bilingual/site;OPSKIT_PACKAGE=${OPSKIT_TEST_OUT}/kit/packages")
# Screenshots of each template at 1366x900 and 390x844 (the views' come from browser_views).
add_test(NAME browser_screenshots COMMAND node --test screenshots.test.mjs WORKING_DIRECTORY ${CMAKE_SOURCE_DIR}/tests/browser)
set_tests_properties(browser_screenshots PROPERTIES FIXTURES_REQUIRED "site_kit;site_bilingual" TIMEOUT 600 ENVIRONMENT
  "OPSKIT_SITE=${OPSKIT_TEST_OUT}/kit/site;OPSKIT_NO_BASE_URL_SITE=${OPSKIT_TEST_OUT}/bilingual/site;OPSKIT_PACKAGE=${OPSKIT_TEST_OUT}/kit/packages;OPSKIT_SCREENSHOTS=${OPSKIT_TEST_OUT}/screenshots")
