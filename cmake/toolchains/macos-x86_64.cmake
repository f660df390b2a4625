# SPDX-License-Identifier: Apache-2.0
# macos-x86_64 (Intel Macs) with Apple Clang, on a Mac or a macOS CI runner; not buildable on
# Linux. Produces libdense4j.dylib with the portable, AVX2 and AVX-512 kernels (picked at run
# time); native/CMakeLists.txt reads the architecture from CMAKE_OSX_ARCHITECTURES, so this also
# builds on an Apple silicon Mac, where the tests run under Rosetta 2. One architecture per build
# folder.
#   cmake --preset macos-x86_64      (native/CMakePresets.json)
set(CMAKE_C_COMPILER clang)
set(CMAKE_OSX_ARCHITECTURES x86_64 CACHE STRING "Target architecture of libdense4j")
set(CMAKE_OSX_DEPLOYMENT_TARGET 11.0 CACHE STRING "Oldest macOS that loads libdense4j")
