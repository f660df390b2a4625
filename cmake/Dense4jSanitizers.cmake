# SPDX-License-Identifier: Apache-2.0
# D4J_SANITIZE: "" (default) or a list of GCC/Clang sanitizers, e.g. "address;undefined".
# d4j_target_sanitizers(<target>) adds the compile and link flags; every finding is fatal
# (-fno-sanitize-recover=all) so that CTest reports it as a failure.
include_guard(GLOBAL)

set(D4J_SANITIZE "" CACHE STRING "Sanitizers for the library and tests, e.g. address;undefined")

function(d4j_target_sanitizers target)
  if(NOT D4J_SANITIZE)
    return()
  endif()
  if(NOT CMAKE_C_COMPILER_ID MATCHES "GNU|Clang")
    message(FATAL_ERROR "D4J_SANITIZE=${D4J_SANITIZE} needs GCC or Clang")
  endif()
  string(REPLACE ";" "," list "${D4J_SANITIZE}")
  set(flags -fsanitize=${list} -fno-sanitize-recover=all -fno-omit-frame-pointer)
  target_compile_options(${target} PRIVATE ${flags})
  get_target_property(type ${target} TYPE)
  if(NOT type STREQUAL "OBJECT_LIBRARY")
    target_link_options(${target} PRIVATE ${flags})
  endif()
endfunction()
