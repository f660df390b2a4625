/* SPDX-License-Identifier: Apache-2.0 */
/*
 * dense4j.h: the only public header of libdense4j, the fused epilogues around the GEMM of a
 * Keras Dense layer. (dense4j_testing.h beside it declares hooks for tests and benchmarks; they
 * are exported but are not part of this ABI.)
 *
 * Conventions (every function):
 *  - row-major matrices; every pointer is followed by its leading dimension, in elements;
 *  - fixed-width scalars only (int32_t, int64_t, float) and pointers; inputs are const;
 *  - the return value is D4J_OK (0), -k when the k-th argument (1-based, prototype order) is
 *    invalid, or a positive D4J_ERR_* status; nothing prints, aborts, allocates or touches errno;
 *  - nothing here calls BLAS: the caller runs the GEMM and hands the result over.
 *
 * Thread safety: every function is reentrant. The only global is the cached result of
 * d4j_isa_best (an atomic int; racing first calls all store the same value).
 */
#ifndef D4J_D4J_H_
#define D4J_D4J_H_

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(_WIN32)
#  define D4J_API __declspec(dllexport)
#else
#  define D4J_API __attribute__((visibility("default")))
#endif

/* Bumped whenever a prototype, an enum value or a documented contract changes. */
#define D4J_ABI_VERSION 4

/* Status codes (positive; negative values name an invalid argument). */
#define D4J_OK 0
#define D4J_ERR_UNSUPPORTED_CPU 1 /* the requested ISA level is not supported by this CPU or build */

/*
 * Activation codes (Keras 3 names). The parameters p0..p2 of d4j_f32_bias_act mean:
 *   RELU          p0 = negative_slope, p1 = max_value (+INFINITY for none), p2 = threshold
 *   LEAKY_RELU    p0 = negative_slope
 *   ELU, CELU     p0 = alpha
 *   HARD_SIGMOID  p0 = slope, p1 = offset: clip(p0*x + p1, 0, 1)  (Keras 3: 1/6, 1/2; Keras 2: 0.2, 0.5)
 *   HARD_SILU     p0 = slope, p1 = offset of the hard_sigmoid it multiplies with
 *   SQUAREPLUS    p0 = b
 *   GELU          p0 = approximate (0: exact erf form, 1: tanh form)
 *   SOFT_SHRINK, HARD_SHRINK  p0 = threshold
 *   THRESHOLD     p0 = threshold, p1 = default_value
 * Unused parameters are ignored. SOFTMAX, LOG_SOFTMAX, GLU and SPARSEMAX work along each row.
 *
 * Special values: a NaN input gives NaN, also for the piecewise activations (threshold,
 * hard_shrink, relu with a threshold ...). At x = +-inf the result is the limit of the
 * function where it exists (silu/gelu/mish(-inf) = 0, softsign(+-inf) = +-1,
 * squareplus(-inf) = 0; literal float formulas would give NaN there). A row-wise activation
 * of a row holding a NaN or +inf gives a row of NaN; -inf entries are fine (softmax 0).
 * Accuracy against float64 math: a few ulp at most (README, test/error_report.c).
 */
typedef enum d4j_activation {
  D4J_ACT_LINEAR = 100,
  D4J_ACT_RELU = 101,
  D4J_ACT_LEAKY_RELU = 102,
  D4J_ACT_RELU6 = 103,
  D4J_ACT_ELU = 104,
  D4J_ACT_SELU = 105,
  D4J_ACT_CELU = 106,
  D4J_ACT_SIGMOID = 107,
  D4J_ACT_HARD_SIGMOID = 108,
  D4J_ACT_SPARSE_SIGMOID = 109,
  D4J_ACT_LOG_SIGMOID = 110,
  D4J_ACT_TANH = 111,
  D4J_ACT_HARD_TANH = 112,
  D4J_ACT_TANH_SHRINK = 113,
  D4J_ACT_SOFTPLUS = 114,
  D4J_ACT_SOFTSIGN = 115,
  D4J_ACT_SQUAREPLUS = 116,
  D4J_ACT_SPARSE_PLUS = 117,
  D4J_ACT_SILU = 118,
  D4J_ACT_HARD_SILU = 119,
  D4J_ACT_GELU = 120,
  D4J_ACT_MISH = 121,
  D4J_ACT_EXPONENTIAL = 122,
  D4J_ACT_SOFT_SHRINK = 123,
  D4J_ACT_HARD_SHRINK = 124,
  D4J_ACT_THRESHOLD = 125,
  D4J_ACT_SOFTMAX = 126,
  D4J_ACT_LOG_SOFTMAX = 127,
  D4J_ACT_GLU = 128,
  D4J_ACT_SPARSEMAX = 129
} d4j_activation;

