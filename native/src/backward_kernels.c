/* SPDX-License-Identifier: Apache-2.0 */
/*
 * backward_kernels.c: dz = J_act(z)^T dy, the backward pass of every activation of
 * d4j_f32_bias_act. Compiled once per ISA level with D4J_ISA_SUFFIX, like act_kernels.c.
 *
 * Element-wise kinds: a branch-free `dact_<name>(x, y, P)` gives act'(x) from the
 * pre-activation x and, where that is cheaper, the forward output y; D4J_DEFINE_DROWS turns
 * it into a `#pragma omp simd` row loop. Row-wise kinds (softmax, log_softmax, glu, sparsemax)
 * are Jacobian-vector products over each row. dz may be the memory of dy except for GLU, so
 * dy and dz are never `restrict`.
 */
#include <assert.h>
#include <stddef.h>

#include "train_internal.h"
#include "vmath.h"

typedef struct dact_params {
  float p0, p1, p2;
  float c0, c1; /* derived; meaning per activation, set in the dispatch below */
} dact_params;

#define D4J_SELU_ALPHA 1.67326324235437728481704299f
#define D4J_SELU_SCALE 1.05070098735548049341933499f
#define D4J_INV_SQRT_2PI 0.398942280401432677939946f
#define D4J_SQRT_2_OVER_PI 0.797884560802865355879892f
#define D4J_GELU_C 0.044715f

#define D4J_DEFINE_DROWS(name)                                                                \
  static void drows_##name(dact_params P, int64_t m, int64_t n, const float *restrict z,      \
                           int64_t ldz, const float *restrict y, int64_t ldy, const float *dy, \
                           int64_t lddy, float *dz, int64_t lddz) {                           \
    for (int64_t i = 0; i < m; ++i) {                                                         \
      const float *zr = z + i * ldz;                                                          \
      const float *yr = y + i * ldy;                                                          \
      const float *gr = dy + i * lddy;                                                        \
      float *dr = dz + i * lddz;                                                              \
      D4J_SIMD for (int64_t j = 0; j < n; ++j) dr[j] = gr[j] * dact_##name(zr[j], yr[j], P); \
    }                                                                                         \
  }

D4J_INLINE float clampf(float x, float lo, float hi) { return d4j_min_c(d4j_max_c(x, lo), hi); }

/* 1 */
D4J_INLINE float dact_linear(float x, float y, dact_params P) {
  (void)x, (void)y, (void)P;
  return 1.0f;
}

/*
 * relu(x; s = p0, max_value = p1, threshold = p2): p = x > t ? x : 0 passes through
 * clip(p, c0, p1) (c0 = 0 with a max_value, -inf without) with slope 1 inside, plus s where
 * t - x > 0. c1 != 0 marks the leaky fast path of the forward (s != 0, no max, t = 0).
 */
D4J_INLINE float dact_relu(float x, float y, dact_params P) {
  (void)y;
  float p = x <= P.p2 ? 0.0f : x;
  float dp = (x > P.p2 && p >= P.c0 && p <= P.p1) ? 1.0f : 0.0f;
  float general = dp + (P.p2 - x > 0.0f ? P.p0 : 0.0f);
  float leaky = x >= 0.0f ? 1.0f : P.p0;
  return P.c1 != 0.0f ? leaky : general;
}

/* x >= 0 ? 1 : s */
D4J_INLINE float dact_leaky_relu(float x, float y, dact_params P) {
  (void)y;
  return x >= 0.0f ? 1.0f : P.p0;
}

/* 0 < x < 6 ? 1 : 0 */
D4J_INLINE float dact_relu6(float x, float y, dact_params P) {
  (void)y, (void)P;
  return (x > 0.0f && x < 6.0f) ? 1.0f : 0.0f;
}

/* x > 0 ? 1 : alpha e^x = y + alpha */
D4J_INLINE float dact_elu(float x, float y, dact_params P) { return x > 0.0f ? 1.0f : y + P.p0; }

/* x > 0 ? scale : scale alpha e^x = y + scale alpha (c0 = scale, c1 = scale * alpha) */
D4J_INLINE float dact_selu(float x, float y, dact_params P) { return x > 0.0f ? P.c0 : y + P.c1; }

/* x > 0 ? 1 : e^(x / alpha) = y / alpha + 1 */
D4J_INLINE float dact_celu(float x, float y, dact_params P) {
  return x > 0.0f ? 1.0f : y / P.p0 + 1.0f;
}

/* y (1 - y) */
D4J_INLINE float dact_sigmoid(float x, float y, dact_params P) {
  (void)x, (void)P;
  return y * (1.0f - y);
}

