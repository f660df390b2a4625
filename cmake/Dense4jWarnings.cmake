# SPDX-License-Identifier: Apache-2.0
# d4j_target_warnings(<target> [STRICT_FLOAT]): the project's warning set, as errors unless
# D4J_WARNINGS_AS_ERRORS is OFF. STRICT_FLOAT adds -Wdouble-promotion (library sources: a
# silent float -> double promotion in a kernel is a bug there, not in tests).
include_guard(GLOBAL)

option(D4J_WARNINGS_AS_ERRORS "Treat warnings in dense4j's own sources as errors" ON)

function(d4j_target_warnings target)
  cmake_parse_arguments(PARSE_ARGV 1 ARG "STRICT_FLOAT" "" "")
  if(CMAKE_C_COMPILER_ID MATCHES "GNU|Clang")
    set(flags -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wsign-conversion
              -Wstrict-prototypes -Wmissing-prototypes -Wcast-qual -Wundef -Wvla
              -Wformat=2 -Wnull-dereference)
    if(ARG_STRICT_FLOAT)
      list(APPEND flags -Wdouble-promotion)
    endif()
    if(D4J_WARNINGS_AS_ERRORS)
      list(APPEND flags -Werror)
    endif()
  elseif(MSVC)
    set(flags /W4)
    if(D4J_WARNINGS_AS_ERRORS)
      list(APPEND flags /WX)
    endif()
  endif()
  target_compile_options(${target} PRIVATE ${flags})
endfunction()