/* Instruction-set levels of the vectorised kernels. */
typedef enum d4j_isa {
  D4J_ISA_PORTABLE = 1, /* plain C11, auto-vectorised for the build's baseline (SSE2, NEON, ...) */
  D4J_ISA_AVX2 = 2,     /* x86-64 AVX2 + FMA */
  D4J_ISA_AVX512 = 3,   /* x86-64 AVX-512F/DQ/BW/VL */
  D4J_ISA_AVX512_VNNI = 4, /* AVX512 + AVX512_VNNI (Ice Lake and later): int8 with vpdpbusd */
  D4J_ISA_AVX512_BF16 = 5  /* AVX512_VNNI + AVX512_BF16 (Cooper Lake, Sapphire Rapids, Zen 4) */
} d4j_isa;

/* Returns D4J_ABI_VERSION of the built library; callers refuse to bind on a mismatch. */
D4J_API int32_t d4j_abi_version(void);

/* A static, never-NULL name for a status code: "D4J_OK", "D4J_ERR_UNSUPPORTED_CPU",
 * "D4J_ERR_INVALID_ARGUMENT" (any negative value) or "D4J_ERR_UNKNOWN". */
D4J_API const char *d4j_status_name(int32_t status);

/* The best ISA level this CPU, its OS and this build support; d4j_f32_bias_act uses it. */
D4J_API int32_t d4j_isa_best(void);

/* 1 when `isa` is supported by this CPU and build, else 0 (also for unknown codes). */
D4J_API int32_t d4j_isa_supported(int32_t isa);

/*
 * y[i, :] = act(y[i, :] + bias)   for i in [0, m), in place.
 *
 *   act      a d4j_activation code                                   (-1 if unknown)
 *   p0..p2   activation parameters, see d4j_activation               (-2..-4 if invalid for act)
 *   m        rows, >= 0                                              (-5)
 *   n        columns, >= 0; even for GLU                             (-6)
 *   y        m x n matrix, may be NULL only when m == 0 or n == 0    (-7)
 *   ldy      leading dimension of y, >= max(1, n)                    (-8)
 *   bias     n floats, or NULL for no bias; must not overlap y       (never invalid)
 *
 * GLU halves the width: row i of the result is written to y[i, 0 .. n/2), the rest of the row
 * keeps the biased pre-activation values. Columns n .. ldy-1 are never touched; m == 0 or
 * n == 0 returns D4J_OK after the checks (y may then be NULL). A call that returns non-zero
 * has not written anything.
 * Parameter checks (-2/-3/-4 name p0/p1/p2):
 *   RELU: negative_slope finite, max_value > 0 (+INFINITY for none), threshold not NaN;
 *   LEAKY_RELU, ELU: finite p0; CELU: finite, non-zero alpha;
 *   HARD_SIGMOID, HARD_SILU: finite slope and offset; SQUAREPLUS: finite b >= 0;
 *   GELU: approximate is 0 or 1; SOFT_SHRINK, HARD_SHRINK, THRESHOLD: threshold not NaN
 *   (THRESHOLD's default_value may be anything, NaN included).
 */
D4J_API int32_t d4j_f32_bias_act(int32_t act, float p0, float p1, float p2, int64_t m, int64_t n,
                                 float *y, int64_t ldy, const float *bias);

/*
 * Training's forward epilogue, one pass over each block of rows while it is in cache:
 *   z[i, :] += bias            (z keeps the pre-activation)
 *   y[i, :]  = act(z[i, :])    (GLU: results in y[i, 0 .. n/2), the rest of the row undefined)
 *
 *   act, p0..p2, m, n   as for d4j_f32_bias_act                               (-1 .. -6)
 *   z, ldz              m x n, read and written; ldz >= max(1, n)             (-7, -8)
 *   y, ldy              m x n, written; ldy >= max(1, n); must not overlap z  (-9, -10)
 *   bias                n floats, or NULL for no bias; must not overlap z, y  (never invalid)
 * Pointers may be NULL only when m == 0 or n == 0. Results equal d4j_f32_bias_act's bit for bit.
 */