/* u = slope x + offset: 0 < u < 1 ? slope : 0 */
D4J_INLINE float dact_hard_sigmoid(float x, float y, dact_params P) {
  (void)y;
  float u = P.p0 * x + P.p1;
  return (u > 0.0f && u < 1.0f) ? P.p0 : 0.0f;
}

/* -1 < x < 1 ? 1/2 : 0 */
D4J_INLINE float dact_sparse_sigmoid(float x, float y, dact_params P) {
  (void)y, (void)P;
  return (x > -1.0f && x < 1.0f) ? 0.5f : 0.0f;
}

/* sigmoid(-x) */
D4J_INLINE float dact_log_sigmoid(float x, float y, dact_params P) {
  (void)y, (void)P;
  return d4j_vsigmoid(-x);
}

/* 1 - y^2 */
D4J_INLINE float dact_tanh(float x, float y, dact_params P) {
  (void)x, (void)P;
  return 1.0f - y * y;
}

/* -1 < x < 1 ? 1 : 0 */
D4J_INLINE float dact_hard_tanh(float x, float y, dact_params P) {
  (void)y, (void)P;
  return (x > -1.0f && x < 1.0f) ? 1.0f : 0.0f;
}

/* tanh(x)^2 (from x: y = x - tanh x would cancel) */
D4J_INLINE float dact_tanh_shrink(float x, float y, dact_params P) {
  (void)y, (void)P;
  float t = d4j_vtanh(x);
  return t * t;
}

/* sigmoid(x) */
D4J_INLINE float dact_softplus(float x, float y, dact_params P) {
  (void)y, (void)P;
  return d4j_vsigmoid(x);
}

/* 1 / (1 + |x|)^2 */
D4J_INLINE float dact_softsign(float x, float y, dact_params P) {
  (void)y, (void)P;
  float a = 1.0f + d4j_abs(x);
  return 1.0f / (a * a);
}

/* (1 + x / sqrt(x^2 + b)) / 2; 1/2 where the root is 0 (x = 0, b = 0) */
D4J_INLINE float dact_squareplus(float x, float y, dact_params P) {
  (void)y;
  float r = __builtin_sqrtf(x * x + P.p0);
  float q = r > 0.0f ? x / r : 0.0f;
  return 0.5f * (1.0f + q);
}

/* x <= -1 ? 0 : x >= 1 ? 1 : (x + 1) / 2 */
D4J_INLINE float dact_sparse_plus(float x, float y, dact_params P) {
  (void)y, (void)P;
  float mid = 0.5f * (x + 1.0f);
  return x <= -1.0f ? 0.0f : (x >= 1.0f ? 1.0f : mid);
}

/* s (1 + x (1 - s)), s = sigmoid(x); x clamped so that x (1 - s) is never inf * 0 */
D4J_INLINE float dact_silu(float x, float y, dact_params P) {
  (void)y, (void)P;
  float s = d4j_vsigmoid(x);
  return s * (1.0f + clampf(x, -200.0f, 200.0f) * (1.0f - s));
}

/* u = slope x + offset: clip(u, 0, 1) + (0 < u < 1 ? x slope : 0) */
D4J_INLINE float dact_hard_silu(float x, float y, dact_params P) {
  (void)y;
  float u = P.p0 * x + P.p1;
  float inside = (u > 0.0f && u < 1.0f) ? x * P.p0 : 0.0f;
  return clampf(u, 0.0f, 1.0f) + inside;
}

/* exact gelu: Phi(x) + x phi(x), phi(x) = e^(-x^2/2) / sqrt(2 pi); x phi(x) = 0 for |x| > 20 */
D4J_INLINE float dact_gelu_exact(float x, float y, dact_params P) {
  (void)y, (void)P;
  float xc = clampf(x, -20.0f, 20.0f);
  return d4j_vphi_mul(x, 1.0f) + xc * (D4J_INV_SQRT_2PI * d4j_vexp(-0.5f * (xc * xc)));
}

/*
 * tanh-form gelu: u = k (x + c x^3), t = tanh u: (1 + t) / 2 + x (1 - t^2) k (1 + 3 c x^2) / 2.
 * The second term vanishes for |x| > 20; x is clamped there so no inf * 0 appears.
 */
D4J_INLINE float dact_gelu_tanh(float x, float y, dact_params P) {
  (void)y, (void)P;
  float xc = clampf(x, -20.0f, 20.0f);
  float x2 = xc * xc;
  float t = d4j_vtanh(D4J_SQRT_2_OVER_PI * (xc + D4J_GELU_C * x2 * xc));
  float du = D4J_SQRT_2_OVER_PI * (1.0f + 3.0f * D4J_GELU_C * x2);
  return 0.5f * (1.0f + t) + 0.5f * xc * (1.0f - t * t) * du;
}

