/* SPDX-License-Identifier: Apache-2.0 */
/*
 * act_kernels.c: y[i, :] = act(y[i, :] + bias) for the element-wise activations, bias-add and
 * activation fused in one pass over each row. Compiled once per ISA level with D4J_ISA_SUFFIX
 * = portable | avx2 | avx512 (see CMakeLists.txt); the row-wise activations are in rowwise.c.
 *
 * Every activation is a branch-free `static inline float act_<name>(float x, act_params P)`
 * and D4J_DEFINE_ROWS turns it into a `#pragma omp simd` row loop. Contracts common to all:
 * a NaN input gives NaN; at x = +-inf the result is the limit of the function (e.g.
 * silu(-inf) = 0, softsign(inf) = 1) where one exists.
 */
#include <assert.h>
#include <stddef.h>

#include "internal.h"
#include "vmath.h"

#define D4J_INF __builtin_inff()
#define D4J_TWO_POW_25 33554432.0f

/* The activation parameters plus values derived from them once per call. */
typedef struct act_params {
  float p0, p1, p2;
  float c0, c1; /* derived; meaning per activation, set in the dispatch below */
} act_params;

#define D4J_DEFINE_ROWS(name)                                                                 \
  static void rows_##name(act_params P, int64_t m, int64_t n, float *y, int64_t ldy,          \
                          const float *restrict bias) {                                       \
    for (int64_t i = 0; i < m; ++i) {                                                         \
      float *restrict r = y + i * ldy;                                                        \
      if (bias != NULL) {                                                                     \
        D4J_SIMD for (int64_t j = 0; j < n; ++j) r[j] = act_##name(r[j] + bias[j], P);       \
      } else {                                                                                \
        D4J_SIMD for (int64_t j = 0; j < n; ++j) r[j] = act_##name(r[j], P);                 \
      }                                                                                       \
    }                                                                                         \
  }

/* y = x */
D4J_INLINE float act_linear(float x, act_params P) { (void)P; return x; }

/*
 * y = relu(x; s = p0, max_value = p1, threshold = p2), spec §2.3:
 * p = x > t ? x : 0; p = clip(p, 0, max_value) if max_value is finite; y = p - s max(t - x, 0).
 * c0 = 0 with a max_value, -inf without; c1 = 1 when s != 0 (0 * inf must not make a NaN).
 */
D4J_INLINE float act_relu(float x, act_params P) {
  float p = x <= P.p2 ? 0.0f : x;
  p = d4j_min_c(d4j_max_c(p, P.c0), P.p1);
  float f = p - P.p0 * d4j_max_c(P.p2 - x, 0.0f);
  return P.c1 != 0.0f ? f : p;
}

/* y = x >= 0 ? x : s x */
D4J_INLINE float act_leaky_relu(float x, act_params P) { return x >= 0.0f ? x : P.p0 * x; }

/* y = min(max(x, 0), 6) */
D4J_INLINE float act_relu6(float x, act_params P) {
  (void)P;
  return d4j_min_c(d4j_max_c(x, 0.0f), 6.0f);
}

/* y = x > 0 ? x : alpha expm1(x) */
D4J_INLINE float act_elu(float x, act_params P) {
  float e = P.p0 * d4j_vexpm1_nonpos(d4j_min_c(x, 0.0f));
  return x > 0.0f ? x : e;
}

/* y = x > 0 ? scale x : scale alpha expm1(x); c0 = scale, c1 = scale * alpha (spec §2.2) */
D4J_INLINE float act_selu(float x, act_params P) {
  float e = P.c1 * d4j_vexpm1_nonpos(d4j_min_c(x, 0.0f));
  return x > 0.0f ? P.c0 * x : e;
}

/* y = max(x, 0) + alpha expm1(min(x, 0) / alpha) */
D4J_INLINE float act_celu(float x, act_params P) {
  return d4j_max_c(x, 0.0f) + P.p0 * d4j_vexpm1(d4j_min_c(x, 0.0f) / P.p0);
}

/* y = 1 / (1 + e^-x) */
D4J_INLINE float act_sigmoid(float x, act_params P) { (void)P; return d4j_vsigmoid(x); }

/*
 * y = clip(p0 x + p1, 0, 1), with p0 x + p1 in double: the product is exact there and the sum
 * rounds once, so y is correctly rounded even next to the clip points, where a float
 * evaluation cancels (up to ~2000 ulp for x near -3), and the same on every ISA.
 */
