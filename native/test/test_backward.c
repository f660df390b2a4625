/* SPDX-License-Identifier: Apache-2.0 */
/*
 * test_backward.c: the backward-pass functions of dense4j.h.
 *  - d4j_f32_act_backward: every element-wise case of ref.c against central finite differences
 *    of its float64 reference (points next to a kink are skipped: one-sided slopes disagree);
 *    the row-wise kinds against finite differences of ref.c's row references; dz == dy in
 *    place; tail shapes with padding left untouched; every -k code.
 *  - d4j_f32_col_sum, d4j_f32_sum_squares against double sums, over tail sizes.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "ref.h"

#define FD_H 1e-6
#define PAD 7777.0f

static double fd_slope(const ref_case *c, double x, double h) {
  return (ref_eval(c, x + h) - ref_eval(c, x - h)) / (2 * h);
}

/* 1 when x sits at (or within 1e-3 of) a kink or a jump of the reference */
static int near_kink(const ref_case *c, double x) {
  double h = 1e-3;
  double left = (ref_eval(c, x) - ref_eval(c, x - h)) / h;
  double right = (ref_eval(c, x + h) - ref_eval(c, x)) / h;
  return fabs(left - right) > 1e-2 * (1.0 + fabs(left));
}

static void test_eltwise_case(const ref_case *c, uint64_t *rng) {
  enum { N = 400 };
  float z[N], y[N], dy[N], dz[N];
  for (int j = 0; j < N; ++j) {
    z[j] = (float)ref_rng_uniform(rng, -7.0, 7.0);
    dy[j] = (float)ref_rng_uniform(rng, -2.0, 2.0);
  }
  memcpy(y, z, sizeof y);
  CHECK_EQ_INT(d4j_f32_bias_act(c->act, c->p0, c->p1, c->p2, 1, N, y, N, NULL), D4J_OK, "%s", c->label);
  int32_t rc = d4j_f32_act_backward(c->act, c->p0, c->p1, c->p2, 1, N, z, N, y, N, dy, N, dz, N);
  CHECK_EQ_INT(rc, D4J_OK, "%s", c->label);
  for (int j = 0; j < N; ++j) {
    double x = (double)z[j];
    if (near_kink(c, x)) continue;
    double d = fd_slope(c, x, FD_H) * (double)dy[j];
    double tol = 2e-5 * fmax(1.0, fabs(d)) + 1e-6;
    CHECK(fabs((double)dz[j] - d) <= tol, "%s: x=%a dy=%g dz=%.9g fd=%.9g", c->label, x,
          (double)dy[j], (double)dz[j], d);
  }
  /* in place: dz written over dy gives the same bits */
  float inplace[N];
  memcpy(inplace, dy, sizeof inplace);
  rc = d4j_f32_act_backward(c->act, c->p0, c->p1, c->p2, 1, N, z, N, y, N, inplace, N, inplace, N);
  CHECK(rc == D4J_OK && memcmp(inplace, dz, sizeof dz) == 0, "%s in place", c->label);
}

typedef void (*row_ref)(const float *z, int64_t n, double *out);

/* phi(z) = sum_j dy_j f(z)_j in double; its gradient is the JVP the kernel computes */
static double row_phi(row_ref f, const float *z, int64_t n, const float *dy, int64_t w) {
  double out[64];
  f(z, n, out);
  double s = 0.0;
  for (int64_t j = 0; j < w; ++j) s += (double)dy[j] * out[j];
  return s;
}

