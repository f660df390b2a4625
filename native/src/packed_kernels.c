/* SPDX-License-Identifier: Apache-2.0 */
/*
 * packed_kernels.c: y = act(x · W + b) over packed weights (layouts in dense4j.h), one family of
 * microkernels per precision, compiled once per ISA level (D4J_ISA_SUFFIX). The driver walks the
 * 32-column panels of W (each read from memory once per call) and, inside a panel, tiles of up to
 * MR rows of x; a tile's accumulators start from the bias (F32, BF16) or are descaled and biased
 * (INT8), land in a 4 KiB stack tile where the element-wise activation runs in L1, and are then
 * stored to y: the output is written once and never re-read. Row-wise activations need whole
 * rows and run over y after the last panel. Arguments are checked by packed.c; kernels assert.
 */
#include <assert.h>
#include <stdint.h>
#include <string.h>

#include "internal.h"

#if defined(__AVX2__) || defined(__AVX512F__)
#  include <immintrin.h>
#endif

#define NR D4J_PANEL

#if defined(__AVX512F__)
#  define MR 8
#elif defined(__AVX2__)
#  define MR 3
#else
#  define MR 4
#endif

/* The bias-activation kernel of the same vector width (the VNNI/BF16 levels reuse AVX-512's). */
#define D4J_ACT_KERNEL D4J_CAT2(d4j_f32_bias_act, D4J_ACT_SUFFIX)
void D4J_ACT_KERNEL(int32_t act, float p0, float p1, float p2, int64_t m, int64_t n, float *y,
                    int64_t ldy, const float *bias);

#define ALIGN64 __attribute__((aligned(64)))
#define INLINE static inline __attribute__((always_inline))

static int is_rowwise(int32_t act) {
  return act == D4J_ACT_SOFTMAX || act == D4J_ACT_LOG_SOFTMAX || act == D4J_ACT_GLU ||
         act == D4J_ACT_SPARSEMAX;
}

/* The tile t (mr x NR, nc valid columns, bias included) through the activation into y. */
static void tile_epilogue(const d4j_packed_call *c, int mr, int nc, float t[][NR], float *y) {
  int32_t act = c->act;
  if (act == D4J_ACT_RELU && c->p0 == 0.0f && c->p2 == 0.0f && c->p1 > 3.4e38f) {
    for (int r = 0; r < mr; ++r) {
      D4J_SIMD for (int j = 0; j < nc; ++j) y[r * c->ldy + j] = t[r][j] < 0.0f ? 0.0f : t[r][j];
    }
    return;
  }
  if (act != D4J_ACT_LINEAR && !is_rowwise(act)) {
    D4J_ACT_KERNEL(act, c->p0, c->p1, c->p2, mr, nc, &t[0][0], NR, NULL);
  }
  for (int r = 0; r < mr; ++r) memcpy(y + r * c->ldy, t[r], (size_t)nc * sizeof(float));
}

static void rowwise_pass(const d4j_packed_call *c) {
  if (is_rowwise(c->act)) D4J_ACT_KERNEL(c->act, c->p0, c->p1, c->p2, c->m, c->n, c->y, c->ldy, NULL);
}

/* the panel's bias, zero-padded to NR columns */
static void panel_bias(const d4j_packed_call *c, int64_t j0, int nc, float b[NR]) {
  for (int j = 0; j < NR; ++j) b[j] = (c->bias != NULL && j < nc) ? c->bias[j0 + j] : 0.0f;
}

/* ============================== F32 ======================================================== */