D4J_INLINE float d4j_hard_sigmoid(float x, float slope, float offset) {
  double v = (double)slope * (double)x + (double)offset;
  v = v < 0.0 ? 0.0 : v;
  return (float)(v > 1.0 ? 1.0 : v);
}

D4J_INLINE float act_hard_sigmoid(float x, act_params P) {
  return d4j_hard_sigmoid(x, P.p0, P.p1);
}

/* y = clip((x + 1) / 2, 0, 1) */
D4J_INLINE float act_sparse_sigmoid(float x, act_params P) {
  (void)P;
  return d4j_min_c(d4j_max_c(0.5f * (x + 1.0f), 0.0f), 1.0f);
}

/* y = -softplus(-x) = log(sigmoid(x)) */
D4J_INLINE float act_log_sigmoid(float x, act_params P) { (void)P; return -d4j_vsoftplus(-x); }

/* y = tanh(x) */
D4J_INLINE float act_tanh(float x, act_params P) { (void)P; return d4j_vtanh(x); }

/* y = clip(x, -1, 1) */
D4J_INLINE float act_hard_tanh(float x, act_params P) {
  (void)P;
  return d4j_min_c(d4j_max_c(x, -1.0f), 1.0f);
}

/* y = x - tanh(x) */
D4J_INLINE float act_tanh_shrink(float x, act_params P) { (void)P; return d4j_vtanh_shrink(x); }

/* y = log(1 + e^x) */
D4J_INLINE float act_softplus(float x, act_params P) { (void)P; return d4j_vsoftplus(x); }

/* y = x / (1 + |x|); |x| > 2^25 gives +-1 exactly, so clamping there makes softsign(+-inf) = +-1 */
D4J_INLINE float act_softsign(float x, act_params P) {
  (void)P;
  float c = d4j_max_c(d4j_min_c(x, D4J_TWO_POW_25), -D4J_TWO_POW_25);
  return c / (1.0f + d4j_abs(c));
}

/*
 * y = (x + sqrt(x^2 + b)) / 2, c0 = sqrt(b). With a = |x|, s = hypot(a, c0), h = (s + a) / 2:
 * y = h for x >= 0, and c0^2 / (2 (s + a)) = c0 (c0 / h) / 4 for x < 0 (no cancellation).
 * a and c0 are scaled by 2^-80 above 2^60 and by 2^100 below 2^-60 (subnormals included) so
 * that the squares neither overflow nor underflow. Below, the result is formed in the scaled
 * domain and unscaled last (one rounding into the subnormals); above, c0^2 / (4h) is formed
 * from the unscaled h, as c0 * 2^-80 may be subnormal there.
 */
D4J_INLINE float act_squareplus(float x, act_params P) {
  float a = d4j_abs(x);
  float big = a > P.c0 ? a : P.c0;
  int huge = big > 0x1p60f;
  float k = huge ? 0x1p-80f : (big < 0x1p-60f ? 0x1p100f : 1.0f);
  float kinv = huge ? 0x1p80f : (big < 0x1p-60f ? 0x1p-100f : 1.0f);
  float as = a * k, cs = P.c0 * k;
  float hs = 0.5f * (__builtin_sqrtf(as * as + cs * cs) + as);
  float h = hs * kinv;
  float ratio = (huge ? P.c0 : cs) / (huge ? h : hs); /* c0 / h, one division */
  float neg = huge ? 0.25f * P.c0 * ratio : (0.25f * cs * ratio) * kinv;
  return x >= 0.0f ? h : neg;
}

/* y = 0 for x <= -1, (x + 1)^2 / 4 for -1 < x < 1, x for x >= 1 */
D4J_INLINE float act_sparse_plus(float x, act_params P) {
  (void)P;
  float t = x + 1.0f;
  float q = x <= -1.0f ? 0.0f : 0.25f * (t * t);
  return x >= 1.0f ? x : q;
}

/* y = x sigmoid(x) */
D4J_INLINE float act_silu(float x, act_params P) {
  (void)P;
  return d4j_vsigmoid_mul(x, d4j_max_c(x, -200.0f));
}

/* y = x clip(p0 x + p1, 0, 1), 0 wherever the hard sigmoid is 0 (also for x = -inf) */
D4J_INLINE float act_hard_silu(float x, act_params P) {
  float h = d4j_hard_sigmoid(x, P.p0, P.p1);
  return h == 0.0f ? 0.0f : x * h;
}

