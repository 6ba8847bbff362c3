# The compiler's folders are layered (cmake/stages.cmake); this proves the configure enforces it.
add_test(NAME architecture_layers COMMAND bash ${CMAKE_SOURCE_DIR}/tests/architecture/layers.sh ${CMAKE_SOURCE_DIR})
set_tests_properties(architecture_layers PROPERTIES TIMEOUT 120)