/* t[r][:] = b + x[r, :] · panel, r < mr */
INLINE void f32_tile(int mr, int64_t k, const float *x, int64_t ldx, const float *w,
                     const float *b, float t[][NR]) {
#if defined(__AVX512F__)
  __m512 acc[MR][2];
  for (int r = 0; r < mr; ++r) {
    acc[r][0] = _mm512_load_ps(b);
    acc[r][1] = _mm512_load_ps(b + 16);
  }
  for (int64_t p = 0; p < k; ++p) {
    __m512 w0 = _mm512_load_ps(w + p * NR), w1 = _mm512_load_ps(w + p * NR + 16);
    for (int r = 0; r < mr; ++r) {
      __m512 xv = _mm512_set1_ps(x[r * ldx + p]);
      acc[r][0] = _mm512_fmadd_ps(xv, w0, acc[r][0]);
      acc[r][1] = _mm512_fmadd_ps(xv, w1, acc[r][1]);
    }
  }
  for (int r = 0; r < mr; ++r) {
    _mm512_store_ps(t[r], acc[r][0]);
    _mm512_store_ps(t[r] + 16, acc[r][1]);
  }
#elif defined(__AVX2__)
  __m256 acc[MR][4];
  for (int r = 0; r < mr; ++r)
    for (int v = 0; v < 4; ++v) acc[r][v] = _mm256_load_ps(b + 8 * v);
  for (int64_t p = 0; p < k; ++p) {
    __m256 xv[MR];
    for (int r = 0; r < mr; ++r) xv[r] = _mm256_broadcast_ss(x + r * ldx + p);
    for (int v = 0; v < 4; ++v) {
      __m256 wv = _mm256_load_ps(w + p * NR + 8 * v);
      for (int r = 0; r < mr; ++r) acc[r][v] = _mm256_fmadd_ps(xv[r], wv, acc[r][v]);
    }
  }
  for (int r = 0; r < mr; ++r)
    for (int v = 0; v < 4; ++v) _mm256_store_ps(t[r] + 8 * v, acc[r][v]);
#else
  for (int r = 0; r < mr; ++r) memcpy(t[r], b, NR * sizeof(float));
  for (int64_t p = 0; p < k; ++p) {
    for (int r = 0; r < mr; ++r) {
      float xv = x[r * ldx + p];
      D4J_SIMD for (int j = 0; j < NR; ++j) t[r][j] += xv * w[p * NR + j];
    }
  }
#endif
}

/* one row (GEMV): four interleaved partial sums over k hide the FMA latency */
static void f32_row(int64_t k, const float *x, const float *w, const float *b, float t[][NR]) {
#if defined(__AVX512F__)
  __m512 a[4][2];
  for (int u = 0; u < 4; ++u) a[u][0] = a[u][1] = _mm512_setzero_ps();
  int64_t p = 0;
  for (; p + 4 <= k; p += 4) {
    for (int u = 0; u < 4; ++u) {
      __m512 xv = _mm512_set1_ps(x[p + u]);
      a[u][0] = _mm512_fmadd_ps(xv, _mm512_load_ps(w + (p + u) * NR), a[u][0]);
      a[u][1] = _mm512_fmadd_ps(xv, _mm512_load_ps(w + (p + u) * NR + 16), a[u][1]);
    }
  }
  for (; p < k; ++p) {
    __m512 xv = _mm512_set1_ps(x[p]);
    a[0][0] = _mm512_fmadd_ps(xv, _mm512_load_ps(w + p * NR), a[0][0]);
    a[0][1] = _mm512_fmadd_ps(xv, _mm512_load_ps(w + p * NR + 16), a[0][1]);
  }
  for (int v = 0; v < 2; ++v) {
    __m512 s = _mm512_add_ps(_mm512_add_ps(a[0][v], a[1][v]), _mm512_add_ps(a[2][v], a[3][v]));
    _mm512_store_ps(t[0] + 16 * v, _mm512_add_ps(s, _mm512_load_ps(b + 16 * v)));
  }
#elif defined(__AVX2__)
  __m256 a[2][4];
  for (int v = 0; v < 4; ++v) a[0][v] = a[1][v] = _mm256_setzero_ps();
  int64_t p = 0;
  for (; p + 2 <= k; p += 2) {
    for (int u = 0; u < 2; ++u) {
      __m256 xv = _mm256_broadcast_ss(x + p + u);
      for (int v = 0; v < 4; ++v)
        a[u][v] = _mm256_fmadd_ps(xv, _mm256_load_ps(w + (p + u) * NR + 8 * v), a[u][v]);
    }
  }
  if (p < k) {
    __m256 xv = _mm256_broadcast_ss(x + p);
    for (int v = 0; v < 4; ++v) a[0][v] = _mm256_fmadd_ps(xv, _mm256_load_ps(w + p * NR + 8 * v), a[0][v]);
  }
  for (int v = 0; v < 4; ++v)
    _mm256_store_ps(t[0] + 8 * v, _mm256_add_ps(_mm256_add_ps(a[0][v], a[1][v]), _mm256_load_ps(b + 8 * v)));
#else
  f32_tile(1, k, x, 0, w, b, t);
#endif
}