D4J_API int32_t d4j_f32_bias_act_keep(int32_t act, float p0, float p1, float p2, int64_t m,
                                      int64_t n, float *z, int64_t ldz, float *y, int64_t ldy,
                                      const float *bias);

/* ==============================================================================================
 * Packed inference kernels: y = act(x · W + b) over weights packed once, in one of three
 * precisions, with the bias and the activation applied to the accumulators of each output tile
 * before its one store. Sources: src/packed.c (checks, packing, dispatch), src/packed_kernels.c.
 *
 * A k x n kernel W (Keras' (input_dim, units), row-major) is packed into panels of 32 output
 * columns (the last one zero-padded), each 64-byte aligned:
 *   F32   the panel's k rows of 32 floats                                     k * 128 bytes
 *   BF16  ceil(k/2) rows of 32 pairs (W[2p, j], W[2p+1, j]) of bfloat16        ceil(k/2) * 128
 *   INT8  32 int32 offset sums, 32 float scales, then ceil(k/4) rows of 32
 *         quads W[4q..4q+3, j] of int8                                         256 + ceil(k/4) * 128
 * The bytes are opaque to the caller: only d4j_pack writes them and only d4j_packed_dense reads
 * them, on any ISA level (one layout for all).
 *
 * What each precision computes (the formula the tests evaluate in float64):
 *   F32   y = act(x · W + b)
 *   BF16  y = act(bf16(x) · bf16(W) + b): both operands rounded to bfloat16 (nearest, ties to
 *         even), exact products, float32 accumulation; on D4J_ISA_AVX512_BF16 (vdpbf16ps)
 *         bfloat16 subnormals count as zero.
 *   INT8  Keras 3's int8 Dense: per output column s_w[j] = 127 / (max_i |W[i, j]| + 1e-7) and
 *         Wq = clip(round(W * s_w), -127, 127); per input row s_x[b] = 127 / (max_k |x[b, k]| + 1e-7)
 *         and xq = clip(round(x * s_x), -127, 127) (float32 arithmetic, round half to even);
 *         y = act(float(xq · Wq) / (s_x[b] * s_w[j]) + b) with an exact int32 accumulator.
 *         A row of x holding NaN or +-inf gives a row of NaN; k <= D4J_INT8_MAX_K.
 * ============================================================================================ */

typedef enum d4j_precision {
  D4J_PRECISION_F32 = 301,
  D4J_PRECISION_BF16 = 302,
  D4J_PRECISION_INT8 = 303
} d4j_precision;

/* The largest k of an INT8 kernel: 127 * 127 * k must fit an int32 accumulator. */
#define D4J_INT8_MAX_K 131072

/*
 * *bytes = the size of the packed form of a k x n kernel in `precision`.
 *   precision  a d4j_precision code                      (-1)
 *   k, n       >= 1; INT8: k <= D4J_INT8_MAX_K           (-2, -3)
 *   bytes      not NULL                                  (-4)
 */
D4J_API int32_t d4j_packed_size(int32_t precision, int64_t k, int64_t n, int64_t *bytes);

/*
 * Packs the k x n kernel w into `packed`. Arguments 1-3 as d4j_packed_size;
 *   w, ldw        k x n floats, ldw >= n; INT8: every value finite   (-4, -5)
 *   packed        64-byte aligned, not overlapping w                 (-6)
 *   packed_bytes  at least d4j_packed_size's value                   (-7)
 */
D4J_API int32_t d4j_pack(int32_t precision, int64_t k, int64_t n, const float *w, int64_t ldw,
                         void *packed, int64_t packed_bytes);

/*
 * *bytes = the scratch d4j_packed_dense needs for m rows of k inputs (F32: 0; BF16: the rows
 * rounded to bfloat16, 8 bytes per pair of inputs; INT8: the quantised rows and their scales).
 *   precision (-1); m >= 0 (-2); k >= 1, INT8: k <= D4J_INT8_MAX_K (-3); bytes not NULL (-4)
 */
