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

/* ---- packed kernels (packed.c, packed_kernels.c) ------------------------------------------ */

/* Output columns per packed panel, for every precision and ISA level. */
#define D4J_PANEL 32

/* One checked call of d4j_packed_dense: m > 0, k > 0, n > 0 (even for GLU), ld* valid. */
typedef struct d4j_packed_call {
  int32_t act;
  float p0, p1, p2;
  int64_t m, k, n;
  const float *x;
  int64_t ldx;
  const void *packed;
  const float *bias; /* NULL: no bias */
  float *y;
  int64_t ldy;
  void *scratch; /* d4j_packed_scratch_size bytes, 64-byte aligned */
} d4j_packed_call;

typedef void (*d4j_packed_kernel)(const d4j_packed_call *c);

/* packed_kernels.c is compiled once per level of D4J_PACKED_LEVELS (CMakeLists.txt). */
#define D4J_DECLARE_PACKED(isa)                                      \
  void d4j_packed_f32__##isa(const d4j_packed_call *c);              \
  void d4j_packed_bf16__##isa(const d4j_packed_call *c);             \
  void d4j_packed_int8__##isa(const d4j_packed_call *c);

D4J_DECLARE_PACKED(portable)
#if defined(D4J_HAVE_AVX2)
D4J_DECLARE_PACKED(avx2)
#endif
#if defined(D4J_HAVE_AVX512)
D4J_DECLARE_PACKED(avx512)
#endif
#if defined(D4J_HAVE_AVX512_VNNI)
D4J_DECLARE_PACKED(avx512_vnni)
#endif
#if defined(D4J_HAVE_AVX512_BF16)
D4J_DECLARE_PACKED(avx512_bf16)
#endif

/* Layout sizes shared by packing and the kernels (see dense4j.h, packed section). */
static inline int64_t d4j_ceil_div(int64_t a, int64_t b) { return (a + b - 1) / b; }
static inline int64_t d4j_align64(int64_t bytes) { return (bytes + 63) & ~(int64_t)63; }
static inline int64_t d4j_bf16_panel_bytes(int64_t k) { return d4j_ceil_div(k, 2) * 128; }
static inline int64_t d4j_int8_panel_bytes(int64_t k) { return 256 + d4j_ceil_div(k, 4) * 128; }
/* INT8 scratch: m float scales (padded to 64 bytes), then m rows of ceil(k/4)*4 int8 */
static inline int64_t d4j_int8_row_bytes(int64_t k) { return d4j_ceil_div(k, 4) * 4; }

/* float -> bfloat16 bits, round to nearest, ties to even; NaN stays a (quiet) NaN */
static inline uint32_t d4j_bf16_bits(float v) {
  union { float f; uint32_t u; } b = {v};
  if ((b.u & 0x7fffffffu) > 0x7f800000u) return (b.u >> 16) | 0x0040u;
  return (b.u + 0x7fffu + ((b.u >> 16) & 1u)) >> 16;
}

/* round half to even for |v| <= 2^22 (the quantised values are within +-128) */
static inline float d4j_round_even(float v) {
  const float magic = 12582912.0f; /* 1.5 * 2^23 */
  return v >= 0.0f ? (v + magic) - magic : -((-v + magic) - magic);
}

/* Keras' abs_max scale: 127 / (amax + 1e-7), in float32 */
static inline float d4j_int8_scale(float amax) { return 127.0f / (amax + 1e-7f); }

/* clip(round(v * scale), -127, 127) as Keras' abs_max_quantize computes it */
static inline int8_t d4j_int8_quantise(float v, float scale) {
  float q = d4j_round_even(v * scale);
  q = q > 127.0f ? 127.0f : q;
  q = q < -127.0f ? -127.0f : q;
  return (int8_t)q;
}

/* cpu.c: 1 when this CPU (and OS) can run the kernels of `isa` and they were built, else 0. */
int32_t d4j_cpu_has_isa(int32_t isa);

/* Pragma for the element loops: vectorise, the iterations are independent. */
#define D4J_SIMD _Pragma("omp simd")

#endif /* D4J_INTERNAL_H_ */