/* t + x (1 - t^2) sigmoid(x), t = tanh(softplus(x)) */
D4J_INLINE float dact_mish(float x, float y, dact_params P) {
  (void)y, (void)P;
  float t = d4j_vtanh(d4j_vsoftplus(x));
  return t + clampf(x, -200.0f, 200.0f) * (1.0f - t * t) * d4j_vsigmoid(x);
}

/* e^x = y */
D4J_INLINE float dact_exponential(float x, float y, dact_params P) {
  (void)x, (void)P;
  return y;
}

/* |x| > t ? 1 : 0 (soft_shrink and hard_shrink alike) */
D4J_INLINE float dact_shrink(float x, float y, dact_params P) {
  (void)y;
  return (x > P.p0 || x < -P.p0) ? 1.0f : 0.0f;
}

/* x > threshold ? 1 : 0 */
D4J_INLINE float dact_threshold(float x, float y, dact_params P) {
  (void)y;
  return x > P.p0 ? 1.0f : 0.0f;
}

D4J_DEFINE_DROWS(linear)
D4J_DEFINE_DROWS(relu)
D4J_DEFINE_DROWS(leaky_relu)
D4J_DEFINE_DROWS(relu6)
D4J_DEFINE_DROWS(elu)
D4J_DEFINE_DROWS(selu)
D4J_DEFINE_DROWS(celu)
D4J_DEFINE_DROWS(sigmoid)
D4J_DEFINE_DROWS(hard_sigmoid)
D4J_DEFINE_DROWS(sparse_sigmoid)
D4J_DEFINE_DROWS(log_sigmoid)
D4J_DEFINE_DROWS(tanh)
D4J_DEFINE_DROWS(hard_tanh)
D4J_DEFINE_DROWS(tanh_shrink)
D4J_DEFINE_DROWS(softplus)
D4J_DEFINE_DROWS(softsign)
D4J_DEFINE_DROWS(squareplus)
D4J_DEFINE_DROWS(sparse_plus)
D4J_DEFINE_DROWS(silu)
D4J_DEFINE_DROWS(hard_silu)
D4J_DEFINE_DROWS(gelu_exact)
D4J_DEFINE_DROWS(gelu_tanh)
D4J_DEFINE_DROWS(mish)
D4J_DEFINE_DROWS(exponential)
D4J_DEFINE_DROWS(shrink)
D4J_DEFINE_DROWS(threshold)

/* softmax: dz = y (dy - <y, dy>), the dot product accumulated in double */
static void softmax_jvp(const float *restrict y, const float *dy, float *dz, int64_t n) {
  double dot = 0.0;
  _Pragma("omp simd reduction(+ : dot)") for (int64_t j = 0; j < n; ++j) {
    dot += (double)(y[j] * dy[j]);
  }
  float d = (float)dot;
  D4J_SIMD for (int64_t j = 0; j < n; ++j) dz[j] = y[j] * (dy[j] - d);
}

/* log_softmax: dz = dy - e^y sum(dy) (e^y is the softmax) */
static void log_softmax_jvp(const float *restrict y, const float *dy, float *dz, int64_t n) {
  double sum = 0.0;
  _Pragma("omp simd reduction(+ : sum)") for (int64_t j = 0; j < n; ++j) sum += (double)dy[j];
  float s = (float)sum;
  D4J_SIMD for (int64_t j = 0; j < n; ++j) dz[j] = dy[j] - d4j_vexp(y[j]) * s;
}

/* glu, z = [a, b] (h = n/2 each): dz_a = dy sigmoid(b), dz_b = dy a sigmoid(b) (1 - sigmoid(b)) */
static void glu_jvp(const float *restrict z, const float *restrict dy, float *restrict dz,
                    int64_t h) {
  D4J_SIMD for (int64_t j = 0; j < h; ++j) {
    float s = d4j_vsigmoid(z[j + h]);
    dz[j] = dy[j] * s;
    dz[j + h] = dy[j] * z[j] * (s * (1.0f - s));
  }
}

/* sparsemax: on the support (y > 0) dz = dy - mean of dy over the support; 0 elsewhere */
static void sparsemax_jvp(const float *restrict y, const float *dy, float *dz, int64_t n) {
  double sum = 0.0;
  double count = 0.0;
  _Pragma("omp simd reduction(+ : sum, count)") for (int64_t j = 0; j < n; ++j) {
    int in = y[j] > 0.0f;
    sum += in ? (double)dy[j] : 0.0;
    count += in ? 1.0 : 0.0;
  }
  float mean = count > 0.0 ? (float)(sum / count) : 0.0f;
  D4J_SIMD for (int64_t j = 0; j < n; ++j) dz[j] = y[j] > 0.0f ? dy[j] - mean : 0.0f;
}