void D4J_KERNEL(d4j_packed_f32)(const d4j_packed_call *c) {
  assert(c->m > 0 && c->k > 0 && c->n > 0);
  const float *packed = (const float *)c->packed;
  float ALIGN64 t[MR][NR];
  float ALIGN64 b[NR];
  for (int64_t j0 = 0; j0 < c->n; j0 += NR) {
    int nc = (int)(c->n - j0 < NR ? c->n - j0 : NR);
    const float *w = packed + (j0 / NR) * c->k * NR;
    panel_bias(c, j0, nc, b);
    if (c->m == 1) {
      f32_row(c->k, c->x, w, b, t);
      tile_epilogue(c, 1, nc, t, c->y + j0);
      continue;
    }
    for (int64_t i = 0; i < c->m; i += MR) {
      int mr = (int)(c->m - i < MR ? c->m - i : MR);
      const float *x = c->x + i * c->ldx;
      switch (mr) { /* constant row counts: the accumulators stay in registers */
#if MR == 8
        case 8: f32_tile(8, c->k, x, c->ldx, w, b, t); break;
        case 7: f32_tile(7, c->k, x, c->ldx, w, b, t); break;
        case 6: f32_tile(6, c->k, x, c->ldx, w, b, t); break;
        case 5: f32_tile(5, c->k, x, c->ldx, w, b, t); break;
#endif
#if MR >= 4
        case 4: f32_tile(4, c->k, x, c->ldx, w, b, t); break;
#endif
        case 3: f32_tile(3, c->k, x, c->ldx, w, b, t); break;
        case 2: f32_tile(2, c->k, x, c->ldx, w, b, t); break;
        default: f32_tile(1, c->k, x, c->ldx, w, b, t); break;
      }
      tile_epilogue(c, mr, nc, t, c->y + i * c->ldy + j0);
    }
  }
  rowwise_pass(c);
}

/* ============================== BF16 ======================================================= */

/* scratch rows, ceil(k/2) pairs each: vdpbf16ps reads (bf16(x[2p]) | bf16(x[2p+1]) << 16); the
 * widening levels read the two rounded values as floats, ready to broadcast (BF16_LANES per pair) */
#if defined(__AVX512BF16__)
#  define BF16_LANES 1
#else
#  define BF16_LANES 2
#endif
static void bf16_rows(const d4j_packed_call *c, uint32_t *xb, int64_t k2) {
  for (int64_t i = 0; i < c->m; ++i) {
    const float *x = c->x + i * c->ldx;
    uint32_t *o = xb + i * k2 * BF16_LANES;
    for (int64_t p = 0; p < k2; ++p) {
      uint32_t lo = d4j_bf16_bits(x[2 * p]);
      uint32_t hi = 2 * p + 1 < c->k ? d4j_bf16_bits(x[2 * p + 1]) : 0;
#if BF16_LANES == 1
      o[p] = lo | (hi << 16);
#else
      o[2 * p] = lo << 16;
      o[2 * p + 1] = hi << 16;
#endif
    }
  }
}

INLINE float bf16_lo(uint32_t v) {
  union { uint32_t u; float f; } b = {v << 16};
  return b.f;
}
INLINE float bf16_hi(uint32_t v) {
  union { uint32_t u; float f; } b = {v & 0xffff0000u};
  return b.f;
}

