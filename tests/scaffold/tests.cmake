# Issue 21: `opskit new` (pages from archetypes, a project, a workshop) and `opskit diff` (what
# changed between two handover packages). Each part is its own CTest test (tests/scaffold/run.sh).
foreach(part pages project workshop diff hostile installed)
  add_test(NAME scaffold_${part}
           COMMAND bash ${CMAKE_CURRENT_LIST_DIR}/run.sh $<TARGET_FILE:opskit> ${OPSKIT_TEST_OUT}/scaffold-${part} ${part})
  set_tests_properties(scaffold_${part} PROPERTIES TIMEOUT 300)
endforeach()
