/* SPDX-License-Identifier: Apache-2.0 */
/*
 * rowwise.c: the activations that work along each row (softmax, log_softmax, glu, sparsemax),
 * bias-add fused into their first pass. Compiled once per ISA level, like act_kernels.c.
 * No allocation: every intermediate lives in the output row itself.
 */
#include <assert.h>
#include <stddef.h>

#include "internal.h"
#include "vmath.h"

#define D4J_INF __builtin_inff()

/* z = r + bias, stored back in r; returns max(z) (a NaN in z is kept in r and shows later). */
static float bias_max(float *restrict r, const float *restrict bias, int64_t n) {
  float mx = -D4J_INF;
  if (bias != NULL) {
    _Pragma("omp simd reduction(max : mx)") for (int64_t j = 0; j < n; ++j) {
      float z = r[j] + bias[j];
      r[j] = z;
      mx = z > mx ? z : mx;
    }
  } else {
    _Pragma("omp simd reduction(max : mx)") for (int64_t j = 0; j < n; ++j) {
      mx = r[j] > mx ? r[j] : mx;
    }
  }
  return mx;
}

/*
 * d + dl = z - mx exactly (TwoSum), so that e^{z - mx} does not suffer from the rounding of
 * the difference; dl = 0 where d is far below the exp underflow (and for z = -inf).
 */
D4J_INLINE float diff_lo(float z, float mx, float d) {
  float bv = d - z;
  float av = d - bv;
  float dl = (z - av) + (-mx - bv);
  return d < -200.0f ? 0.0f : dl;
}

/* y = e^{z - max} / sum_j e^{z_j - max}; the sum is accumulated in double */
static void softmax_row(float *restrict r, const float *restrict bias, int64_t n) {
  float mx = bias_max(r, bias, n);
  double sum = 0.0;
  _Pragma("omp simd reduction(+ : sum)") for (int64_t j = 0; j < n; ++j) {
    float d = r[j] - mx;
    float k;
    float m = d4j_vexp_nonpos_mk(d, diff_lo(r[j], mx, d), &k); /* d <= 0 */
    float e = m * k;
    r[j] = e;
    sum += (double)e;
  }
  float s = (float)sum;
  D4J_SIMD for (int64_t j = 0; j < n; ++j) r[j] = r[j] / s;
}

/*
 * y = z - max - log(sum_j e^{z_j - max}). The entries equal to the max contribute exactly 1
 * each and are counted apart, so that log(sum) = log1p((ties - 1) + rest) keeps full relative
 * accuracy when the rest is tiny (a double sum 1 + rest would drop it below 2^-53).
 */
static void log_softmax_row(float *restrict r, const float *restrict bias, int64_t n) {
  float mx = bias_max(r, bias, n);
  double rest = 0.0;
  int64_t ties = 0;
  _Pragma("omp simd reduction(+ : rest, ties)") for (int64_t j = 0; j < n; ++j) {
    float d = r[j] - mx;
    float k;
    float m = d4j_vexp_nonpos_mk(d, diff_lo(r[j], mx, d), &k); /* d <= 0 */
    int tie = d == 0.0f;
    rest += tie ? 0.0 : (double)(m * k); /* a NaN d is no tie and makes rest NaN */
    ties += tie;
  }
  float lse = d4j_vlog1p((float)((double)(ties - 1) + rest));
  D4J_SIMD for (int64_t j = 0; j < n; ++j) {
    float d = r[j] - mx;
    r[j] = (d - lse) + diff_lo(r[j], mx, d);
  }
}

/* y[0, h) = a sigmoid(g), y[h, n) = g, with a = z[0, h), g = z[h, n), h = n / 2 */
static void glu_row(float *restrict r, const float *restrict bias, int64_t n) {
  int64_t h = n / 2;
  float *restrict ra = r;
  float *restrict rg = r + h;
  if (bias != NULL) {
    const float *restrict ba = bias;
    const float *restrict bg = bias + h;
    D4J_SIMD for (int64_t j = 0; j < h; ++j) {
      float g = rg[j] + bg[j];
      rg[j] = g;
      ra[j] = d4j_vsigmoid_mul(g, ra[j] + ba[j]);
    }
  } else {
    D4J_SIMD for (int64_t j = 0; j < h; ++j) ra[j] = d4j_vsigmoid_mul(rg[j], ra[j]);
  }
}

/*
 * y = max(z - tau, 0) with tau such that sum(y) = 1 (Martins & Astudillo), found without
 * sorting or scratch memory by Michelot's projection: tau_0 = (sum(z) - 1) / n, then
 * tau_{k+1} = (sum_{z > tau_k} z - 1) / #{z > tau_k}. tau increases and the support shrinks
 * until it is stable; the fixed point is the sort-based tau of spec §2.2. Each step is one
 * vectorised pass; a few steps suffice in practice (at most n). Sums and tau in double.
 */
static void sparsemax_row(float *restrict r, const float *restrict bias, int64_t n) {
  if (bias != NULL) {
    D4J_SIMD for (int64_t j = 0; j < n; ++j) r[j] += bias[j];
  }
  /* NOTE: tau is found relative to the row's maximum (sparsemax is shift-invariant), so the top
   * value is always in the support: with huge logits (|z| >= 1e20) "(sum - 1) / k" would lose the
   * 1 and leave an empty support. */
  float mx = r[0];
  for (int64_t j = 1; j < n; ++j) mx = r[j] > mx ? r[j] : mx;
  double top = mx - mx == 0.0f ? (double)mx : 0.0; /* a row holding an infinity or NaN: no shift */
  double sum = 0.0;
  _Pragma("omp simd reduction(+ : sum)") for (int64_t j = 0; j < n; ++j) sum += (double)r[j] - top;
  double tau = (sum - 1.0) / (double)n;
  int64_t support = n;
  for (int64_t it = 0; it < n; ++it) {
    double s = 0.0;
    int64_t cnt = 0;
    _Pragma("omp simd reduction(+ : s, cnt)") for (int64_t j = 0; j < n; ++j) {
      double z = (double)r[j] - top;
      int in = z > tau;
      s += in ? z : 0.0;
      cnt += in;
    }
    /* stable support: tau is final; an empty one only follows a NaN or an infinity in the row */
    if (cnt >= support || cnt == 0) break;
    support = cnt;
    tau = (s - 1.0) / (double)cnt;
  }
  D4J_SIMD for (int64_t j = 0; j < n; ++j) {
    double d = ((double)r[j] - top) - tau;
    r[j] = (float)(d < 0.0 ? 0.0 : d);
  }
}

/* row-wise activations of d4j_f32_bias_act; arguments checked by api.c */
void D4J_KERNEL(d4j_f32_rowwise)(int32_t act, int64_t m, int64_t n, float *y, int64_t ldy,
                                 const float *bias) {
  assert(m > 0 && n > 0 && y != NULL && ldy >= n);
  for (int64_t i = 0; i < m; ++i) {
    float *r = y + i * ldy;
    switch (act) {
      case D4J_ACT_SOFTMAX: softmax_row(r, bias, n); break;
      case D4J_ACT_LOG_SOFTMAX: log_softmax_row(r, bias, n); break;
      case D4J_ACT_GLU: assert(n % 2 == 0); glu_row(r, bias, n); break;
      case D4J_ACT_SPARSEMAX: sparsemax_row(r, bias, n); break;
      default: assert(!"not a row-wise activation"); return;
    }
  }
}