static void rowwise_backward(int32_t act, int64_t m, int64_t n, const float *z, int64_t ldz,
                             const float *y, int64_t ldy, const float *dy, int64_t lddy,
                             float *dz, int64_t lddz) {
  for (int64_t i = 0; i < m; ++i) {
    const float *yr = y + i * ldy;
    const float *gr = dy + i * lddy;
    float *dr = dz + i * lddz;
    switch (act) {
      case D4J_ACT_SOFTMAX: softmax_jvp(yr, gr, dr, n); break;
      case D4J_ACT_LOG_SOFTMAX: log_softmax_jvp(yr, gr, dr, n); break;
      case D4J_ACT_GLU: glu_jvp(z + i * ldz, gr, dr, n / 2); break;
      case D4J_ACT_SPARSEMAX: sparsemax_jvp(yr, gr, dr, n); break;
      default: assert(0 && "not a row-wise activation"); break;
    }
  }
}

void D4J_KERNEL(d4j_f32_act_backward)(int32_t act, float p0, float p1, float p2, int64_t m,
                                      int64_t n, const float *z, int64_t ldz, const float *y,
                                      int64_t ldy, const float *dy, int64_t lddy, float *dz,
                                      int64_t lddz) {
  assert(m > 0 && n > 0 && z != NULL && y != NULL && dy != NULL && dz != NULL);
  dact_params P = {p0, p1, p2, 0.0f, 0.0f};
#define D4J_RUN(name) drows_##name(P, m, n, z, ldz, y, ldy, dy, lddy, dz, lddz)
  switch (act) {
    case D4J_ACT_LINEAR: D4J_RUN(linear); break;
    case D4J_ACT_RELU:
      P.c0 = p1 < __builtin_inff() ? 0.0f : -__builtin_inff();
      P.c1 = (p0 != 0.0f && !(p1 < __builtin_inff()) && p2 == 0.0f) ? 1.0f : 0.0f;
      D4J_RUN(relu);
      break;
    case D4J_ACT_LEAKY_RELU: D4J_RUN(leaky_relu); break;
    case D4J_ACT_RELU6: D4J_RUN(relu6); break;
    case D4J_ACT_ELU: D4J_RUN(elu); break;
    case D4J_ACT_SELU:
      P.c0 = D4J_SELU_SCALE;
      P.c1 = D4J_SELU_SCALE * D4J_SELU_ALPHA;
      D4J_RUN(selu);
      break;
    case D4J_ACT_CELU: D4J_RUN(celu); break;
    case D4J_ACT_SIGMOID: D4J_RUN(sigmoid); break;
    case D4J_ACT_HARD_SIGMOID: D4J_RUN(hard_sigmoid); break;
    case D4J_ACT_SPARSE_SIGMOID: D4J_RUN(sparse_sigmoid); break;
    case D4J_ACT_LOG_SIGMOID: D4J_RUN(log_sigmoid); break;
    case D4J_ACT_TANH: D4J_RUN(tanh); break;
    case D4J_ACT_HARD_TANH: D4J_RUN(hard_tanh); break;
    case D4J_ACT_TANH_SHRINK: D4J_RUN(tanh_shrink); break;
    case D4J_ACT_SOFTPLUS: D4J_RUN(softplus); break;
    case D4J_ACT_SOFTSIGN: D4J_RUN(softsign); break;
    case D4J_ACT_SQUAREPLUS: D4J_RUN(squareplus); break;
    case D4J_ACT_SPARSE_PLUS: D4J_RUN(sparse_plus); break;
    case D4J_ACT_SILU: D4J_RUN(silu); break;
    case D4J_ACT_HARD_SILU: D4J_RUN(hard_silu); break;
    case D4J_ACT_GELU:
      if (p0 != 0.0f) {
        D4J_RUN(gelu_tanh);
      } else {
        D4J_RUN(gelu_exact);
      }
      break;
    case D4J_ACT_MISH: D4J_RUN(mish); break;
    case D4J_ACT_EXPONENTIAL: D4J_RUN(exponential); break;
    case D4J_ACT_SOFT_SHRINK:
    case D4J_ACT_HARD_SHRINK: D4J_RUN(shrink); break;
    case D4J_ACT_THRESHOLD: D4J_RUN(threshold); break;
    default: rowwise_backward(act, m, n, z, ldz, y, ldy, dy, lddy, dz, lddz); break;
  }
#undef D4J_RUN
}