static void test_rowwise(const char *label, int32_t act, row_ref f, int64_t n, uint64_t *rng) {
  int64_t w = act == D4J_ACT_GLU ? n / 2 : n;
  float z[64] = {0}, y[64] = {0}, dy[64] = {0}, dz[64] = {0}, zp[64] = {0};
  for (int64_t j = 0; j < n; ++j) {
    /* multiples of 2^-8: z +- 2^-12 stays exact in float */
    z[j] = (float)floor(ref_rng_uniform(rng, -3.0, 3.0) * 256.0) / 256.0f;
  }
  for (int64_t j = 0; j < w; ++j) dy[j] = (float)ref_rng_uniform(rng, -1.0, 1.0);
  memcpy(y, z, sizeof z);
  CHECK_EQ_INT(d4j_f32_bias_act(act, 0, 0, 0, 1, n, y, n, NULL), D4J_OK, "%s", label);
  CHECK_EQ_INT(d4j_f32_act_backward(act, 0, 0, 0, 1, n, z, n, y, n, dy, n, dz, n), D4J_OK, "%s", label);
  const float h = 1.0f / 4096.0f;
  for (int64_t k = 0; k < n; ++k) {
    memcpy(zp, z, sizeof z);
    zp[k] = z[k] + h;
    double up = row_phi(f, zp, n, dy, w);
    zp[k] = z[k] - h;
    double down = row_phi(f, zp, n, dy, w);
    zp[k] = z[k] + h / 2;
    double up2 = row_phi(f, zp, n, dy, w);
    zp[k] = z[k] - h / 2;
    double down2 = row_phi(f, zp, n, dy, w);
    double d = (up - down) / (2.0 * (double)h);
    double d2 = (up2 - down2) / (double)h;
    if (fabs(d - d2) > 1e-3 * (1.0 + fabs(d))) continue; /* sparsemax: the support changed */
    CHECK(fabs((double)dz[k] - d) <= 1e-4 * (1.0 + fabs(d)), "%s n=%lld k=%lld: dz=%.9g fd=%.9g",
          label, (long long)n, (long long)k, (double)dz[k], d);
  }
  if (act != D4J_ACT_GLU) {
    float inplace[64];
    memcpy(inplace, dy, sizeof inplace);
    int32_t rc = d4j_f32_act_backward(act, 0, 0, 0, 1, n, z, n, y, n, inplace, n, inplace, n);
    CHECK(rc == D4J_OK && memcmp(inplace, dz, (size_t)n * sizeof *dz) == 0, "%s in place", label);
  }
}

/* m x n with ld = n + 3: padding columns keep PAD, values equal the packed computation */
static void test_padding(int32_t act, uint64_t *rng) {
  enum { M = 3, NN = 10, LD = 13 };
  int64_t w = act == D4J_ACT_GLU ? NN / 2 : NN;
  float z[M * LD], y[M * LD], dy[M * LD], dz[M * LD], zp[NN], yp[NN], dyp[NN], dzp[NN];
  for (int i = 0; i < M * LD; ++i) {
    z[i] = (float)ref_rng_uniform(rng, -2.0, 2.0);
    dy[i] = (float)ref_rng_uniform(rng, -1.0, 1.0);
    dz[i] = PAD;
  }
  memcpy(y, z, sizeof z);
  d4j_f32_bias_act(act, 0, 0, 0, M, NN, y, LD, NULL);
  CHECK_EQ_INT(d4j_f32_act_backward(act, 0, 0, 0, M, NN, z, LD, y, LD, dy, LD, dz, LD), D4J_OK, "act %d", act);
  for (int i = 0; i < M; ++i) {
    memcpy(zp, z + i * LD, sizeof zp);
    memcpy(yp, y + i * LD, sizeof yp);
    memcpy(dyp, dy + i * LD, sizeof dyp);
    d4j_f32_act_backward(act, 0, 0, 0, 1, NN, zp, NN, yp, w, dyp, w, dzp, NN);
    CHECK(memcmp(dzp, dz + i * LD, sizeof dzp) == 0, "act %d row %d", act, i);
    for (int j = NN; j < LD; ++j) CHECK(dz[i * LD + j] == PAD, "act %d padding", act);
  }
}

