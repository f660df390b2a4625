/* SPDX-License-Identifier: Apache-2.0 */
/*
 * api.c: the exported functions. Arguments are checked here, once, last to first so that the
 * lowest invalid argument number wins (OpenBLAS interface/ style); then empty work returns
 * and the kernel of the chosen ISA level runs. Kernels never re-check.
 */
#include <stdatomic.h>
#include <stddef.h>
#include <string.h>

#include "dense4j_testing.h"
#include "internal.h"

static d4j_bias_act_kernel kernel_for(int32_t isa) {
  switch (isa) {
    case D4J_ISA_PORTABLE: return d4j_f32_bias_act__portable;
#if defined(D4J_HAVE_AVX2)
    case D4J_ISA_AVX2: return d4j_f32_bias_act__avx2;
#endif
#if defined(D4J_HAVE_AVX512)
    case D4J_ISA_AVX512:
    case D4J_ISA_AVX512_VNNI: /* the epilogues have no use for VNNI or BF16 */
    case D4J_ISA_AVX512_BF16: return d4j_f32_bias_act__avx512;
#endif
    default: return NULL;
  }
}

D4J_API int32_t d4j_abi_version(void) { return D4J_ABI_VERSION; }

D4J_API const char *d4j_status_name(int32_t status) {
  if (status == D4J_OK) return "D4J_OK";
  if (status == D4J_ERR_UNSUPPORTED_CPU) return "D4J_ERR_UNSUPPORTED_CPU";
  if (status < 0) return "D4J_ERR_INVALID_ARGUMENT";
  return "D4J_ERR_UNKNOWN";
}

/* Internal versions of the ISA queries: calls from this file skip the exported (PLT) entries. */
static int32_t isa_supported(int32_t isa) {
  return d4j_cpu_has_isa(isa) && kernel_for(isa) != NULL ? 1 : 0;
}

/* Cached choice: 0 until first computed; racing threads all compute and store the same value. */
static atomic_int best_isa_cache;

static int32_t isa_best(void) {
  int32_t isa = (int32_t)atomic_load_explicit(&best_isa_cache, memory_order_relaxed);
  if (isa == 0) {
    isa = D4J_ISA_PORTABLE;
    if (isa_supported(D4J_ISA_AVX2)) isa = D4J_ISA_AVX2;
    if (isa_supported(D4J_ISA_AVX512)) isa = D4J_ISA_AVX512;
    if (isa_supported(D4J_ISA_AVX512_VNNI)) isa = D4J_ISA_AVX512_VNNI;
    if (isa_supported(D4J_ISA_AVX512_BF16)) isa = D4J_ISA_AVX512_BF16;
    atomic_store_explicit(&best_isa_cache, isa, memory_order_relaxed);
  }
  return isa;
}

D4J_API int32_t d4j_isa_supported(int32_t isa) { return isa_supported(isa); }

D4J_API int32_t d4j_isa_best(void) { return isa_best(); }

static int is_nan(float v) { return v != v; }
static int is_finite(float v) { return v - v == 0.0f; } /* NaN and +-inf give NaN */

/* 0, or -2 / -3 / -4 for the lowest invalid parameter p0 / p1 / p2 of a known activation */
static int32_t check_params(int32_t act, float p0, float p1, float p2) {
  int32_t info = 0;
  switch (act) {
    case D4J_ACT_RELU:
      if (is_nan(p2)) info = -4;
      if (!(p1 > 0.0f)) info = -3; /* max_value > 0, +inf for none; NaN fails */
      if (!is_finite(p0)) info = -2;
      break;
    case D4J_ACT_LEAKY_RELU:
    case D4J_ACT_ELU:
      if (!is_finite(p0)) info = -2;
      break;
    case D4J_ACT_CELU:
      if (!is_finite(p0) || p0 == 0.0f) info = -2;
      break;
    case D4J_ACT_HARD_SIGMOID:
    case D4J_ACT_HARD_SILU:
      if (!is_finite(p1)) info = -3;
      if (!is_finite(p0)) info = -2;
      break;
    case D4J_ACT_SQUAREPLUS:
      if (!is_finite(p0) || p0 < 0.0f) info = -2;
      break;
    case D4J_ACT_GELU:
      if (p0 != 0.0f && p0 != 1.0f) info = -2;
      break;
    case D4J_ACT_SOFT_SHRINK:
    case D4J_ACT_HARD_SHRINK:
    case D4J_ACT_THRESHOLD: /* THRESHOLD's default_value p1 is copied, any value is fine */
      if (is_nan(p0)) info = -2;
      break;
    default: break;
  }
  return info;
}

