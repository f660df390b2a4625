# SPDX-License-Identifier: Apache-2.0
# macos-aarch64 (Apple silicon) with Apple Clang, on a Mac or a macOS CI runner; not buildable
# on Linux. Produces libdense4j.dylib with the portable kernels, which Clang vectorises to NEON
# (part of the arm64 baseline). One architecture per build folder.
#   cmake --preset macos-aarch64     (native/CMakePresets.json)
set(CMAKE_C_COMPILER clang)
set(CMAKE_OSX_ARCHITECTURES arm64 CACHE STRING "Target architecture of libdense4j")
set(CMAKE_OSX_DEPLOYMENT_TARGET 11.0 CACHE STRING "Oldest macOS that loads libdense4j")