/* t[r][:] = b + sum over pairs p of xb[r, p] · panel[p] */
INLINE void bf16_tile(int mr, int64_t k2, const uint32_t *xb, const uint32_t *w, const float *b,
                      float t[][NR]) {
#if defined(__AVX512BF16__)
  __m512 acc[MR][2];
  for (int r = 0; r < mr; ++r) {
    acc[r][0] = _mm512_load_ps(b);
    acc[r][1] = _mm512_load_ps(b + 16);
  }
  for (int64_t p = 0; p < k2; ++p) {
    __m512bh w0 = (__m512bh)_mm512_load_si512(w + p * NR);
    __m512bh w1 = (__m512bh)_mm512_load_si512(w + p * NR + 16);
    for (int r = 0; r < mr; ++r) {
      __m512bh xv = (__m512bh)_mm512_set1_epi32((int)xb[r * k2 + p]);
      acc[r][0] = _mm512_dpbf16_ps(acc[r][0], xv, w0);
      acc[r][1] = _mm512_dpbf16_ps(acc[r][1], xv, w1);
    }
  }
  for (int r = 0; r < mr; ++r) {
    _mm512_store_ps(t[r], acc[r][0]);
    _mm512_store_ps(t[r] + 16, acc[r][1]);
  }
#elif defined(__AVX512F__)
  const __m512i hi = _mm512_set1_epi32((int)0xffff0000u);
  __m512 acc[MR][2];
  for (int r = 0; r < mr; ++r) {
    acc[r][0] = _mm512_load_ps(b);
    acc[r][1] = _mm512_load_ps(b + 16);
  }
  for (int64_t p = 0; p < k2; ++p) {
    __m512 we[2], wo[2];
    for (int v = 0; v < 2; ++v) {
      __m512i wv = _mm512_load_si512(w + p * NR + 16 * v);
      we[v] = _mm512_castsi512_ps(_mm512_slli_epi32(wv, 16));
      wo[v] = _mm512_castsi512_ps(_mm512_and_si512(wv, hi));
    }
    for (int r = 0; r < mr; ++r) {
      const float *xf = (const float *)(xb + (r * k2 + p) * 2);
      __m512 xe = _mm512_set1_ps(xf[0]), xo = _mm512_set1_ps(xf[1]);
      for (int v = 0; v < 2; ++v) {
        acc[r][v] = _mm512_fmadd_ps(xe, we[v], acc[r][v]);
        acc[r][v] = _mm512_fmadd_ps(xo, wo[v], acc[r][v]);
      }
    }
  }
  for (int r = 0; r < mr; ++r) {
    _mm512_store_ps(t[r], acc[r][0]);
    _mm512_store_ps(t[r] + 16, acc[r][1]);
  }
#elif defined(__AVX2__)
  const __m256i hi = _mm256_set1_epi32((int)0xffff0000u);
  __m256 acc[MR][4];
  for (int r = 0; r < mr; ++r)
    for (int v = 0; v < 4; ++v) acc[r][v] = _mm256_load_ps(b + 8 * v);
  for (int64_t p = 0; p < k2; ++p) {
    __m256 xe[MR], xo[MR];
    for (int r = 0; r < mr; ++r) {
      const float *xf = (const float *)(xb + (r * k2 + p) * 2);
      xe[r] = _mm256_broadcast_ss(xf);
      xo[r] = _mm256_broadcast_ss(xf + 1);
    }
    for (int v = 0; v < 4; ++v) {
      __m256i wv = _mm256_load_si256((const __m256i *)(w + p * NR + 8 * v));
      __m256 we = _mm256_castsi256_ps(_mm256_slli_epi32(wv, 16));
      __m256 wo = _mm256_castsi256_ps(_mm256_and_si256(wv, hi));
      for (int r = 0; r < mr; ++r) {
        acc[r][v] = _mm256_fmadd_ps(xe[r], we, acc[r][v]);
        acc[r][v] = _mm256_fmadd_ps(xo[r], wo, acc[r][v]);
      }
    }
  }
  for (int r = 0; r < mr; ++r)
    for (int v = 0; v < 4; ++v) _mm256_store_ps(t[r] + 8 * v, acc[r][v]);
#else
  for (int r = 0; r < mr; ++r) memcpy(t[r], b, NR * sizeof(float));
  for (int64_t p = 0; p < k2; ++p) {
    for (int r = 0; r < mr; ++r) {
      const float *xf = (const float *)(xb + (r * k2 + p) * 2);
      float xe = xf[0], xo = xf[1];
      D4J_SIMD for (int j = 0; j < NR; ++j) {
        t[r][j] += xe * bf16_lo(w[p * NR + j]);
        t[r][j] += xo * bf16_hi(w[p * NR + j]);
      }
    }
  }
#endif
}

