# Issue 18, the directive oracle: opskit's directive trees and heading anchors against
# remark-directive and github-slugger (tests/directive-oracle/README.md). Needs
# tests/directive-oracle/node_modules (scripts/setup.sh runs npm ci there).
add_executable(opskit_directive_tree ${CMAKE_CURRENT_LIST_DIR}/opskit_tree.cpp)
target_link_libraries(opskit_directive_tree PRIVATE opskit_core nlohmann_json::nlohmann_json)
add_test(NAME directive_oracle
         COMMAND node ${CMAKE_CURRENT_LIST_DIR}/compare.mjs --opskit $<TARGET_FILE:opskit_directive_tree>
         WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})
set_tests_properties(directive_oracle PROPERTIES LABELS oracle TIMEOUT 300)
