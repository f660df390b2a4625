/* SPDX-License-Identifier: Apache-2.0 */
/*
 * constraints.c: Keras' NonNeg and norm constraints (MaxNorm, MinMaxNorm, UnitNorm) over a
 * row-major matrix in place. Norms are accumulated in double; column norms in blocks of
 * D4J_COL_BLOCK columns kept on the stack, so nothing is allocated.
 */
#include <math.h>
#include <stddef.h>

#include "internal.h"

#define D4J_COL_BLOCK 256

static int64_t max1(int64_t n) { return n > 1 ? n : 1; }

D4J_API int32_t d4j_f32_nonneg(int64_t m, int64_t n, float *w, int64_t ldw) {
  if (m < 0) return -1;
  if (n < 0) return -2;
  if (w == NULL && m > 0 && n > 0) return -3;
  if (ldw < max1(n)) return -4;
  for (int64_t i = 0; i < m && n > 0; i++) {
    float *row = w + i * ldw;
    D4J_SIMD for (int64_t j = 0; j < n; j++) {
      /* NOTE: a product, not max(): -inf * 0 = NaN and -x * 0 = -0.0, as Keras computes it */
      row[j] = row[j] * (row[j] >= 0.0f ? 1.0f : 0.0f);
    }
  }
  return D4J_OK;
}

/* the factor a slice of norm `norm` is multiplied by (see d4j_norm_constraint) */
static double norm_scale(int32_t kind, double lo, double hi, double rate, double norm) {
  const double eps = (double)1e-7f;
  if (kind == D4J_NORM_UNIT) return 1.0 / (eps + norm);
  double clipped = norm < lo ? lo : (norm > hi ? hi : norm);
  if (kind == D4J_NORM_MAX) return clipped / (eps + norm);
  return (rate * clipped + (1.0 - rate) * norm) / (eps + norm);
}

/* each row i scaled by its own factor */
static void rows_kernel(int32_t kind, double lo, double hi, double rate, int64_t m, int64_t n,
                        float *w, int64_t ldw) {
  for (int64_t i = 0; i < m; i++) {
    float *row = w + i * ldw;
    double s = 0.0;
    _Pragma("omp simd reduction(+ : s)") for (int64_t j = 0; j < n; j++) {
      s += (double)row[j] * (double)row[j];
    }
    double f = norm_scale(kind, lo, hi, rate, sqrt(s));
    D4J_SIMD for (int64_t j = 0; j < n; j++) row[j] = (float)((double)row[j] * f);
  }
}

/* columns [j0, j0 + nb) scaled by their own factors; nb <= D4J_COL_BLOCK */
static void column_block(int32_t kind, double lo, double hi, double rate, int64_t m, int64_t nb,
                         float *w, int64_t ldw) {
  double acc[D4J_COL_BLOCK] = {0.0};
  for (int64_t i = 0; i < m; i++) {
    const float *row = w + i * ldw;
    D4J_SIMD for (int64_t j = 0; j < nb; j++) acc[j] += (double)row[j] * (double)row[j];
  }
  for (int64_t j = 0; j < nb; j++) acc[j] = norm_scale(kind, lo, hi, rate, sqrt(acc[j]));
  for (int64_t i = 0; i < m; i++) {
    float *row = w + i * ldw;
    D4J_SIMD for (int64_t j = 0; j < nb; j++) row[j] = (float)((double)row[j] * acc[j]);
  }
}

D4J_API int32_t d4j_f32_norm_constraint(int32_t kind, float min_value, float max_value, float rate,
                                        int32_t axis, int64_t m, int64_t n, float *w, int64_t ldw) {
  if (kind != D4J_NORM_MAX && kind != D4J_NORM_MIN_MAX && kind != D4J_NORM_UNIT) return -1;
  if (kind == D4J_NORM_MIN_MAX &&
      !(isfinite(min_value) && min_value >= 0.0f && min_value <= max_value)) return -2;
  if (kind != D4J_NORM_UNIT && !(isfinite(max_value) && max_value > 0.0f)) return -3;
  if (kind == D4J_NORM_MIN_MAX && !(rate >= 0.0f && rate <= 1.0f)) return -4;
  if (axis != 0 && axis != 1) return -5;
  if (m < 0) return -6;
  if (n < 0) return -7;
  if (w == NULL && m > 0 && n > 0) return -8;
  if (ldw < max1(n)) return -9;
  if (m == 0 || n == 0) return D4J_OK;
  double lo = kind == D4J_NORM_MIN_MAX ? (double)min_value : 0.0;
  double hi = (double)max_value;
  double r = kind == D4J_NORM_MIN_MAX ? (double)rate : 1.0;
  if (axis == 1) {
    rows_kernel(kind, lo, hi, r, m, n, w, ldw);
  } else {
    for (int64_t j0 = 0; j0 < n; j0 += D4J_COL_BLOCK) {
      int64_t nb = n - j0 < D4J_COL_BLOCK ? n - j0 : D4J_COL_BLOCK;
      column_block(kind, lo, hi, r, m, nb, w + j0, ldw);
    }
  }
  return D4J_OK;
}
