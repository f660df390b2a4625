/* SPDX-License-Identifier: Apache-2.0 */
/*
 * penalties.c: the L1/L2 penalty of Keras' L1, L2 and L1L2 regularizers and its gradient.
 * Sums are accumulated in double, one row at a time.
 */
#include <math.h>
#include <stddef.h>

#include "internal.h"

static int factor_ok(float f) { return isfinite(f) && f >= 0.0f; }

static int64_t max1(int64_t n) { return n > 1 ? n : 1; }

/* sum(|x|) and sum(x^2) over one row */
static void row_sums(const float *x, int64_t n, double *abs_sum, double *sq_sum) {
  double a = 0.0;
  double s = 0.0;
  _Pragma("omp simd reduction(+ : a, s)") for (int64_t j = 0; j < n; j++) {
    double v = (double)x[j];
    a += fabs(v);
    s += v * v;
  }
  *abs_sum += a;
  *sq_sum += s;
}

D4J_API int32_t d4j_f32_l1l2_penalty(float l1, float l2, int64_t m, int64_t n, const float *x,
                                     int64_t ldx, double *out) {
  if (!factor_ok(l1)) return -1;
  if (!factor_ok(l2)) return -2;
  if (m < 0) return -3;
  if (n < 0) return -4;
  if (x == NULL && m > 0 && n > 0) return -5;
  if (ldx < max1(n)) return -6;
  if (out == NULL) return -7;
  double abs_sum = 0.0;
  double sq_sum = 0.0;
  for (int64_t i = 0; i < m && n > 0; i++) {
    row_sums(x + i * ldx, n, &abs_sum, &sq_sum);
  }
  double p = 0.0;
  if (l1 != 0.0f) p += (double)l1 * abs_sum;
  if (l2 != 0.0f) p += (double)l2 * sq_sum;
  *out = p;
  return D4J_OK;
}

/* sign(v) with sign(+-0) = +-0 and sign(NaN) = NaN */
static double sign_of(double v) { return v > 0.0 ? 1.0 : (v < 0.0 ? -1.0 : v); }

/* g[j] += a * sign(x[j]) + b * x[j], a term left out when its factor is 0 */
static void grad_row(double a, double b, const float *x, float *g, int64_t n) {
  if (a != 0.0 && b != 0.0) {
    D4J_SIMD for (int64_t j = 0; j < n; j++) {
      double v = (double)x[j];
      g[j] = (float)((double)g[j] + a * sign_of(v) + b * v);
    }
  } else if (a != 0.0) {
    D4J_SIMD for (int64_t j = 0; j < n; j++) {
      g[j] = (float)((double)g[j] + a * sign_of((double)x[j]));
    }
  } else if (b != 0.0) {
    D4J_SIMD for (int64_t j = 0; j < n; j++) {
      g[j] = (float)((double)g[j] + b * (double)x[j]);
    }
  }
}

D4J_API int32_t d4j_f32_l1l2_grad_acc(float l1, float l2, int64_t m, int64_t n, const float *x,
                                      int64_t ldx, float *g, int64_t ldg) {
  if (!factor_ok(l1)) return -1;
  if (!factor_ok(l2)) return -2;
  if (m < 0) return -3;
  if (n < 0) return -4;
  if (x == NULL && m > 0 && n > 0) return -5;
  if (ldx < max1(n)) return -6;
  if (g == NULL && m > 0 && n > 0) return -7;
  if (ldg < max1(n)) return -8;
  for (int64_t i = 0; i < m && n > 0; i++) {
    grad_row((double)l1, 2.0 * (double)l2, x + i * ldx, g + i * ldg, n);
  }
  return D4J_OK;
}
