/* SPDX-License-Identifier: Apache-2.0 */
/*
 * cpu.c: which ISA levels of the kernels this CPU, its OS and this build can run.
 * x86-64 asks libgcc's __builtin_cpu_supports, which also checks that the OS saves the
 * YMM/ZMM state (XGETBV); other targets only have the portable kernels.
 */
#include "internal.h"

#if defined(__GNUC__) && (defined(__x86_64__) || defined(__i386__))
#  define D4J_X86_CPUID 1
#endif

#if defined(D4J_X86_CPUID) && (defined(D4J_HAVE_AVX2) || defined(D4J_HAVE_AVX512))
static int32_t has_avx2_fma(void) {
  __builtin_cpu_init();
  return __builtin_cpu_supports("avx2") != 0 && __builtin_cpu_supports("fma") != 0;
}
#endif

int32_t d4j_cpu_has_isa(int32_t isa) {
  int32_t ok = 0;
  switch (isa) {
    case D4J_ISA_PORTABLE: ok = 1; break;
#if defined(D4J_X86_CPUID) && defined(D4J_HAVE_AVX2)
    case D4J_ISA_AVX2: ok = has_avx2_fma(); break;
#endif
#if defined(D4J_X86_CPUID) && defined(D4J_HAVE_AVX512)
    case D4J_ISA_AVX512:
      ok = has_avx2_fma() && __builtin_cpu_supports("avx512f") != 0 &&
           __builtin_cpu_supports("avx512dq") != 0 && __builtin_cpu_supports("avx512bw") != 0 &&
           __builtin_cpu_supports("avx512vl") != 0;
      break;
#endif
#if defined(D4J_X86_CPUID) && defined(D4J_HAVE_AVX512_VNNI)
    case D4J_ISA_AVX512_VNNI:
      ok = d4j_cpu_has_isa(D4J_ISA_AVX512) && __builtin_cpu_supports("avx512vnni") != 0;
      break;
#endif
#if defined(D4J_X86_CPUID) && defined(D4J_HAVE_AVX512_BF16)
    case D4J_ISA_AVX512_BF16:
      ok = d4j_cpu_has_isa(D4J_ISA_AVX512_VNNI) && __builtin_cpu_supports("avx512bf16") != 0;
      break;
#endif
    default: ok = 0; break;
  }
#if defined(D4J_TEST_MAX_ISA)
  /* test-only build (see CMakeLists.txt): pretend the CPU stops at this level */
  if (isa > D4J_TEST_MAX_ISA) ok = 0;
#endif
  return ok;
}
