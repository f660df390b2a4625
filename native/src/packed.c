/* SPDX-License-Identifier: Apache-2.0 */
/*
 * packed.c: the exported functions of the packed inference kernels: layout sizes, packing (done
 * once per kernel, in plain C) and the checked, dispatched d4j_packed_dense. Arguments are
 * checked last to first so that the lowest invalid argument number wins.
 */
#include <stddef.h>
#include <string.h>

#include "dense4j_testing.h"
#include "internal.h"

static int valid_precision(int32_t p) {
  return p == D4J_PRECISION_F32 || p == D4J_PRECISION_BF16 || p == D4J_PRECISION_INT8;
}

static int64_t panels(int64_t n) { return d4j_ceil_div(n, D4J_PANEL); }

static int64_t panel_bytes(int32_t precision, int64_t k) {
  switch (precision) {
    case D4J_PRECISION_F32: return k * D4J_PANEL * (int64_t)sizeof(float);
    case D4J_PRECISION_BF16: return d4j_bf16_panel_bytes(k);
    default: return d4j_int8_panel_bytes(k);
  }
}

/* the largest k and n whose packed size stays far from int64 overflow */
#define D4J_MAX_DIM ((int64_t)1 << 31)

static int valid_k(int32_t precision, int64_t k) {
  return k >= 1 && k <= D4J_MAX_DIM && (precision != D4J_PRECISION_INT8 || k <= D4J_INT8_MAX_K);
}

D4J_API int32_t d4j_packed_size(int32_t precision, int64_t k, int64_t n, int64_t *bytes) {
  int32_t info = 0;
  if (bytes == NULL) info = -4;
  if (n < 1 || n > D4J_MAX_DIM) info = -3;
  if (!valid_precision(precision)) info = -1;
  else if (!valid_k(precision, k)) info = -2;
  if (info != 0) return info;
  *bytes = panels(n) * panel_bytes(precision, k);
  return D4J_OK;
}

D4J_API int32_t d4j_packed_scratch_size(int32_t precision, int64_t m, int64_t k, int64_t *bytes) {
  int32_t info = 0;
  if (bytes == NULL) info = -4;
  if (!valid_precision(precision)) info = -1;
  else if (!valid_k(precision, k)) info = -3;
  if (m < 0 || m > D4J_MAX_DIM) info = info == -1 ? -1 : -2;
  if (info != 0) return info;
  switch (precision) {
    case D4J_PRECISION_F32: *bytes = 0; break;
    case D4J_PRECISION_BF16: *bytes = d4j_align64(m * d4j_ceil_div(k, 2) * 8); break; /* room for float pairs */
    default:
      *bytes = d4j_align64(m * (int64_t)sizeof(float)) + d4j_align64(m * d4j_int8_row_bytes(k));
      break;
  }
  return D4J_OK;
}

static void pack_f32(int64_t k, int64_t n, const float *w, int64_t ldw, float *out) {
  for (int64_t j0 = 0; j0 < n; j0 += D4J_PANEL) {
    float *panel = out + (j0 / D4J_PANEL) * k * D4J_PANEL;
    for (int64_t p = 0; p < k; ++p)
      for (int64_t j = 0; j < D4J_PANEL; ++j)
        panel[p * D4J_PANEL + j] = j0 + j < n ? w[p * ldw + j0 + j] : 0.0f;
  }
}

static void pack_bf16(int64_t k, int64_t n, const float *w, int64_t ldw, unsigned char *out) {
  int64_t k2 = d4j_ceil_div(k, 2);
  for (int64_t j0 = 0; j0 < n; j0 += D4J_PANEL) {
    uint32_t *panel = (uint32_t *)(out + (j0 / D4J_PANEL) * d4j_bf16_panel_bytes(k));
    for (int64_t p = 0; p < k2; ++p) {
      for (int64_t j = 0; j < D4J_PANEL; ++j) {
        uint32_t lo = 0, hi = 0;
        if (j0 + j < n) {
          lo = d4j_bf16_bits(w[2 * p * ldw + j0 + j]);
          if (2 * p + 1 < k) hi = d4j_bf16_bits(w[(2 * p + 1) * ldw + j0 + j]);
        }
        panel[p * D4J_PANEL + j] = lo | (hi << 16);
      }
    }
  }
}

