# Included by the top-level CMakeLists.txt when OPSKIT_FUZZ=ON (CC=clang CXX=clang++): opskit_core
# instrumented for libFuzzer, ASan and UBSan, and one fuzzer per tests/fuzz/fuzz_<target>.cpp.
if(NOT CMAKE_CXX_COMPILER_ID MATCHES "Clang")
  message(FATAL_ERROR "OPSKIT_FUZZ=ON needs clang (configure with CC=clang CXX=clang++)")
endif()
set(OPSKIT_FUZZ_SANITIZERS -fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer)
target_compile_options(opskit_core PRIVATE -fsanitize=fuzzer-no-link ${OPSKIT_FUZZ_SANITIZERS})
foreach(t ${OPSKIT_FUZZ_TARGETS})
  add_executable(fuzz_${t} ${CMAKE_SOURCE_DIR}/tests/fuzz/fuzz_${t}.cpp)
  target_link_libraries(fuzz_${t} PRIVATE opskit_core)
  target_compile_options(fuzz_${t} PRIVATE -fsanitize=fuzzer ${OPSKIT_FUZZ_SANITIZERS})
  target_link_options(fuzz_${t} PRIVATE -fsanitize=fuzzer ${OPSKIT_FUZZ_SANITIZERS})
  target_compile_definitions(fuzz_${t} PRIVATE OPSKIT_SOURCE_DIR="${CMAKE_SOURCE_DIR}")
endforeach()
