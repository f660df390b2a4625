/* SPDX-License-Identifier: Apache-2.0 */
/*
 * train_internal.h: the per-ISA kernels behind the training functions of dense4j.h
 * (backward_kernels.c, optimizer_kernels.c), and the table train_api.c dispatches through.
 * Kernels receive checked arguments with non-empty work and only assert.
 */
#ifndef D4J_TRAIN_INTERNAL_H_
#define D4J_TRAIN_INTERNAL_H_

#include <stdint.h>

#include "internal.h"

#define D4J_DECLARE_TRAIN_KERNELS(isa)                                                         \
  void d4j_f32_act_backward__##isa(int32_t act, float p0, float p1, float p2, int64_t m,        \
                                   int64_t n, const float *z, int64_t ldz, const float *y,      \
                                   int64_t ldy, const float *dy, int64_t lddy, float *dz,       \
                                   int64_t lddz);                                               \
  void d4j_f32_col_sum__##isa(int64_t m, int64_t n, const float *x, int64_t ldx, float *sum);   \
  float d4j_f32_sum_squares__##isa(int64_t n, const float *x);                                   \
  void d4j_f32_sgd_update__##isa(int32_t nesterov, float lr, float momentum, float decay,       \
                                 float gscale, float clipvalue, int64_t n, float *w, float *m,  \
                                 const float *g);                                               \
  void d4j_f32_adam_update__##isa(float alpha, float c1, float c2, float epsilon, float decay,  \
                                  float gscale, float clipvalue, int64_t n, float *w, float *m, \
                                  float *v, float *vhat, const float *g);                       \
  void d4j_f32_rmsprop_update__##isa(float lr, float rho, float c_rho, float momentum,          \
                                     float epsilon, float decay, float gscale, float clipvalue, \
                                     int64_t n, float *w, float *vel, float *mom, float *avg,   \
                                     const float *g);

D4J_DECLARE_TRAIN_KERNELS(portable)
#if defined(D4J_HAVE_AVX2)
D4J_DECLARE_TRAIN_KERNELS(avx2)
#endif
#if defined(D4J_HAVE_AVX512)
D4J_DECLARE_TRAIN_KERNELS(avx512)
#endif

#endif /* D4J_TRAIN_INTERNAL_H_ */