/* Keras' per-output-channel int8 quantisation of each column; 128 · Σ_k Wq[k, j] for VNNI */
static void pack_int8(int64_t k, int64_t n, const float *w, int64_t ldw, unsigned char *out) {
  int64_t k4 = d4j_ceil_div(k, 4);
  for (int64_t j0 = 0; j0 < n; j0 += D4J_PANEL) {
    unsigned char *panel = out + (j0 / D4J_PANEL) * d4j_int8_panel_bytes(k);
    int32_t *comp = (int32_t *)panel;
    float *scale = (float *)(panel + 128);
    int8_t *q = (int8_t *)(panel + 256);
    memset(q, 0, (size_t)(k4 * 128));
    for (int64_t j = 0; j < D4J_PANEL; ++j) {
      comp[j] = 0;
      scale[j] = 1.0f;
      if (j0 + j >= n) continue;
      float amax = 0.0f;
      for (int64_t p = 0; p < k; ++p) {
        float a = w[p * ldw + j0 + j];
        a = a < 0.0f ? -a : a;
        amax = a > amax ? a : amax;
      }
      float s = d4j_int8_scale(amax);
      scale[j] = s;
      int32_t sum = 0;
      for (int64_t p = 0; p < k; ++p) {
        int8_t v = d4j_int8_quantise(w[p * ldw + j0 + j], s);
        q[(p / 4) * 128 + 4 * j + p % 4] = v;
        sum += v;
      }
      comp[j] = 128 * sum;
    }
  }
}

static int all_finite(int64_t k, int64_t n, const float *w, int64_t ldw) {
  for (int64_t p = 0; p < k; ++p)
    for (int64_t j = 0; j < n; ++j)
      if (!(w[p * ldw + j] - w[p * ldw + j] == 0.0f)) return 0;
  return 1;
}

D4J_API int32_t d4j_pack(int32_t precision, int64_t k, int64_t n, const float *w, int64_t ldw,
                         void *packed, int64_t packed_bytes) {
  int64_t need = 0;
  int32_t info = d4j_packed_size(precision, k, n, &need);
  if (info != 0) return info;
  if (packed_bytes < need) info = -7;
  if (packed == NULL || ((uintptr_t)packed & 63u) != 0) info = -6;
  if (ldw < n) info = -5;
  if (w == NULL) info = -4;
  else if (ldw >= n && precision == D4J_PRECISION_INT8 && !all_finite(k, n, w, ldw)) info = -4;
  if (info != 0) return info;
  switch (precision) {
    case D4J_PRECISION_F32: pack_f32(k, n, w, ldw, (float *)packed); break;
    case D4J_PRECISION_BF16: pack_bf16(k, n, w, ldw, (unsigned char *)packed); break;
    default: pack_int8(k, n, w, ldw, (unsigned char *)packed); break;
  }
  return D4J_OK;
}

/* ---- dispatch ------------------------------------------------------------------------------ */

static d4j_packed_kernel kernel_for(int32_t precision, int32_t isa) {
#define D4J_PICK(level)                                            \
  return precision == D4J_PRECISION_F32    ? d4j_packed_f32__##level  \
         : precision == D4J_PRECISION_BF16 ? d4j_packed_bf16__##level \
                                           : d4j_packed_int8__##level
  switch (isa) {
    case D4J_ISA_PORTABLE: D4J_PICK(portable);
#if defined(D4J_HAVE_AVX2)
    case D4J_ISA_AVX2: D4J_PICK(avx2);
#endif
#if defined(D4J_HAVE_AVX512)
    case D4J_ISA_AVX512: D4J_PICK(avx512);
#endif
#if defined(D4J_HAVE_AVX512_VNNI)
    case D4J_ISA_AVX512_VNNI: D4J_PICK(avx512_vnni);
#endif
#if defined(D4J_HAVE_AVX512_BF16)
    case D4J_ISA_AVX512_BF16: D4J_PICK(avx512_bf16);
#endif
    default: return NULL;
  }
#undef D4J_PICK
}

