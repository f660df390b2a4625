/* SPDX-License-Identifier: Apache-2.0 */
/*
 * internal.h: declarations shared between the library's own sources; nothing here is
 * exported (the library is built with -fvisibility=hidden and these carry no D4J_API).
 */
#ifndef D4J_INTERNAL_H_
#define D4J_INTERNAL_H_

#include <stdint.h>

#include "dense4j.h"

/*
 * A kernel of one ISA level: the arguments of d4j_f32_bias_act, already checked, with
 * m > 0, n > 0 (even for GLU), y != NULL, ldy >= n. Kernels only assert.
 */
typedef void (*d4j_bias_act_kernel)(int32_t act, float p0, float p1, float p2, int64_t m,
                                    int64_t n, float *y, int64_t ldy, const float *bias);

/* act_kernels.c and rowwise.c are compiled once per ISA level; D4J_ISA_SUFFIX names it. */
#define D4J_CAT2_(a, b) a##__##b
#define D4J_CAT2(a, b) D4J_CAT2_(a, b)
#if defined(D4J_ISA_SUFFIX)
#  define D4J_KERNEL(name) D4J_CAT2(name, D4J_ISA_SUFFIX)
#endif

#define D4J_DECLARE_KERNELS(isa)                                                              \
  void d4j_f32_bias_act__##isa(int32_t act, float p0, float p1, float p2, int64_t m,           \
                               int64_t n, float *y, int64_t ldy, const float *bias);          \
  void d4j_f32_rowwise__##isa(int32_t act, int64_t m, int64_t n, float *y, int64_t ldy,        \
                              const float *bias);

D4J_DECLARE_KERNELS(portable)
#if defined(D4J_HAVE_AVX2)
D4J_DECLARE_KERNELS(avx2)
#endif
#if defined(D4J_HAVE_AVX512)
D4J_DECLARE_KERNELS(avx512)
#endif

/* cpu.c: 1 when this CPU (and OS) can run the kernels of `isa` and they were built, else 0. */
int32_t d4j_cpu_has_isa(int32_t isa);

/* Pragma for the element loops: vectorise, the iterations are independent. */
#define D4J_SIMD _Pragma("omp simd")

#endif /* D4J_INTERNAL_H_ */