/* one row (GEMV) with four interleaved partial sums, where the ISA has the registers */
static void bf16_row(int64_t k2, const uint32_t *xb, const uint32_t *w, const float *b,
                     float t[][NR]) {
#if defined(__AVX512BF16__)
  __m512 a[4][2];
  for (int u = 0; u < 4; ++u) a[u][0] = a[u][1] = _mm512_setzero_ps();
  int64_t p = 0;
  for (; p + 4 <= k2; p += 4) {
    for (int u = 0; u < 4; ++u) {
      __m512bh xv = (__m512bh)_mm512_set1_epi32((int)xb[p + u]);
      a[u][0] = _mm512_dpbf16_ps(a[u][0], xv, (__m512bh)_mm512_load_si512(w + (p + u) * NR));
      a[u][1] = _mm512_dpbf16_ps(a[u][1], xv, (__m512bh)_mm512_load_si512(w + (p + u) * NR + 16));
    }
  }
  for (; p < k2; ++p) {
    __m512bh xv = (__m512bh)_mm512_set1_epi32((int)xb[p]);
    a[0][0] = _mm512_dpbf16_ps(a[0][0], xv, (__m512bh)_mm512_load_si512(w + p * NR));
    a[0][1] = _mm512_dpbf16_ps(a[0][1], xv, (__m512bh)_mm512_load_si512(w + p * NR + 16));
  }
  for (int v = 0; v < 2; ++v) {
    __m512 s = _mm512_add_ps(_mm512_add_ps(a[0][v], a[1][v]), _mm512_add_ps(a[2][v], a[3][v]));
    _mm512_store_ps(t[0] + 16 * v, _mm512_add_ps(s, _mm512_load_ps(b + 16 * v)));
  }
#else
  bf16_tile(1, k2, xb, w, b, t);
#endif
}

void D4J_KERNEL(d4j_packed_bf16)(const d4j_packed_call *c) {
  assert(c->m > 0 && c->k > 0 && c->n > 0);
  int64_t k2 = d4j_ceil_div(c->k, 2);
  uint32_t *xb = (uint32_t *)c->scratch;
  bf16_rows(c, xb, k2);
  const unsigned char *packed = (const unsigned char *)c->packed;
  float ALIGN64 t[MR][NR];
  float ALIGN64 b[NR];
  for (int64_t j0 = 0; j0 < c->n; j0 += NR) {
    int nc = (int)(c->n - j0 < NR ? c->n - j0 : NR);
    const uint32_t *w = (const uint32_t *)(packed + (j0 / NR) * d4j_bf16_panel_bytes(c->k));
    panel_bias(c, j0, nc, b);
    if (c->m == 1) {
      bf16_row(k2, xb, w, b, t);
      tile_epilogue(c, 1, nc, t, c->y + j0);
      continue;
    }
    for (int64_t i = 0; i < c->m; i += MR) {
      int mr = (int)(c->m - i < MR ? c->m - i : MR);
      const uint32_t *x = xb + i * k2 * BF16_LANES;
      switch (mr) {
#if MR == 8
        case 8: bf16_tile(8, k2, x, w, b, t); break;
        case 7: bf16_tile(7, k2, x, w, b, t); break;
        case 6: bf16_tile(6, k2, x, w, b, t); break;
        case 5: bf16_tile(5, k2, x, w, b, t); break;
#endif
#if MR >= 4
        case 4: bf16_tile(4, k2, x, w, b, t); break;
#endif
        case 3: bf16_tile(3, k2, x, w, b, t); break;
        case 2: bf16_tile(2, k2, x, w, b, t); break;
        default: bf16_tile(1, k2, x, w, b, t); break;
      }
      tile_epilogue(c, mr, nc, t, c->y + i * c->ldy + j0);
    }
  }
  rowwise_pass(c);
}

/* ============================== INT8 ======================================================= */

/* scratch: m row scales (Keras' s_x; NaN for a row with a non-finite value), then the rows
 * quantised to int8, zero-padded to a multiple of 4 */
static void int8_rows(const d4j_packed_call *c, float *scales, int8_t *xq, int64_t row_bytes) {
  for (int64_t i = 0; i < c->m; ++i) {
    const float *x = c->x + i * c->ldx;
    int8_t *q = xq + i * row_bytes;
    float amax = 0.0f, finite = 0.0f;
    D4J_SIMD for (int64_t p = 0; p < c->k; ++p) {
      float a = x[p] < 0.0f ? -x[p] : x[p];
      amax = a > amax ? a : amax;
      finite = finite + (x[p] - x[p]); /* 0, or NaN once any value is NaN or +-inf */
    }
    if (finite != 0.0f || amax > 3.4028235e38f) {
      scales[i] = __builtin_nanf("");
      memset(q, 0, (size_t)row_bytes);
      continue;
    }
    float s = d4j_int8_scale(amax);
    scales[i] = s;
    D4J_SIMD for (int64_t p = 0; p < c->k; ++p) q[p] = d4j_int8_quantise(x[p], s);
    for (int64_t p = c->k; p < row_bytes; ++p) q[p] = 0;
  }
}