D4J_API int32_t d4j_packed_scratch_size(int32_t precision, int64_t m, int64_t k, int64_t *bytes);

/*
 * y[i, :] = act(x[i, :] · W + b) for i < m, on the best ISA level (see d4j_isa_best).
 *
 *   precision      a d4j_precision code, the one `packed` was packed in               (-1)
 *   act, p0..p2    a d4j_activation and its parameters, as for d4j_f32_bias_act       (-2..-5)
 *   m              rows, >= 0                                                         (-6)
 *   k, n           the packed kernel's shape, as for d4j_packed_size; GLU: n even     (-7, -8)
 *   x, ldx         m x k inputs, ldx >= k                                             (-9, -10)
 *   packed         d4j_pack's output for (precision, k, n), 64-byte aligned           (-11)
 *   bias           n floats, or NULL for no bias                                      (never)
 *   y, ldy         m x n outputs, ldy >= n, not overlapping x, packed or scratch      (-13, -14)
 *   scratch        64-byte aligned, or NULL when scratch_bytes is 0                   (-15)
 *   scratch_bytes  at least d4j_packed_scratch_size(precision, m, k)                  (-16)
 * Pointers may be NULL when m == 0. Element-wise activations run on each tile of
 * accumulators before the store; the row-wise ones (SOFTMAX, LOG_SOFTMAX, GLU, SPARSEMAX) run
 * over each output row after its last tile (GLU as d4j_f32_bias_act: results in y[i, 0 .. n/2)).
 * Reentrant; allocates nothing.
 */
D4J_API int32_t d4j_packed_dense(int32_t precision, int32_t act, float p0, float p1, float p2,
                                 int64_t m, int64_t k, int64_t n, const float *x, int64_t ldx,
                                 const void *packed, const float *bias, float *y, int64_t ldy,
                                 void *scratch, int64_t scratch_bytes);

/* ==============================================================================================
 * Weight penalties and projections: Keras' L1 / L2 / L1L2 regularizers (penalty and gradient)
 * and its NonNeg / MaxNorm / MinMaxNorm / UnitNorm constraints, over a kernel or bias in place.
 * Sums are accumulated in double. Sources: src/penalties.c, src/constraints.c.
 * ============================================================================================ */

/*
 * Norm constraints. With N the L2 norm of one slice (a column or a row) and eps = 1e-7f:
 *   D4J_NORM_MAX      w * clip(N, 0, max_value) / (eps + N)
 *   D4J_NORM_MIN_MAX  w * (rate * clip(N, min_value, max_value) + (1 - rate) * N) / (eps + N)
 *   D4J_NORM_UNIT     w / (eps + N)
 */
typedef enum d4j_norm_constraint {
  D4J_NORM_MAX = 201,
  D4J_NORM_MIN_MAX = 202,
  D4J_NORM_UNIT = 203
} d4j_norm_constraint;

/*
 * *out = l1 * sum(|x|) + l2 * sum(x^2) over the m x n matrix x; a term whose factor is exactly 0
 * is skipped (it adds nothing even for an infinite x).
 *
 *   l1, l2   finite, >= 0                                            (-1, -2)
 *   m, n     >= 0                                                    (-3, -4)
 *   x        m x n matrix, may be NULL only when m == 0 or n == 0    (-5)
 *   ldx      >= max(1, n)                                            (-6)
 *   out      where the penalty is written, not NULL                  (-7)
 */
D4J_API int32_t d4j_f32_l1l2_penalty(float l1, float l2, int64_t m, int64_t n, const float *x,
                                     int64_t ldx, double *out);

/*
 * g += l1 * sign(x) + 2 * l2 * x over m x n, element by element: the gradient of
 * d4j_f32_l1l2_penalty, added to g. sign(+-0) = 0, sign(NaN) = NaN; a term whose factor is 0 is
 * skipped. Arguments 1-6 as d4j_f32_l1l2_penalty;
 *   g        m x n matrix, may be NULL only when m == 0 or n == 0    (-7)
 *   ldg      >= max(1, n)                                            (-8)
 */
D4J_API int32_t d4j_f32_l1l2_grad_acc(float l1, float l2, int64_t m, int64_t n, const float *x,
                                      int64_t ldx, float *g, int64_t ldg);

