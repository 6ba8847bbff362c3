# Issue 15: golden fixtures. Each tests/golden/<name>/ project is built (twice) with this build's
# opskit and its output tree compared with tests/golden/<name>/expected/ (compare.sh prints the
# diff); tests/golden/regenerate.sh rewrites expected/ when a change is intended.
foreach(name ops-library workshop handover)
  add_test(NAME golden_${name}
           COMMAND ${CMAKE_COMMAND} -E env OPSKIT=$<TARGET_FILE:opskit>
                   bash ${CMAKE_CURRENT_LIST_DIR}/compare.sh ${name})
  set_tests_properties(golden_${name} PROPERTIES TIMEOUT 300)
endforeach()