/* Accumulators of one tile: acc[r][j] = xq[r, :] · Wq[:, j] (exact int32). */
INLINE void int8_tile(int mr, int64_t k4, const int8_t *xq, int64_t ldq, const int8_t *w,
                      const int32_t *comp, int32_t acc[][NR]) {
#if defined(__AVX512VNNI__)
  /* vpdpbusd multiplies unsigned by signed bytes: x + 128 as u8, and the 128 · Σ_k Wq[k, j]
   * this adds is taken off again (comp, computed when packing) */
  const __m512i flip = _mm512_set1_epi32((int)0x80808080u);
  __m512i a[MR][2];
  for (int r = 0; r < mr; ++r) a[r][0] = a[r][1] = _mm512_setzero_si512();
  for (int64_t q = 0; q < k4; ++q) {
    __m512i w0 = _mm512_load_si512(w + q * 128), w1 = _mm512_load_si512(w + q * 128 + 64);
    for (int r = 0; r < mr; ++r) {
      int32_t quad;
      memcpy(&quad, xq + r * ldq + 4 * q, 4);
      __m512i xv = _mm512_xor_si512(_mm512_set1_epi32(quad), flip);
      a[r][0] = _mm512_dpbusd_epi32(a[r][0], xv, w0);
      a[r][1] = _mm512_dpbusd_epi32(a[r][1], xv, w1);
    }
  }
  __m512i c0 = _mm512_load_si512(comp), c1 = _mm512_load_si512(comp + 16);
  for (int r = 0; r < mr; ++r) {
    _mm512_storeu_si512(acc[r], _mm512_sub_epi32(a[r][0], c0));
    _mm512_storeu_si512(acc[r] + 16, _mm512_sub_epi32(a[r][1], c1));
  }
#elif defined(__AVX512BW__)
  /* without VNNI: weights widened to int16, vpmaddwd against the quad (x0, x1, x2, x3) as int16;
   * each int32 lane holds half a column's sum (k0+k1 or k2+k3), folded at the end */
  (void)comp;
  const __m512i evens = _mm512_set_epi32(30, 28, 26, 24, 22, 20, 18, 16, 14, 12, 10, 8, 6, 4, 2, 0);
  const __m512i odds = _mm512_add_epi32(evens, _mm512_set1_epi32(1));
  __m512i a[4][4];
  int rows = mr < 4 ? mr : 4;
  for (int r0 = 0; r0 < mr; r0 += 4) {
    rows = mr - r0 < 4 ? mr - r0 : 4;
    for (int r = 0; r < rows; ++r)
      for (int v = 0; v < 4; ++v) a[r][v] = _mm512_setzero_si512();
    for (int64_t q = 0; q < k4; ++q) {
      __m512i wv[4];
      for (int v = 0; v < 4; ++v)
        wv[v] = _mm512_cvtepi8_epi16(_mm256_load_si256((const __m256i *)(w + q * 128 + 32 * v)));
      for (int r = 0; r < rows; ++r) {
        int32_t quad;
        memcpy(&quad, xq + (r0 + r) * ldq + 4 * q, 4);
        __m128i x16 = _mm_cvtepi8_epi16(_mm_cvtsi32_si128(quad));
        __m512i xv = _mm512_broadcastq_epi64(x16);
        for (int v = 0; v < 4; ++v) a[r][v] = _mm512_add_epi32(a[r][v], _mm512_madd_epi16(wv[v], xv));
      }
    }
    for (int r = 0; r < rows; ++r) {
      for (int h = 0; h < 2; ++h) {
        __m512i lo = a[r][2 * h], hi2 = a[r][2 * h + 1];
        __m512i s = _mm512_add_epi32(_mm512_permutex2var_epi32(lo, evens, hi2),
                                     _mm512_permutex2var_epi32(lo, odds, hi2));
        _mm512_storeu_si512(acc[r0 + r] + 16 * h, s);
      }
    }
  }
#elif defined(__AVX2__)
  /* vpmaddubsw multiplies unsigned by signed bytes: |x| times W with x's sign moved onto it
   * (vpsignb); |x|, |W| <= 127 keep each pair sum within int16. Lane j of a vector is column j. */
  (void)comp;
  const __m256i ones = _mm256_set1_epi16(1);
  __m256i a[MR][4];
  for (int r = 0; r < mr; ++r)
    for (int v = 0; v < 4; ++v) a[r][v] = _mm256_setzero_si256();
  for (int64_t q = 0; q < k4; ++q) {
    __m256i xv[MR], xa[MR];
    for (int r = 0; r < mr; ++r) {
      int32_t quad;
      memcpy(&quad, xq + r * ldq + 4 * q, 4);
      xv[r] = _mm256_set1_epi32(quad);
      xa[r] = _mm256_abs_epi8(xv[r]);
    }
    for (int v = 0; v < 4; ++v) {
      __m256i wv = _mm256_load_si256((const __m256i *)(w + q * 128 + 32 * v));
      for (int r = 0; r < mr; ++r) {
        __m256i p16 = _mm256_maddubs_epi16(xa[r], _mm256_sign_epi8(wv, xv[r]));
        a[r][v] = _mm256_add_epi32(a[r][v], _mm256_madd_epi16(p16, ones));
      }
    }
  }
  for (int r = 0; r < mr; ++r)
    for (int v = 0; v < 4; ++v) _mm256_storeu_si256((__m256i *)(acc[r] + 8 * v), a[r][v]);
#else
  (void)comp;
  for (int r = 0; r < mr; ++r) {
    for (int j = 0; j < NR; ++j) acc[r][j] = 0;
    for (int64_t q = 0; q < k4; ++q) {
      const int8_t *x4 = xq + r * ldq + 4 * q;
      const int8_t *w4 = w + q * 128;
      D4J_SIMD for (int j = 0; j < NR; ++j) {
        acc[r][j] += x4[0] * w4[4 * j] + x4[1] * w4[4 * j + 1] + x4[2] * w4[4 * j + 2] +
                     x4[3] * w4[4 * j + 3];
      }
    }
  }
#endif
}

