# The rule registry (compiler/diagnostics/rule_registry.cpp) against what reads and reports it.
# docs/rules.md is `opskit rules --format markdown`: this fails, showing the difference, when the
# registry changed and the file was not regenerated (the command is in docs/rules.md).
add_test(NAME rules_docs_match_registry COMMAND sh -c
         "\"$1\" rules --format markdown | diff -u \"$2\" - && echo 'docs/rules.md matches opskit rules --format markdown'"
         sh $<TARGET_FILE:opskit> ${CMAKE_SOURCE_DIR}/docs/rules.md)
# Every rule id the sources report is registered, and every registered id is reported somewhere.
add_test(NAME rules_ids_in_sources
         COMMAND python3 ${CMAKE_CURRENT_LIST_DIR}/ids-in-sources.py $<TARGET_FILE:opskit> ${CMAKE_SOURCE_DIR})
# The acceptance line of issue 15: a misspelled --rule is a usage error naming the closest id.
add_test(NAME rules_misspelled_override COMMAND sh -c
         "out=$(\"$1\" check -C \"$2\" --rule link.unresolvd=off 2>&1); code=$?; echo \"$out\"; [ $code -eq 2 ] && echo \"$out\" | grep -q \"did you mean 'link.unresolved'\""
         sh $<TARGET_FILE:opskit> ${CMAKE_SOURCE_DIR})
