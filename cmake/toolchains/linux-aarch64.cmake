# SPDX-License-Identifier: Apache-2.0
# Cross toolchain for linux-aarch64 (glibc) with Debian's gcc-aarch64-linux-gnu and
# libc6-dev-arm64-cross; with qemu-user installed, CTest runs every test through qemu-aarch64.
#   cmake --preset linux-aarch64     (native/CMakePresets.json)
# NEON is part of the AArch64 baseline (ARMv8-A), so the portable kernels are the NEON kernels:
# GCC vectorises them to 128-bit NEON with no extra flag and no run-time dispatch.
set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR aarch64)
set(CMAKE_C_COMPILER aarch64-linux-gnu-gcc)
set(CMAKE_FIND_ROOT_PATH /usr/aarch64-linux-gnu)
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
if(CMAKE_HOST_SYSTEM_PROCESSOR MATCHES "^(aarch64|arm64)$")
  return() # an arm64 host runs the tests itself
endif()
find_program(D4J_QEMU_AARCH64 qemu-aarch64)
if(D4J_QEMU_AARCH64)
  set(CMAKE_CROSSCOMPILING_EMULATOR ${D4J_QEMU_AARCH64} -L /usr/aarch64-linux-gnu)
endif()
