# SPDX-License-Identifier: Apache-2.0
# Cross toolchain for windows-x86_64 with Debian's gcc-mingw-w64-x86-64 (produces dense4j.dll,
# which imports only KERNEL32.dll and msvcrt.dll: libgcc is linked statically).
#   cmake --preset windows-x86_64    (native/CMakePresets.json)
# With wine installed, CTest runs every test through it; the preset points WINEPREFIX at the build
# folder and silences wine's debug output (WINEDEBUG=-all).
set(CMAKE_SYSTEM_NAME Windows)
set(CMAKE_SYSTEM_PROCESSOR x86_64)
set(CMAKE_C_COMPILER x86_64-w64-mingw32-gcc)
set(CMAKE_RC_COMPILER x86_64-w64-mingw32-windres)
set(CMAKE_FIND_ROOT_PATH /usr/x86_64-w64-mingw32)
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
if(CMAKE_HOST_SYSTEM_NAME STREQUAL "Windows")
  return() # a Windows host runs the tests itself
endif()
find_program(D4J_WINE NAMES wine wine64)
if(D4J_WINE)
  set(CMAKE_CROSSCOMPILING_EMULATOR ${D4J_WINE})
endif()