/* 0 or -k for the lowest invalid of arguments 1..8 of d4j_f32_bias_act (bias is never invalid) */
static int32_t check_args(int32_t act, float p0, float p1, float p2, int64_t m, int64_t n,
                          const float *y, int64_t ldy) {
  int32_t info = 0;
  if (ldy < (n > 1 ? n : 1)) info = -8;
  if (y == NULL && m > 0 && n > 0) info = -7;
  if (n < 0 || (act == D4J_ACT_GLU && n % 2 != 0)) info = -6;
  if (m < 0) info = -5;
  if (act >= D4J_ACT_LINEAR && act <= D4J_ACT_SPARSEMAX) {
    int32_t pinfo = check_params(act, p0, p1, p2);
    if (pinfo != 0) info = pinfo;
  } else {
    info = -1;
  }
  return info;
}

D4J_API int32_t d4j_f32_bias_act(int32_t act, float p0, float p1, float p2, int64_t m, int64_t n,
                                 float *y, int64_t ldy, const float *bias) {
  int32_t info = check_args(act, p0, p1, p2, m, n, y, ldy);
  if (info != 0) return info;
  if (m == 0 || n == 0) return D4J_OK;
  kernel_for(isa_best())(act, p0, p1, p2, m, n, y, ldy, bias);
  return D4J_OK;
}

/* Rows per block of d4j_f32_bias_act_keep: about 32 KiB of z, so the block is still in L1/L2
 * when it is copied and activated. */
static int64_t keep_block_rows(int64_t n) {
  int64_t rows = 8192 / (n > 0 ? n : 1);
  return rows > 0 ? rows : 1;
}

D4J_API int32_t d4j_f32_bias_act_keep(int32_t act, float p0, float p1, float p2, int64_t m,
                                      int64_t n, float *z, int64_t ldz, float *y, int64_t ldy,
                                      const float *bias) {
  int32_t info = 0;
  int64_t min_ld = n > 1 ? n : 1;
  if (ldy < min_ld) info = -10;
  if (y == NULL && m > 0 && n > 0) info = -9;
  int32_t zinfo = check_args(act, p0, p1, p2, m, n, z, ldz); /* -1 .. -8 */
  if (zinfo != 0) info = zinfo;
  if (info != 0) return info;
  if (m == 0 || n == 0) return D4J_OK;
  d4j_bias_act_kernel kernel = kernel_for(isa_best());
  int64_t block = keep_block_rows(n);
  for (int64_t i0 = 0; i0 < m; i0 += block) {
    int64_t rows = m - i0 < block ? m - i0 : block;
    float *zb = z + i0 * ldz;
    float *yb = y + i0 * ldy;
    if (bias != NULL) kernel(D4J_ACT_LINEAR, 0.0f, 0.0f, 0.0f, rows, n, zb, ldz, bias);
    for (int64_t i = 0; i < rows; ++i) memcpy(yb + i * ldy, zb + i * ldz, (size_t)n * sizeof(float));
    kernel(act, p0, p1, p2, rows, n, yb, ldy, NULL);
  }
  return D4J_OK;
}

D4J_API int32_t d4j_f32_bias_act_isa(int32_t act, float p0, float p1, float p2, int64_t m,
                                     int64_t n, float *y, int64_t ldy, const float *bias,
                                     int32_t isa) {
  int32_t info = isa >= D4J_ISA_PORTABLE && isa <= D4J_ISA_AVX512_BF16 ? 0 : -10;
  int32_t ainfo = check_args(act, p0, p1, p2, m, n, y, ldy);
  if (ainfo != 0) info = ainfo;
  if (info != 0) return info;
  if (!isa_supported(isa)) return D4J_ERR_UNSUPPORTED_CPU;
  if (m == 0 || n == 0) return D4J_OK;
  kernel_for(isa)(act, p0, p1, p2, m, n, y, ldy, bias);
  return D4J_OK;
}
