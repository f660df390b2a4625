# SPDX-License-Identifier: Apache-2.0
# Cross toolchain for linux-aarch64 with Debian's gcc-aarch64-linux-gnu:
#   cmake -S native -B build-aarch64 -DCMAKE_TOOLCHAIN_FILE=cmake/toolchains/linux-aarch64.cmake
# With qemu-user installed, CTest runs the tests through qemu-aarch64.
set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR aarch64)
set(CMAKE_C_COMPILER aarch64-linux-gnu-gcc)
set(CMAKE_FIND_ROOT_PATH /usr/aarch64-linux-gnu)
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
find_program(D4J_QEMU_AARCH64 qemu-aarch64)
if(D4J_QEMU_AARCH64)
  set(CMAKE_CROSSCOMPILING_EMULATOR ${D4J_QEMU_AARCH64} -L /usr/aarch64-linux-gnu)
endif()
