/* SPDX-License-Identifier: Apache-2.0 */
/*
 * optimizer_kernels.c: the bias-gradient column sum, the sum of squares behind gradient
 * clipping, and the fused optimizer updates (SGD, Adam, RMSprop; Keras 3 rules, see dense4j.h).
 * Compiled once per ISA level with D4J_ISA_SUFFIX. Each update is one `#pragma omp simd` pass
 * that reads the gradient, clips it, decays the weight and updates the slots and the weight,
 * so every array is touched once per step. The float operations follow Keras' order of
 * evaluation, so results match a float32 Keras step up to the rounding of sqrt and division.
 */
#include <assert.h>
#include <stddef.h>

#include "train_internal.h"
#include "vmath.h"

/* g' = clip(g * gscale, -clipvalue, clipvalue); NaN passes through; clipvalue = +inf: no clip */
D4J_INLINE float prep_grad(float g, float gscale, float clipvalue) {
  return d4j_max_c(d4j_min_c(g * gscale, clipvalue), -clipvalue);
}

/* w - w * decay, or w unchanged when decay is 0 (so inf weights do not turn into NaN) */
D4J_INLINE float decayed(float w, float decay) { return decay != 0.0f ? w - w * decay : w; }

void D4J_KERNEL(d4j_f32_col_sum)(int64_t m, int64_t n, const float *x, int64_t ldx, float *sum) {
  assert(n > 0 && sum != NULL && (m == 0 || x != NULL));
  D4J_SIMD for (int64_t j = 0; j < n; ++j) sum[j] = 0.0f;
  for (int64_t i = 0; i < m; ++i) {
    const float *restrict r = x + i * ldx;
    float *restrict s = sum;
    D4J_SIMD for (int64_t j = 0; j < n; ++j) s[j] += r[j];
  }
}

float D4J_KERNEL(d4j_f32_sum_squares)(int64_t n, const float *x) {
  double acc = 0.0;
  _Pragma("omp simd reduction(+ : acc)") for (int64_t i = 0; i < n; ++i) {
    double v = (double)x[i];
    acc += v * v;
  }
  return (float)acc;
}

void D4J_KERNEL(d4j_f32_sgd_update)(int32_t nesterov, float lr, float momentum, float decay,
                                    float gscale, float clipvalue, int64_t n, float *w,
                                    float *m, const float *g) {
  assert(n > 0 && w != NULL && g != NULL && (momentum == 0.0f || m != NULL));
  float *restrict wr = w;
  const float *restrict gr = g;
  if (momentum == 0.0f) {
    D4J_SIMD for (int64_t j = 0; j < n; ++j) {
      float gj = prep_grad(gr[j], gscale, clipvalue);
      wr[j] = decayed(wr[j], decay) + -gj * lr;
    }
    return;
  }
  float *restrict mr = m;
  if (nesterov != 0) {
    D4J_SIMD for (int64_t j = 0; j < n; ++j) {
      float gj = prep_grad(gr[j], gscale, clipvalue);
      float mj = -gj * lr + mr[j] * momentum;
      mr[j] = mj;
      wr[j] = decayed(wr[j], decay) + (-gj * lr + mj * momentum);
    }
  } else {
    D4J_SIMD for (int64_t j = 0; j < n; ++j) {
      float gj = prep_grad(gr[j], gscale, clipvalue);
      float mj = -gj * lr + mr[j] * momentum;
      mr[j] = mj;
      wr[j] = decayed(wr[j], decay) + mj;
    }
  }
}

void D4J_KERNEL(d4j_f32_adam_update)(float alpha, float c1, float c2, float epsilon, float decay,
                                     float gscale, float clipvalue, int64_t n, float *w,
                                     float *m, float *v, float *vhat, const float *g) {
  assert(n > 0 && w != NULL && m != NULL && v != NULL && g != NULL);
  float *restrict wr = w;
  float *restrict mr = m;
  float *restrict vr = v;
  const float *restrict gr = g;
  if (vhat == NULL) {
    D4J_SIMD for (int64_t j = 0; j < n; ++j) {
      float gj = prep_grad(gr[j], gscale, clipvalue);
      float mj = mr[j] + (gj - mr[j]) * c1;
      float vj = vr[j] + (gj * gj - vr[j]) * c2;
      mr[j] = mj;
      vr[j] = vj;
      wr[j] = decayed(wr[j], decay) - (mj * alpha) / (__builtin_sqrtf(vj) + epsilon);
    }
    return;
  }
  float *restrict hr = vhat;
  D4J_SIMD for (int64_t j = 0; j < n; ++j) {
    float gj = prep_grad(gr[j], gscale, clipvalue);
    float mj = mr[j] + (gj - mr[j]) * c1;
    float vj = vr[j] + (gj * gj - vr[j]) * c2;
    float hj = hr[j] > vj ? hr[j] : vj;
    mr[j] = mj;
    vr[j] = vj;
    hr[j] = hj;
    wr[j] = decayed(wr[j], decay) - (mj * alpha) / (__builtin_sqrtf(hj) + epsilon);
  }
}

/*
 * One RMSprop pass; `centered` and `with_momentum` are literal constants at every call, so
 * after inlining each variant is a branch-free loop that never touches an absent slot.
 */
D4J_INLINE void rmsprop_pass(float lr, float rho, float c_rho, float momentum, float epsilon,
                             float decay, float gscale, float clipvalue, int64_t n,
                             float *restrict w, float *restrict vel, float *restrict mom,
                             float *restrict avg, const float *restrict g, const int centered,
                             const int with_momentum) {
  D4J_SIMD for (int64_t j = 0; j < n; ++j) {
    float gj = prep_grad(g[j], gscale, clipvalue);
    float vj = rho * vel[j] + c_rho * (gj * gj);
    vel[j] = vj;
    float denom = vj + epsilon;
    if (centered) {
      float aj = rho * avg[j] + c_rho * gj;
      avg[j] = aj;
      denom = vj - aj * aj + epsilon;
    }
    float inc = (lr * gj) / __builtin_sqrtf(denom);
    float wj = decayed(w[j], decay);
    if (with_momentum) {
      float mj = momentum * mom[j] + inc;
      mom[j] = mj;
      inc = mj;
    }
    w[j] = wj - inc;
  }
}

void D4J_KERNEL(d4j_f32_rmsprop_update)(float lr, float rho, float c_rho, float momentum,
                                        float epsilon, float decay, float gscale,
                                        float clipvalue, int64_t n, float *w, float *vel,
                                        float *mom, float *avg, const float *g) {
  assert(n > 0 && w != NULL && vel != NULL && g != NULL && (momentum == 0.0f || mom != NULL));
#define D4J_PASS(c, mo) \
  rmsprop_pass(lr, rho, c_rho, momentum, epsilon, decay, gscale, clipvalue, n, w, vel, mom, avg, g, c, mo)
  if (avg != NULL) {
    if (mom != NULL) {
      D4J_PASS(1, 1);
    } else {
      D4J_PASS(1, 0);
    }
  } else if (mom != NULL) {
    D4J_PASS(0, 1);
  } else {
    D4J_PASS(0, 0);
  }
#undef D4J_PASS
}
