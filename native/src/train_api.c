/* SPDX-License-Identifier: Apache-2.0 */
/*
 * train_api.c: the exported training functions of dense4j.h. Arguments are checked here, last
 * to first so that the lowest invalid argument number wins (as in api.c); then empty work
 * returns and the kernel of d4j_isa_best() runs. Kernels never re-check.
 */
#include <stddef.h>

#include "train_internal.h"

typedef struct train_kernels {
  void (*act_backward)(int32_t, float, float, float, int64_t, int64_t, const float *, int64_t,
                       const float *, int64_t, const float *, int64_t, float *, int64_t);
  void (*col_sum)(int64_t, int64_t, const float *, int64_t, float *);
  float (*sum_squares)(int64_t, const float *);
  void (*sgd)(int32_t, float, float, float, float, float, int64_t, float *, float *,
              const float *);
  void (*adam)(float, float, float, float, float, float, float, int64_t, float *, float *,
               float *, float *, const float *);
  void (*rmsprop)(float, float, float, float, float, float, float, float, int64_t, float *,
                  float *, float *, float *, const float *);
} train_kernels;

#define D4J_TRAIN_TABLE(isa)                                                                  \
  {d4j_f32_act_backward__##isa, d4j_f32_col_sum__##isa, d4j_f32_sum_squares__##isa,          \
   d4j_f32_sgd_update__##isa, d4j_f32_adam_update__##isa, d4j_f32_rmsprop_update__##isa}

static const train_kernels PORTABLE = D4J_TRAIN_TABLE(portable);
#if defined(D4J_HAVE_AVX2)
static const train_kernels AVX2 = D4J_TRAIN_TABLE(avx2);
#endif
#if defined(D4J_HAVE_AVX512)
static const train_kernels AVX512 = D4J_TRAIN_TABLE(avx512);
#endif

static const train_kernels *best(void) {
  switch (d4j_isa_best()) {
#if defined(D4J_HAVE_AVX2)
    case D4J_ISA_AVX2: return &AVX2;
#endif
#if defined(D4J_HAVE_AVX512)
    case D4J_ISA_AVX512: return &AVX512;
#endif
    default: return &PORTABLE;
  }
}

static int is_nan(float v) { return v != v; }
static int is_finite(float v) { return v - v == 0.0f; } /* NaN and +-inf give NaN */
static int in_unit(float v) { return v >= 0.0f && v <= 1.0f; } /* NaN fails */
static int64_t max1(int64_t v) { return v > 1 ? v : 1; }

D4J_API int32_t d4j_f32_act_backward(int32_t act, float p0, float p1, float p2, int64_t m,
                                     int64_t n, const float *z, int64_t ldz, const float *y,
                                     int64_t ldy, const float *dy, int64_t lddy, float *dz,
                                     int64_t lddz) {
  int glu = act == D4J_ACT_GLU;
  int64_t w = glu ? n / 2 : n;
  int work = m > 0 && n > 0;
  int32_t info = 0;
  if (lddz < max1(n)) info = -14;
  if (work && (dz == NULL || (glu && (const float *)dz == dy))) info = -13;
  if (lddy < max1(w)) info = -12;
  if (work && dy == NULL) info = -11;
  if (ldy < max1(w)) info = -10;
  if (work && y == NULL) info = -9;
  if (ldz < max1(n)) info = -8;
  if (work && z == NULL) info = -7;
  if (n < 0 || (glu && n % 2 != 0)) info = -6;
  if (m < 0) info = -5;
  /* the activation and its parameters, checked exactly as d4j_f32_bias_act checks them */
  int32_t pinfo = d4j_f32_bias_act(act, p0, p1, p2, 0, 0, NULL, 1, NULL);
  if (pinfo != 0) info = pinfo;
  if (info != 0) return info;
  if (!work) return D4J_OK;
  best()->act_backward(act, p0, p1, p2, m, n, z, ldz, y, ldy, dy, lddy, dz, lddz);
  return D4J_OK;
}

D4J_API int32_t d4j_f32_col_sum(int64_t m, int64_t n, const float *x, int64_t ldx, float *sum) {
  int32_t info = 0;
  if (sum == NULL && n > 0) info = -5;
  if (ldx < max1(n)) info = -4;
  if (x == NULL && m > 0 && n > 0) info = -3;
  if (n < 0) info = -2;
  if (m < 0) info = -1;
  if (info != 0) return info;
  if (n == 0) return D4J_OK;
  best()->col_sum(m, n, x, ldx, sum);
  return D4J_OK;
}

D4J_API int32_t d4j_f32_sum_squares(int64_t n, const float *x, float *out) {
  int32_t info = 0;
  if (out == NULL) info = -3;
  if (x == NULL && n > 0) info = -2;
  if (n < 0) info = -1;
  if (info != 0) return info;
  *out = n == 0 ? 0.0f : best()->sum_squares(n, x);
  return D4J_OK;
}

/* 0 or the code of the lowest invalid of (decay, gscale, clipvalue, n, w, g) at positions k.. */
static int32_t check_common(int32_t k, float decay, float gscale, float clipvalue, int64_t n,
                            const float *w, int32_t kw, const float *g, int32_t kg) {
  int32_t info = 0;
  if (g == NULL && n > 0) info = -kg;
  if (w == NULL && n > 0) info = -kw;
  if (n < 0) info = -(k + 3);
  if (!(clipvalue > 0.0f)) info = -(k + 2);
  (void)gscale; /* never invalid: NaN from a non-finite global norm propagates, as in Keras */
  if (is_nan(decay)) info = -k;
  return info;
}

D4J_API int32_t d4j_f32_sgd_update(int32_t nesterov, float lr, float momentum, float decay,
                                   float gscale, float clipvalue, int64_t n, float *w, float *m,
                                   const float *g) {
  int32_t info = 0;
  if (m == NULL && momentum != 0.0f && n > 0) info = -9;
  int32_t common = check_common(4, decay, gscale, clipvalue, n, w, 8, g, 10);
  if (common != 0 && (info == 0 || common > info)) info = common;
  if (!in_unit(momentum)) info = -3;
  if (!is_finite(lr)) info = -2;
  if (nesterov != 0 && nesterov != 1) info = -1;
  if (info != 0) return info;
  if (n == 0) return D4J_OK;
  best()->sgd(nesterov, lr, momentum, decay, gscale, clipvalue, n, w, m, g);
  return D4J_OK;
}

D4J_API int32_t d4j_f32_adam_update(float alpha, float c1, float c2, float epsilon, float decay,
                                    float gscale, float clipvalue, int64_t n, float *w, float *m,
                                    float *v, float *vhat, const float *g) {
  int32_t info = 0;
  if (v == NULL && n > 0) info = -11;
  if (m == NULL && n > 0) info = -10;
  int32_t common = check_common(5, decay, gscale, clipvalue, n, w, 9, g, 13);
  if (common != 0 && (info == 0 || common > info)) info = common;
  if (!is_finite(epsilon) || epsilon < 0.0f) info = -4;
  if (!in_unit(c2)) info = -3;
  if (!in_unit(c1)) info = -2;
  if (!is_finite(alpha)) info = -1;
  if (info != 0) return info;
  if (n == 0) return D4J_OK;
  best()->adam(alpha, c1, c2, epsilon, decay, gscale, clipvalue, n, w, m, v, vhat, g);
  return D4J_OK;
}

D4J_API int32_t d4j_f32_rmsprop_update(float lr, float rho, float c_rho, float momentum,
                                       float epsilon, float decay, float gscale, float clipvalue,
                                       int64_t n, float *w, float *vel, float *mom, float *avg,
                                       const float *g) {
  int32_t info = 0;
  if (mom == NULL && momentum > 0.0f && n > 0) info = -12;
  if (vel == NULL && n > 0) info = -11;
  int32_t common = check_common(6, decay, gscale, clipvalue, n, w, 10, g, 14);
  if (common != 0 && (info == 0 || common > info)) info = common;
  if (!is_finite(epsilon) || epsilon < 0.0f) info = -5;
  if (!is_finite(momentum) || momentum < 0.0f) info = -4;
  if (!in_unit(c_rho)) info = -3;
  if (!in_unit(rho)) info = -2;
  if (!is_finite(lr)) info = -1;
  if (info != 0) return info;
  if (n == 0) return D4J_OK;
  best()->rmsprop(lr, rho, c_rho, momentum, epsilon, decay, gscale, clipvalue, n, w, vel, mom,
                  avg, g);
  return D4J_OK;
}
