# compiler/ as one static library per folder (a "stage"), declared bottom-up. A stage may use only
# the stages declared before it, and only those it names in DEPENDS: configuring fails on an
# #include of any other folder, so an upward include or a cycle cannot be built. The order here
# is the layering the README's layout section shows.
set(OPSKIT_STAGES)

function(opskit_stage name)
  cmake_parse_arguments(PARSE_ARGV 1 STAGE "" "" "DEPENDS")
  string(REPLACE "/" "_" target "opskit_${name}")
  foreach(dep ${STAGE_DEPENDS})
    if(NOT dep IN_LIST OPSKIT_STAGES)
      message(FATAL_ERROR "stage ${name} depends on ${dep}, which is not declared before it (stages go bottom-up)")
    endif()
  endforeach()
  file(GLOB sources CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/compiler/${name}/*.cpp)
  file(GLOB headers CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/compiler/${name}/*.hpp)
  list(FILTER sources EXCLUDE REGEX "/compiler/cli/main\\.cpp$")
  # Every #include "folder/..." must name this stage or a declared dependency.
  foreach(file ${sources} ${headers})
    file(STRINGS ${file} includes REGEX "^#include \"[a-z_]+/")
    foreach(line ${includes})
      string(REGEX REPLACE "^#include \"([a-z_]+)/([a-z_]+)/.*" "\\1/\\2" two "${line}")
      string(REGEX REPLACE "^#include \"([a-z_]+)/.*" "\\1" one "${line}")
      if(one STREQUAL "outputs")
        set(folder ${two})
      else()
        set(folder ${one})
      endif()
      if(NOT folder STREQUAL name AND NOT folder IN_LIST STAGE_DEPENDS)
        file(RELATIVE_PATH rel ${CMAKE_SOURCE_DIR} ${file})
        message(FATAL_ERROR "${rel} includes ${folder}/, which stage ${name} does not depend on "
                            "(cmake/stages.cmake: DEPENDS ${STAGE_DEPENDS})")
      endif()
    endforeach()
  endforeach()
  # A stage of headers only (interfaces) is an INTERFACE library.
  if(sources)
    add_library(${target} STATIC ${sources})
    set(scope PUBLIC)
  else()
    add_library(${target} INTERFACE)
    set(scope INTERFACE)
  endif()
  target_include_directories(${target} ${scope} ${CMAKE_SOURCE_DIR}/compiler)
  target_link_libraries(${target} ${scope} opskit_third_party)
  foreach(dep ${STAGE_DEPENDS})
    string(REPLACE "/" "_" dep_target "opskit_${dep}")
    target_link_libraries(${target} ${scope} ${dep_target})
  endforeach()
  set(OPSKIT_STAGES ${OPSKIT_STAGES} ${name} PARENT_SCOPE)
  if(sources)  # the compiled ones (the fuzz build instruments these)
    set(OPSKIT_STAGE_TARGETS ${OPSKIT_STAGE_TARGETS} ${target} PARENT_SCOPE)
  endif()
endfunction()

add_library(opskit_third_party INTERFACE)
target_include_directories(opskit_third_party INTERFACE ${MUSTACHE_INCLUDE_DIR})
target_link_libraries(opskit_third_party INTERFACE
  PkgConfig::CMARK_GFM PkgConfig::LIBZIP ZLIB::ZLIB OpenSSL::Crypto yaml-cpp pugixml::pugixml nlohmann_json::nlohmann_json
  ${CMAKE_DL_LIBS})
# libcurl's header only: check/curl_library opens the library when `check --external` first needs
# it, so that it and the 25 libraries it brought are not loaded at every command's start.
target_include_directories(opskit_third_party INTERFACE ${CURL_INCLUDE_DIRS})
target_compile_definitions(opskit_third_party INTERFACE OPSKIT_VERSION="${PROJECT_VERSION}")

opskit_stage(support)
opskit_stage(diagnostics DEPENDS support)
opskit_stage(model DEPENDS support diagnostics)
opskit_stage(project DEPENDS support diagnostics model)
opskit_stage(load DEPENDS support diagnostics model)
opskit_stage(parse DEPENDS support diagnostics model project load)
opskit_stage(index DEPENDS support diagnostics model)
opskit_stage(resolve DEPENDS support diagnostics model)
opskit_stage(emit DEPENDS support diagnostics)
opskit_stage(render DEPENDS support diagnostics model parse resolve)
opskit_stage(check DEPENDS support diagnostics model project parse resolve render emit)
opskit_stage(outputs/common DEPENDS support diagnostics model resolve render emit)
opskit_stage(outputs/site DEPENDS support diagnostics model resolve render emit check outputs/common)
opskit_stage(outputs/bundles DEPENDS support diagnostics model resolve render emit outputs/common outputs/site)
opskit_stage(verify DEPENDS support diagnostics emit)
opskit_stage(diff DEPENDS support diagnostics verify)
opskit_stage(outputs/packages DEPENDS support diagnostics model load parse resolve render emit outputs/common outputs/site
             outputs/bundles verify diff)
opskit_stage(pipeline DEPENDS support diagnostics model project load parse index resolve render check emit
             outputs/common outputs/site outputs/bundles outputs/packages)
opskit_stage(assess DEPENDS support diagnostics model project load parse render emit pipeline)
opskit_stage(scaffold DEPENDS support diagnostics model project parse render pipeline)
opskit_stage(serve DEPENDS support diagnostics model load parse index resolve render emit outputs/common outputs/site pipeline)
# Only serve/ uses cpp-httplib (found in CMakeLists.txt).
target_link_libraries(opskit_serve PRIVATE PkgConfig::CPP_HTTPLIB)
opskit_stage(cli DEPENDS support diagnostics pipeline assess verify scaffold diff serve)
target_link_libraries(opskit_cli PUBLIC CLI11::CLI11)

# Everything but main(): what the unit tests and the fuzzers link.
add_library(opskit_core INTERFACE)
target_link_libraries(opskit_core INTERFACE opskit_cli)