/* t = float(acc) / (s_x * s_w) + b, as Keras' int8 call computes it */
static void int8_descale(int mr, int32_t acc[][NR], const float *sx, const float *sw,
                         const float *b, float t[][NR]) {
  for (int r = 0; r < mr; ++r) {
    float s = sx[r];
    D4J_SIMD for (int j = 0; j < NR; ++j) t[r][j] = (float)acc[r][j] / (s * sw[j]) + b[j];
  }
}

void D4J_KERNEL(d4j_packed_int8)(const d4j_packed_call *c) {
  assert(c->m > 0 && c->k > 0 && c->n > 0);
  int64_t k4 = d4j_ceil_div(c->k, 4);
  int64_t row_bytes = d4j_int8_row_bytes(c->k);
  float *scales = (float *)c->scratch;
  int8_t *xq = (int8_t *)c->scratch + d4j_align64(c->m * (int64_t)sizeof(float));
  int8_rows(c, scales, xq, row_bytes);
  const unsigned char *packed = (const unsigned char *)c->packed;
  int32_t ALIGN64 acc[MR][NR];
  float ALIGN64 t[MR][NR];
  float ALIGN64 b[NR];
  for (int64_t j0 = 0; j0 < c->n; j0 += NR) {
    int nc = (int)(c->n - j0 < NR ? c->n - j0 : NR);
    const unsigned char *panel = packed + (j0 / NR) * d4j_int8_panel_bytes(c->k);
    const int32_t *comp = (const int32_t *)panel;
    const float *sw = (const float *)(panel + 128);
    const int8_t *w = (const int8_t *)(panel + 256);
    panel_bias(c, j0, nc, b);
    for (int64_t i = 0; i < c->m; i += MR) {
      int mr = (int)(c->m - i < MR ? c->m - i : MR);
      const int8_t *x = xq + i * row_bytes;
      switch (mr) {
#if MR == 8
        case 8: int8_tile(8, k4, x, row_bytes, w, comp, acc); break;
        case 7: int8_tile(7, k4, x, row_bytes, w, comp, acc); break;
        case 6: int8_tile(6, k4, x, row_bytes, w, comp, acc); break;
        case 5: int8_tile(5, k4, x, row_bytes, w, comp, acc); break;
#endif
#if MR >= 4
        case 4: int8_tile(4, k4, x, row_bytes, w, comp, acc); break;
#endif
        case 3: int8_tile(3, k4, x, row_bytes, w, comp, acc); break;
        case 2: int8_tile(2, k4, x, row_bytes, w, comp, acc); break;
        default: int8_tile(1, k4, x, row_bytes, w, comp, acc); break;
      }
      int8_descale(mr, acc, scales + i, sw, b, t);
      tile_epilogue(c, mr, nc, t, c->y + i * c->ldy + j0);
    }
  }
  rowwise_pass(c);
}
