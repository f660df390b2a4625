# SPDX-License-Identifier: Apache-2.0
# Cross toolchain for windows-x86_64 with Debian's gcc-mingw-w64-x86-64 (produces dense4j.dll):
#   cmake -S native -B build-win64 -DCMAKE_TOOLCHAIN_FILE=cmake/toolchains/windows-x86_64-mingw.cmake
# With wine installed, CTest runs the tests through it.
set(CMAKE_SYSTEM_NAME Windows)
set(CMAKE_SYSTEM_PROCESSOR x86_64)
set(CMAKE_C_COMPILER x86_64-w64-mingw32-gcc)
set(CMAKE_RC_COMPILER x86_64-w64-mingw32-windres)
set(CMAKE_FIND_ROOT_PATH /usr/x86_64-w64-mingw32)
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
find_program(D4J_WINE wine)
if(D4J_WINE)
  set(CMAKE_CROSSCOMPILING_EMULATOR ${D4J_WINE})
endif()