static void test_backward_codes(void) {
  float a[8] = {0}, b[8] = {0};
  const int32_t R = D4J_ACT_RELU, G = D4J_ACT_GLU;
  CHECK_EQ_INT(d4j_f32_act_backward(99, 0, 0, 0, 1, 2, a, 2, a, 2, a, 2, b, 2), -1, "act");
  CHECK_EQ_INT(d4j_f32_act_backward(R, NAN, INFINITY, 0, 1, 2, a, 2, a, 2, a, 2, b, 2), -2, "p0");
  CHECK_EQ_INT(d4j_f32_act_backward(R, 0, -1, 0, 1, 2, a, 2, a, 2, a, 2, b, 2), -3, "p1");
  CHECK_EQ_INT(d4j_f32_act_backward(R, 0, INFINITY, NAN, 1, 2, a, 2, a, 2, a, 2, b, 2), -4, "p2");
  CHECK_EQ_INT(d4j_f32_act_backward(R, 0, INFINITY, 0, -1, 2, a, 2, a, 2, a, 2, b, 2), -5, "m");
  CHECK_EQ_INT(d4j_f32_act_backward(R, 0, INFINITY, 0, 1, -1, a, 2, a, 2, a, 2, b, 2), -6, "n");
  CHECK_EQ_INT(d4j_f32_act_backward(G, 0, 0, 0, 1, 3, a, 3, a, 3, a, 3, b, 3), -6, "glu odd n");
  CHECK_EQ_INT(d4j_f32_act_backward(R, 0, INFINITY, 0, 1, 2, NULL, 2, a, 2, a, 2, b, 2), -7, "z");
  CHECK_EQ_INT(d4j_f32_act_backward(R, 0, INFINITY, 0, 1, 2, a, 1, a, 2, a, 2, b, 2), -8, "ldz");
  CHECK_EQ_INT(d4j_f32_act_backward(R, 0, INFINITY, 0, 1, 2, a, 2, NULL, 2, a, 2, b, 2), -9, "y");
  CHECK_EQ_INT(d4j_f32_act_backward(R, 0, INFINITY, 0, 1, 2, a, 2, a, 1, a, 2, b, 2), -10, "ldy");
  CHECK_EQ_INT(d4j_f32_act_backward(G, 0, 0, 0, 1, 4, a, 4, a, 2, a, 2, b, 4), 0, "glu ldy = n/2");
  CHECK_EQ_INT(d4j_f32_act_backward(R, 0, INFINITY, 0, 1, 2, a, 2, a, 2, NULL, 2, b, 2), -11, "dy");
  CHECK_EQ_INT(d4j_f32_act_backward(R, 0, INFINITY, 0, 1, 2, a, 2, a, 2, a, 1, b, 2), -12, "lddy");
  CHECK_EQ_INT(d4j_f32_act_backward(R, 0, INFINITY, 0, 1, 2, a, 2, a, 2, a, 2, NULL, 2), -13, "dz");
  CHECK_EQ_INT(d4j_f32_act_backward(G, 0, 0, 0, 1, 4, a, 4, a, 2, b, 4, b, 4), -13, "glu in place");
  CHECK_EQ_INT(d4j_f32_act_backward(R, 0, INFINITY, 0, 1, 2, a, 2, a, 2, a, 2, b, 1), -14, "lddz");
  CHECK_EQ_INT(d4j_f32_act_backward(R, 0, INFINITY, 0, 0, 2, NULL, 2, NULL, 2, NULL, 2, NULL, 2), 0, "m = 0");
  CHECK_EQ_INT(d4j_f32_act_backward(-5, 0, 0, 0, -1, -1, NULL, 0, NULL, 0, NULL, 0, NULL, 0), -1, "lowest wins");
  CHECK_EQ_INT(d4j_f32_col_sum(-1, 2, a, 2, b), -1, "col_sum m");
  CHECK_EQ_INT(d4j_f32_col_sum(1, -2, a, 2, b), -2, "col_sum n");
  CHECK_EQ_INT(d4j_f32_col_sum(1, 2, NULL, 2, b), -3, "col_sum x");
  CHECK_EQ_INT(d4j_f32_col_sum(1, 2, a, 1, b), -4, "col_sum ldx");
  CHECK_EQ_INT(d4j_f32_col_sum(1, 2, a, 2, NULL), -5, "col_sum sum");
  CHECK_EQ_INT(d4j_f32_sum_squares(-1, a, b), -1, "sum_squares n");
  CHECK_EQ_INT(d4j_f32_sum_squares(1, NULL, b), -2, "sum_squares x");
  CHECK_EQ_INT(d4j_f32_sum_squares(1, a, NULL), -3, "sum_squares out");
}