/*
 * w = w * (w >= 0) in place over m x n, as Keras' NonNeg computes it: negative values become
 * -0.0, NaN stays NaN and -inf becomes NaN.
 *
 *   m, n     >= 0                                                    (-1, -2)
 *   w        may be NULL only when m == 0 or n == 0                  (-3)
 *   ldw      >= max(1, n)                                            (-4)
 */
D4J_API int32_t d4j_f32_nonneg(int64_t m, int64_t n, float *w, int64_t ldw);

/*
 * A norm constraint in place: the L2 norms of the columns (axis 0: one per output unit of a Dense
 * kernel) or of the rows (axis 1) of the m x n matrix w, each slice scaled as d4j_norm_constraint
 * says. Other axes of higher-rank weights are mapped onto these two by the caller.
 *
 *   kind       a d4j_norm_constraint code                                        (-1)
 *   min_value  MIN_MAX: finite, 0 <= min_value <= max_value; else ignored        (-2)
 *   max_value  MAX and MIN_MAX: finite, > 0; else ignored                        (-3)
 *   rate       MIN_MAX: in [0, 1]; else ignored                                  (-4)
 *   axis       0 or 1                                                            (-5)
 *   m, n       >= 0                                                              (-6, -7)
 *   w          may be NULL only when m == 0 or n == 0                            (-8)
 *   ldw        >= max(1, n)                                                      (-9)
 *
 * Column norms are accumulated in fixed-size blocks on the stack: no allocation.
 */
D4J_API int32_t d4j_f32_norm_constraint(int32_t kind, float min_value, float max_value, float rate,
                                        int32_t axis, int64_t m, int64_t n, float *w, int64_t ldw);

/* ==============================================================================================
 * Training: activation derivatives, the bias-gradient reduction and fused optimizer updates.
 *
 * Same conventions as above. Vectors (weights, optimizer slots, gradients) are contiguous arrays
 * of n floats. Every function runs on the best ISA level of the CPU (d4j_isa_best()).
 * ============================================================================================== */

/*
 * Backward pass of d4j_f32_bias_act's activation: dz = J_act(z)^T dy, row by row.
 *
 *   act, p0..p2  as for d4j_f32_bias_act, with the same parameter checks     (-1 .. -4)
 *   m            rows, >= 0                                                   (-5)
 *   n            width of the pre-activation z, >= 0; even for GLU            (-6)
 *   z, ldz       the pre-activation (bias added), m x n                       (-7, -8)
 *   y, ldy       act(z), m x w with w = n/2 for GLU and w = n otherwise       (-9, -10)
 *   dy, lddy     dL/dy, m x w                                                 (-11, -12)
 *   dz, lddz     dL/dz, m x n, written; may be the memory of dy (lddz == lddy) except for GLU
 *                                                                             (-13, -14)
 * Pointers may be NULL only when m == 0 or n == 0; leading dimensions are >= max(1, width).
 *
 * Element-wise kinds: dz = act'(z) * dy, reusing y where that is cheaper (sigmoid, tanh,
 * exponential, elu, selu, celu). At a kink the one-sided derivative of the branch that holds the
 * point in the forward formula is used (relu: 0 at 0; leaky_relu: 1 at 0; clipped ranges: 0 at
 * their ends). Row-wise kinds, per row:
 *   SOFTMAX      dz = y * (dy - <y, dy>)
 *   LOG_SOFTMAX  dz = dy - exp(y) * sum(dy)
 *   GLU          z = [a, b]: dz_a = dy * sigmoid(b), dz_b = dy * a * sigmoid(b) * (1 - sigmoid(b))
 *   SPARSEMAX    dz = s * (dy - mean of dy over the support), s = 1 where y > 0, else 0
 */
D4J_API int32_t d4j_f32_act_backward(int32_t act, float p0, float p1, float p2, int64_t m,
                                     int64_t n, const float *z, int64_t ldz, const float *y,
                                     int64_t ldy, const float *dy, int64_t lddy, float *dz,
                                     int64_t lddz);