/* 0 or the lowest -k of arguments 1..16 of d4j_packed_dense */
static int32_t check_dense(int32_t precision, int32_t act, float p0, float p1, float p2,
                           int64_t m, int64_t k, int64_t n, const float *x, int64_t ldx,
                           const void *packed, float *y, int64_t ldy, void *scratch,
                           int64_t scratch_bytes) {
  int32_t info = 0;
  int64_t need = 0;
  if (valid_precision(precision) && valid_k(precision, k) && m >= 0 &&
      d4j_packed_scratch_size(precision, m, k, &need) == 0 && scratch_bytes < need) {
    info = -16;
  }
  if (scratch_bytes < 0) info = -16;
  if (((uintptr_t)scratch & 63u) != 0 || (scratch == NULL && scratch_bytes > 0)) info = -15;
  if (ldy < n) info = -14;
  if (y == NULL && m > 0) info = -13;
  if (m > 0 && (packed == NULL || ((uintptr_t)packed & 63u) != 0)) info = -11;
  if (ldx < k) info = -10;
  if (x == NULL && m > 0) info = -9;
  if (n < 1 || n > D4J_MAX_DIM || (act == D4J_ACT_GLU && n % 2 != 0)) info = -8;
  if (!valid_k(precision, k)) info = -7;
  if (m < 0) info = -6;
  /* the activation and its parameters: d4j_f32_bias_act's checks, shifted by one */
  int32_t ainfo = d4j_f32_bias_act(act, p0, p1, p2, 0, 0, NULL, 1, NULL);
  if (ainfo != 0) info = ainfo - 1;
  if (!valid_precision(precision)) info = -1;
  return info;
}

static int32_t run_dense(int32_t precision, int32_t act, float p0, float p1, float p2, int64_t m,
                         int64_t k, int64_t n, const float *x, int64_t ldx, const void *packed,
                         const float *bias, float *y, int64_t ldy, void *scratch, int32_t isa) {
  if (m == 0) return D4J_OK;
  d4j_packed_call c = {act, p0, p1, p2, m, k, n, x, ldx, packed, bias, y, ldy, scratch};
  kernel_for(precision, isa)(&c);
  return D4J_OK;
}

D4J_API int32_t d4j_packed_dense(int32_t precision, int32_t act, float p0, float p1, float p2,
                                 int64_t m, int64_t k, int64_t n, const float *x, int64_t ldx,
                                 const void *packed, const float *bias, float *y, int64_t ldy,
                                 void *scratch, int64_t scratch_bytes) {
  int32_t info = check_dense(precision, act, p0, p1, p2, m, k, n, x, ldx, packed, y, ldy, scratch,
                             scratch_bytes);
  if (info != 0) return info;
  return run_dense(precision, act, p0, p1, p2, m, k, n, x, ldx, packed, bias, y, ldy, scratch,
                   d4j_isa_best());
}

D4J_API int32_t d4j_packed_dense_isa(int32_t precision, int32_t act, float p0, float p1, float p2,
                                     int64_t m, int64_t k, int64_t n, const float *x, int64_t ldx,
                                     const void *packed, const float *bias, float *y, int64_t ldy,
                                     void *scratch, int64_t scratch_bytes, int32_t isa) {
  int32_t info = isa >= D4J_ISA_PORTABLE && isa <= D4J_ISA_AVX512_BF16 ? 0 : -17;
  int32_t dinfo = check_dense(precision, act, p0, p1, p2, m, k, n, x, ldx, packed, y, ldy, scratch,
                              scratch_bytes);
  if (dinfo != 0) info = dinfo;
  if (info != 0) return info;
  if (!d4j_isa_supported(isa) || kernel_for(precision, isa) == NULL) return D4J_ERR_UNSUPPORTED_CPU;
  return run_dense(precision, act, p0, p1, p2, m, k, n, x, ldx, packed, bias, y, ldy, scratch, isa);
}
