# SPDX-License-Identifier: Apache-2.0
# linux-x86_64 with GCC (glibc). On an x86-64 host this is the native build; on another host it
# cross-compiles with Debian's gcc-x86-64-linux-gnu and CTest runs the tests through qemu-x86_64.
#   cmake --preset linux-x86_64      (native/CMakePresets.json)
if(NOT CMAKE_HOST_SYSTEM_PROCESSOR MATCHES "^(x86_64|AMD64|amd64)$")
  set(CMAKE_SYSTEM_NAME Linux)
  set(CMAKE_SYSTEM_PROCESSOR x86_64)
  set(CMAKE_FIND_ROOT_PATH /usr/x86_64-linux-gnu)
  set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
  set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
  set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
  find_program(D4J_QEMU_X86_64 qemu-x86_64)
  if(D4J_QEMU_X86_64)
    set(CMAKE_CROSSCOMPILING_EMULATOR ${D4J_QEMU_X86_64} -L /usr/x86_64-linux-gnu)
  endif()
endif()
set(CMAKE_C_COMPILER x86_64-linux-gnu-gcc)