/*
 * sum[j] = sum over i < m of x[i, j], for j < n: the bias gradient of a Dense layer.
 *   m >= 0 (-1); n >= 0 (-2); x, ldx >= max(1, n) (-3, -4); sum, n floats (-5).
 * With m == 0 the sums are 0.
 */
D4J_API int32_t d4j_f32_col_sum(int64_t m, int64_t n, const float *x, int64_t ldx, float *sum);

/* *out = sum of x[i]^2 for i < n, accumulated in double and rounded once.
 *   n >= 0 (-1); x (-2); out, never NULL (-3). */
D4J_API int32_t d4j_f32_sum_squares(int64_t n, const float *x, float *out);

/*
 * Optimizer updates (Keras 3 update rules), one pass over n weights w with gradient g. Each
 * first prepares the gradient and applies the decoupled weight decay:
 *   g' = min(max(g * gscale, -clipvalue), clipvalue)  gscale = 1 and clipvalue = +INFINITY disable
 *   w  = w - w * decay                                decay = weight_decay * learning_rate, or 0
 * Common checks: decay not NaN; clipvalue > 0 (NaN fails); n >= 0; w, g and the slots a
 * configuration needs are non-NULL when n > 0. gscale is never invalid: a NaN (Keras' global
 * clipping of a non-finite norm) makes the step NaN, as in Keras. The caller computes
 * step-dependent scalars in double precision and rounds them once (alpha, c1, c2, c_rho).
 */

/*
 * SGD:  momentum == 0: w = w + (-g' * lr)            (m unused, may be NULL)
 *       otherwise:     m = -g' * lr + m * momentum
 *                      w = w + m                       nesterov == 0
 *                      w = w + (-g' * lr + m * momentum)   nesterov != 0 (with the new m)
 * Codes: nesterov -1 (0 or 1); lr -2 (finite); momentum -3 (in [0, 1]); decay -4; clipvalue -6;
 * n -7; w -8; m -9 (needed when momentum != 0); g -10.
 */
D4J_API int32_t d4j_f32_sgd_update(int32_t nesterov, float lr, float momentum, float decay,
                                   float gscale, float clipvalue, int64_t n, float *w, float *m,
                                   const float *g);

/*
 * Adam / AMSGrad, with alpha = lr * sqrt(1 - beta_2^t) / (1 - beta_1^t), c1 = 1 - beta_1,
 * c2 = 1 - beta_2 (t = iteration + 1):
 *   m = m + (g' - m) * c1
 *   v = v + (g'^2 - v) * c2
 *   vhat = max(vhat, v), used below in place of v   only when vhat != NULL (amsgrad)
 *   w = w - (m * alpha) / (sqrt(v) + epsilon)
 * Codes: alpha -1 (finite); c1 -2, c2 -3 (in [0, 1]); epsilon -4 (finite, >= 0); decay -5;
 * clipvalue -7; n -8; w -9; m -10; v -11; vhat -12 (never invalid); g -13.
 */
D4J_API int32_t d4j_f32_adam_update(float alpha, float c1, float c2, float epsilon, float decay,
                                    float gscale, float clipvalue, int64_t n, float *w, float *m,
                                    float *v, float *vhat, const float *g);

/*
 * RMSprop, with c_rho = 1 - rho:
 *   vel = rho * vel + c_rho * g'^2
 *   avg != NULL (centered): avg = rho * avg + c_rho * g';  denom = vel - avg^2 + epsilon
 *   otherwise:                                             denom = vel + epsilon
 *   inc = lr * g' / sqrt(denom)                  (epsilon inside the square root)
 *   mom != NULL: mom = momentum * mom + inc;  w = w - mom      otherwise: w = w - inc
 * Codes: lr -1 (finite); rho -2, c_rho -3 (in [0, 1]); momentum -4 (finite, >= 0); epsilon -5
 * (finite, >= 0); decay -6; clipvalue -8; n -9; w -10; vel -11; mom -12 (needed when
 * momentum > 0); avg -13 (never invalid); g -14.
 */
D4J_API int32_t d4j_f32_rmsprop_update(float lr, float rho, float c_rho, float momentum,
                                       float epsilon, float decay, float gscale, float clipvalue,
                                       int64_t n, float *w, float *vel, float *mom, float *avg,
                                       const float *g);

#ifdef __cplusplus
}
#endif

#endif /* D4J_D4J_H_ */