static void test_reductions(uint64_t *rng) {
  static const int64_t sizes[] = {0, 1, 7, 8, 9, 13, 257};
  for (size_t s = 0; s < sizeof sizes / sizeof *sizes; ++s) {
    int64_t n = sizes[s], m = 5, ld = n + 2;
    float *x = malloc((size_t)(m * ld + 1) * sizeof *x), *sum = malloc((size_t)(n + 1) * sizeof *sum);
    for (int64_t i = 0; i < m * ld; ++i) x[i] = (float)ref_rng_uniform(rng, -1.0, 1.0);
    CHECK_EQ_INT(d4j_f32_col_sum(m, n, x, ld > 0 ? ld : 1, sum), D4J_OK, "col_sum n=%lld", (long long)n);
    for (int64_t j = 0; j < n; ++j) {
      double e = 0.0;
      for (int64_t i = 0; i < m; ++i) e += (double)x[i * ld + j];
      CHECK(fabs((double)sum[j] - e) <= 1e-6, "col_sum n=%lld j=%lld", (long long)n, (long long)j);
    }
    float ss = -1.0f;
    CHECK_EQ_INT(d4j_f32_sum_squares(n * m, x, &ss), D4J_OK, "sum_squares");
    double e = 0.0;
    for (int64_t i = 0; i < n * m; ++i) e += (double)x[i] * (double)x[i];
    CHECK(fabs((double)ss - e) <= 1e-7 * (1.0 + e), "sum_squares n=%lld: %g vs %g", (long long)(n * m), (double)ss, e);
    free(x);
    free(sum);
  }
  float none[1] = {0};
  CHECK_EQ_INT(d4j_f32_col_sum(0, 1, NULL, 1, none), D4J_OK, "col_sum m = 0");
  CHECK(none[0] == 0.0f, "col_sum m = 0 writes zeros");
}

int main(void) {
  uint64_t rng = 0x5eedULL;
  for (int c = 0; c < ref_eltwise_count; ++c) test_eltwise_case(&ref_eltwise_cases[c], &rng);
  static const int64_t widths[] = {1, 2, 7, 8, 13, 32};
  for (size_t k = 0; k < sizeof widths / sizeof *widths; ++k) {
    int64_t n = widths[k];
    test_rowwise("softmax", D4J_ACT_SOFTMAX, ref_softmax, n, &rng);
    test_rowwise("log_softmax", D4J_ACT_LOG_SOFTMAX, ref_log_softmax, n, &rng);
    test_rowwise("sparsemax", D4J_ACT_SPARSEMAX, ref_sparsemax, n, &rng);
    if (n % 2 == 0) test_rowwise("glu", D4J_ACT_GLU, ref_glu, n, &rng);
  }
  static const int32_t padded[] = {D4J_ACT_LINEAR, D4J_ACT_TANH, D4J_ACT_GELU, D4J_ACT_SOFTMAX,
                                   D4J_ACT_LOG_SOFTMAX, D4J_ACT_GLU, D4J_ACT_SPARSEMAX};
  for (size_t k = 0; k < sizeof padded / sizeof *padded; ++k) test_padding(padded[k], &rng);
  test_backward_codes();
  test_reductions(&rng);
  return check_summary("test_backward");
}