/* y = x Phi(x) = x (1 + erf(x / sqrt 2)) / 2 */
D4J_INLINE float act_gelu_erf(float x, act_params P) {
  (void)P;
  float c = d4j_max_c(x, -16.0f);
  return d4j_vphi_mul(c, c);
}

/*
 * y = x (1 + tanh(v / 2)) / 2 = x sigmoid(v), v = 2 sqrt(2/pi) (x + 0.044715 x^3): the same
 * function as the tanh form of spec §2.2, written without the cancellation of 1 + tanh.
 * v is evaluated in double and passed on as float high + low part: a float v would carry
 * an absolute error ~|v| 2^-24, i.e. a relative error of up to ~1e-5 in e^v for v near -87.
 */
D4J_INLINE float act_gelu_tanh(float x, act_params P) {
  (void)P;
  float c = d4j_max_c(x, -200.0f);
  double cd = (double)c;
  double vd = cd * (1.5957691216057308 + 0.07135481627260025 * (cd * cd));
  vd = vd > 200.0 ? 200.0 : (vd < -200.0 ? -200.0 : vd); /* sigmoid is 0 or 1 beyond */
  float vh = (float)vd;
  return d4j_vsigmoid_mul_hl(vh, (float)(vd - (double)vh), c);
}

/*
 * y = x tanh(softplus(x)) = x u (u + 2) / (u (u + 2) + 2), u = e^x = m k (x clamped to 20,
 * where the ratio is 1 in float). The subnormal scale k is applied last for x < 0.
 */
D4J_INLINE float act_mish(float x, act_params P) {
  (void)P;
  float c = d4j_max_c(x, -200.0f);
  float k;
  float m = d4j_vexp_core_mk(d4j_max_c(d4j_min_c(x, 20.0f), -110.0f), 0.0f, &k);
  float u = m * k;
  float nn = u * (u + 2.0f);
  float tm = m * (u + 2.0f) / (nn + 2.0f); /* tanh(softplus(x)) = tm * k */
  return x < 0.0f ? (c * tm) * k : c * (tm * k);
}

/* y = e^x */
D4J_INLINE float act_exponential(float x, act_params P) { (void)P; return d4j_vexp(x); }

/* y = x - t if x > t, x + t if x < -t, 0 otherwise (t = p0) */
D4J_INLINE float act_soft_shrink(float x, act_params P) {
  float inner = x >= -P.p0 ? 0.0f : x + P.p0;
  return x <= P.p0 ? inner : x - P.p0;
}

/* y = |x| > t ? x : 0 */
D4J_INLINE float act_hard_shrink(float x, act_params P) {
  return d4j_abs(x) <= P.p0 ? 0.0f : x;
}

/* y = x > t ? x : default_value (t = p0, default_value = p1) */
D4J_INLINE float act_threshold(float x, act_params P) { return x <= P.p0 ? P.p1 : x; }

D4J_DEFINE_ROWS(linear)
D4J_DEFINE_ROWS(relu)
D4J_DEFINE_ROWS(leaky_relu)
D4J_DEFINE_ROWS(relu6)
D4J_DEFINE_ROWS(elu)
D4J_DEFINE_ROWS(selu)
D4J_DEFINE_ROWS(celu)
D4J_DEFINE_ROWS(sigmoid)
D4J_DEFINE_ROWS(hard_sigmoid)
D4J_DEFINE_ROWS(sparse_sigmoid)
D4J_DEFINE_ROWS(log_sigmoid)
D4J_DEFINE_ROWS(tanh)
D4J_DEFINE_ROWS(hard_tanh)
D4J_DEFINE_ROWS(tanh_shrink)
D4J_DEFINE_ROWS(softplus)
D4J_DEFINE_ROWS(softsign)
D4J_DEFINE_ROWS(squareplus)
D4J_DEFINE_ROWS(sparse_plus)
D4J_DEFINE_ROWS(silu)
D4J_DEFINE_ROWS(hard_silu)
D4J_DEFINE_ROWS(gelu_erf)
D4J_DEFINE_ROWS(gelu_tanh)
D4J_DEFINE_ROWS(mish)
D4J_DEFINE_ROWS(exponential)
D4J_DEFINE_ROWS(soft_shrink)
D4J_DEFINE_ROWS(hard_shrink)
D4J_DEFINE_ROWS(threshold)

#define D4J_SELU_ALPHA 1.6732632423543772848170429916717
#define D4J_SELU_SCALE 1.0507009873554804934193349852946

/* y[i, :] = act(y[i, :] + bias) for i in [0, m); arguments checked by api.c */
void D4J_KERNEL(d4j_f32_bias_act)(int32_t act, float p0, float p1, float p2, int64_t m,
                                  int64_t n, float *y, int64_t ldy, const float *bias) {
  assert(m > 0 && n > 0 && y != NULL && ldy >= n);
  act_params P = {p0, p1, p2, 0.0f, 0.0f};
  switch (act) {
    case D4J_ACT_LINEAR:
      if (bias != NULL) rows_linear(P, m, n, y, ldy, bias);
      return;
    case D4J_ACT_RELU:
      P.c0 = p1 < D4J_INF ? 0.0f : -D4J_INF;
      P.c1 = p0 != 0.0f ? 1.0f : 0.0f;
      rows_relu(P, m, n, y, ldy, bias);
      return;
    case D4J_ACT_LEAKY_RELU: rows_leaky_relu(P, m, n, y, ldy, bias); return;
    case D4J_ACT_RELU6: rows_relu6(P, m, n, y, ldy, bias); return;
    case D4J_ACT_ELU: rows_elu(P, m, n, y, ldy, bias); return;
    case D4J_ACT_SELU:
      P.c0 = (float)D4J_SELU_SCALE;
      P.c1 = (float)(D4J_SELU_SCALE * D4J_SELU_ALPHA);
      rows_selu(P, m, n, y, ldy, bias);
      return;
    case D4J_ACT_CELU: rows_celu(P, m, n, y, ldy, bias); return;
    case D4J_ACT_SIGMOID: rows_sigmoid(P, m, n, y, ldy, bias); return;
    case D4J_ACT_HARD_SIGMOID: rows_hard_sigmoid(P, m, n, y, ldy, bias); return;
    case D4J_ACT_SPARSE_SIGMOID: rows_sparse_sigmoid(P, m, n, y, ldy, bias); return;
    case D4J_ACT_LOG_SIGMOID: rows_log_sigmoid(P, m, n, y, ldy, bias); return;
    case D4J_ACT_TANH: rows_tanh(P, m, n, y, ldy, bias); return;
    case D4J_ACT_HARD_TANH: rows_hard_tanh(P, m, n, y, ldy, bias); return;
    case D4J_ACT_TANH_SHRINK: rows_tanh_shrink(P, m, n, y, ldy, bias); return;
    case D4J_ACT_SOFTPLUS: rows_softplus(P, m, n, y, ldy, bias); return;
    case D4J_ACT_SOFTSIGN: rows_softsign(P, m, n, y, ldy, bias); return;
    case D4J_ACT_SQUAREPLUS:
      P.c0 = __builtin_sqrtf(p0);
      rows_squareplus(P, m, n, y, ldy, bias);
      return;
    case D4J_ACT_SPARSE_PLUS: rows_sparse_plus(P, m, n, y, ldy, bias); return;
    case D4J_ACT_SILU: rows_silu(P, m, n, y, ldy, bias); return;
    case D4J_ACT_HARD_SILU: rows_hard_silu(P, m, n, y, ldy, bias); return;
    case D4J_ACT_GELU:
      if (p0 != 0.0f) rows_gelu_tanh(P, m, n, y, ldy, bias);
      else rows_gelu_erf(P, m, n, y, ldy, bias);
      return;
    case D4J_ACT_MISH: rows_mish(P, m, n, y, ldy, bias); return;
    case D4J_ACT_EXPONENTIAL: rows_exponential(P, m, n, y, ldy, bias); return;
    case D4J_ACT_SOFT_SHRINK: rows_soft_shrink(P, m, n, y, ldy, bias); return;
    case D4J_ACT_HARD_SHRINK: rows_hard_shrink(P, m, n, y, ldy, bias); return;
    case D4J_ACT_THRESHOLD: rows_threshold(P, m, n, y, ldy, bias); return;
    case D4J_ACT_SOFTMAX:
    case D4J_ACT_LOG_SOFTMAX:
    case D4J_ACT_GLU:
    case D4J_ACT_SPARSEMAX: D4J_KERNEL(d4j_f32_rowwise)(act, m, n, y, ldy, bias); return;
    default: assert(!"activation code not checked by the caller"); return;
  }
}
