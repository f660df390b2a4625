/* SPDX-License-Identifier: Apache-2.0 */
/*
 * test_weight_ops.c: d4j_f32_l1l2_penalty, d4j_f32_l1l2_grad_acc, d4j_f32_nonneg and
 * d4j_f32_norm_constraint against float64 references written from spec §4.1 / §5.1, over
 * shapes around the column block (255..257, 513), padded leading dimensions that must stay
 * untouched, and every -k argument code.
 */
#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "dense4j.h"
#include "ref.h"

#define EPS ((double)1e-7f)
#define PAD 3 /* extra columns of every leading dimension, which must not change */
#define SENTINEL 12345.0f

static float *matrix(int64_t m, int64_t n, uint64_t *rng) {
  int64_t ld = n + PAD;
  float *a = malloc(sizeof(float) * (size_t)(m * ld + 1));
  for (int64_t i = 0; i < m; ++i)
    for (int64_t j = 0; j < ld; ++j)
      a[i * ld + j] = j < n ? (float)ref_rng_uniform(rng, -2.0, 2.0) : SENTINEL;
  if (m > 0 && n > 0) a[0] = 0.0f; /* sign(0) = 0, a zero weight */
  return a;
}

static void check_padding(const float *a, int64_t m, int64_t n, const char *what) {
  for (int64_t i = 0; i < m; ++i)
    for (int64_t j = n; j < n + PAD; ++j)
      CHECK(a[i * (n + PAD) + j] == SENTINEL, "%s: padding (%lld, %lld) written", what,
            (long long)i, (long long)j);
}

static void test_penalty_and_gradient(int64_t m, int64_t n, float l1, float l2) {
  uint64_t rng = (uint64_t)(m * 1000 + n);
  float *x = matrix(m, n, &rng);
  float *g = matrix(m, n, &rng);
  float *g0 = malloc(sizeof(float) * (size_t)(m * (n + PAD) + 1));
  memcpy(g0, g, sizeof(float) * (size_t)(m * (n + PAD)));
  int64_t ld = n + PAD;
  double abs_sum = 0.0, sq_sum = 0.0;
  for (int64_t i = 0; i < m; ++i)
    for (int64_t j = 0; j < n; ++j) {
      double v = x[i * ld + j];
      abs_sum += fabs(v);
      sq_sum += v * v;
    }
  double want = (double)l1 * abs_sum + (double)l2 * sq_sum;
  double got = -1.0;
  CHECK_EQ_INT(d4j_f32_l1l2_penalty(l1, l2, m, n, x, ld, &got), D4J_OK, "penalty %lldx%lld",
               (long long)m, (long long)n);
  CHECK(fabs(got - want) <= 1e-12 * (1.0 + want),
        "penalty %lldx%lld l1=%g l2=%g: got %.17g want %.17g", (long long)m, (long long)n,
        (double)l1, (double)l2, got, want);
  CHECK_EQ_INT(d4j_f32_l1l2_grad_acc(l1, l2, m, n, x, ld, g, ld), D4J_OK, "grad");
  for (int64_t i = 0; i < m; ++i)
    for (int64_t j = 0; j < n; ++j) {
      double v = x[i * ld + j];
      double s = v > 0 ? 1.0 : (v < 0 ? -1.0 : 0.0);
      double w = (double)g0[i * ld + j] + (double)l1 * s + 2.0 * (double)l2 * v;
      CHECK(fabs(g[i * ld + j] - w) <= 1e-6 * (1.0 + fabs(w)), "grad (%lld, %lld): %g vs %g",
            (long long)i, (long long)j, (double)g[i * ld + j], w);
    }
  check_padding(g, m, n, "grad");
  free(x);
  free(g);
  free(g0);
}

/* w * desired(N) / (eps + N) per column (axis 0) or row (axis 1), in double */
static void test_norm(int32_t kind, float lo, float hi, float rate, int32_t axis, int64_t m,
                      int64_t n) {
  uint64_t rng = (uint64_t)(kind * 7 + axis * 13 + m * 1000 + n);
  float *w = matrix(m, n, &rng);
  int64_t ld = n + PAD;
  double *want = malloc(sizeof(double) * (size_t)(m * n + 1));
  int64_t slices = axis == 0 ? n : m, len = axis == 0 ? m : n;
  for (int64_t s = 0; s < slices; ++s) {
    double sq = 0.0;
    for (int64_t t = 0; t < len; ++t) {
      double v = axis == 0 ? w[t * ld + s] : w[s * ld + t];
      sq += v * v;
    }
    double norm = sqrt(sq);
    double c = fmin(fmax(norm, kind == D4J_NORM_MIN_MAX ? (double)lo : 0.0), (double)hi);
    double desired = kind == D4J_NORM_UNIT ? 1.0
                   : kind == D4J_NORM_MAX ? c
                                          : (double)rate * c + (1.0 - (double)rate) * norm;
    for (int64_t t = 0; t < len; ++t) {
      int64_t i = axis == 0 ? t : s, j = axis == 0 ? s : t;
      want[i * n + j] = (double)w[i * ld + j] * (desired / (EPS + norm));
    }
  }
  CHECK_EQ_INT(d4j_f32_norm_constraint(kind, lo, hi, rate, axis, m, n, w, ld), D4J_OK,
               "norm kind %d", kind);
  for (int64_t i = 0; i < m; ++i)
    for (int64_t j = 0; j < n; ++j)
      CHECK(fabs(w[i * ld + j] - want[i * n + j]) <= 1e-6 * (1.0 + fabs(want[i * n + j])),
            "kind %d axis %d %lldx%lld (%lld, %lld): %g vs %g", kind, axis, (long long)m,
            (long long)n, (long long)i, (long long)j, (double)w[i * ld + j], want[i * n + j]);
  check_padding(w, m, n, "norm");
  free(w);
  free(want);
}

static void test_nonneg(void) {
  float w[2][4] = {{-2.0f, 3.0f, 0.0f, SENTINEL}, {-0.0f, NAN, -INFINITY, SENTINEL}};
  CHECK_EQ_INT(d4j_f32_nonneg(2, 3, &w[0][0], 4), D4J_OK, "nonneg");
  CHECK(w[0][0] == 0.0f && signbit(w[0][0]), "-2 -> -0.0 (w * 0)");
  CHECK(w[0][1] == 3.0f && w[0][2] == 0.0f && !signbit(w[0][2]), "3, 0 kept");
  CHECK(w[1][0] == 0.0f && signbit(w[1][0]), "-0.0 kept");
  CHECK(isnan(w[1][1]) && isnan(w[1][2]), "NaN stays NaN, -inf * 0 is NaN (as Keras)");
  CHECK(w[0][3] == SENTINEL && w[1][3] == SENTINEL, "padding untouched");
}

static void test_argument_codes(void) {
  float x[8] = {0};
  double out = 0.0;
  CHECK_EQ_INT(d4j_f32_l1l2_penalty(-1.0f, 0, 2, 4, x, 4, &out), -1, "l1 < 0");
  CHECK_EQ_INT(d4j_f32_l1l2_penalty(NAN, 0, 2, 4, x, 4, &out), -1, "l1 NaN");
  CHECK_EQ_INT(d4j_f32_l1l2_penalty(0, INFINITY, 2, 4, x, 4, &out), -2, "l2 inf");
  CHECK_EQ_INT(d4j_f32_l1l2_penalty(0, 0, -1, 4, x, 4, &out), -3, "m < 0");
  CHECK_EQ_INT(d4j_f32_l1l2_penalty(0, 0, 2, -1, x, 4, &out), -4, "n < 0");
  CHECK_EQ_INT(d4j_f32_l1l2_penalty(0, 0, 2, 4, NULL, 4, &out), -5, "x NULL");
  CHECK_EQ_INT(d4j_f32_l1l2_penalty(0, 0, 2, 4, x, 3, &out), -6, "ldx < n");
  CHECK_EQ_INT(d4j_f32_l1l2_penalty(0, 0, 2, 4, x, 4, NULL), -7, "out NULL");
  CHECK_EQ_INT(d4j_f32_l1l2_penalty(-1.0f, 0, -1, 4, NULL, 0, NULL), -1,
               "the lowest bad argument wins");
  CHECK_EQ_INT(d4j_f32_l1l2_penalty(0.5f, 0.5f, 0, 0, NULL, 1, &out), D4J_OK, "empty");
  CHECK(out == 0.0, "empty penalty is 0");

  CHECK_EQ_INT(d4j_f32_l1l2_grad_acc(-1.0f, 0, 2, 4, x, 4, x, 4), -1, "l1");
  CHECK_EQ_INT(d4j_f32_l1l2_grad_acc(0, -0.5f, 2, 4, x, 4, x, 4), -2, "l2");
  CHECK_EQ_INT(d4j_f32_l1l2_grad_acc(0, 0, -1, 4, x, 4, x, 4), -3, "m");
  CHECK_EQ_INT(d4j_f32_l1l2_grad_acc(0, 0, 2, -4, x, 4, x, 4), -4, "n");
  CHECK_EQ_INT(d4j_f32_l1l2_grad_acc(0, 0, 2, 4, NULL, 4, x, 4), -5, "x");
  CHECK_EQ_INT(d4j_f32_l1l2_grad_acc(0, 0, 2, 4, x, 0, x, 4), -6, "ldx");
  CHECK_EQ_INT(d4j_f32_l1l2_grad_acc(0, 0, 2, 4, x, 4, NULL, 4), -7, "g");
  CHECK_EQ_INT(d4j_f32_l1l2_grad_acc(0, 0, 2, 4, x, 4, x, 2), -8, "ldg");
  CHECK_EQ_INT(d4j_f32_l1l2_grad_acc(0, 0, 3, 0, NULL, 1, NULL, 1), D4J_OK, "empty");

  CHECK_EQ_INT(d4j_f32_nonneg(-1, 4, x, 4), -1, "m");
  CHECK_EQ_INT(d4j_f32_nonneg(2, -1, x, 4), -2, "n");
  CHECK_EQ_INT(d4j_f32_nonneg(2, 4, NULL, 4), -3, "w");
  CHECK_EQ_INT(d4j_f32_nonneg(2, 4, x, 3), -4, "ldw");
  CHECK_EQ_INT(d4j_f32_nonneg(0, 4, NULL, 4), D4J_OK, "empty");

  CHECK_EQ_INT(d4j_f32_norm_constraint(200, 0, 1, 1, 0, 2, 4, x, 4), -1, "kind");
  CHECK_EQ_INT(d4j_f32_norm_constraint(D4J_NORM_MIN_MAX, 2, 1, 1, 0, 2, 4, x, 4), -2, "min > max");
  CHECK_EQ_INT(d4j_f32_norm_constraint(D4J_NORM_MIN_MAX, -1, 1, 1, 0, 2, 4, x, 4), -2, "min < 0");
  CHECK_EQ_INT(d4j_f32_norm_constraint(D4J_NORM_MAX, 0, 0, 1, 0, 2, 4, x, 4), -3, "max <= 0");
  CHECK_EQ_INT(d4j_f32_norm_constraint(D4J_NORM_MAX, 0, INFINITY, 1, 0, 2, 4, x, 4), -3, "max inf");
  CHECK_EQ_INT(d4j_f32_norm_constraint(D4J_NORM_MIN_MAX, 0, 1, 1.5f, 0, 2, 4, x, 4), -4,
               "rate > 1");
  CHECK_EQ_INT(d4j_f32_norm_constraint(D4J_NORM_MIN_MAX, 0, 1, NAN, 0, 2, 4, x, 4), -4, "rate NaN");
  CHECK_EQ_INT(d4j_f32_norm_constraint(D4J_NORM_UNIT, 0, 0, 9, 2, 2, 4, x, 4), -5, "axis 2");
  CHECK_EQ_INT(d4j_f32_norm_constraint(D4J_NORM_UNIT, 0, 0, 9, 0, -2, 4, x, 4), -6, "m");
  CHECK_EQ_INT(d4j_f32_norm_constraint(D4J_NORM_UNIT, 0, 0, 9, 0, 2, -4, x, 4), -7, "n");
  CHECK_EQ_INT(d4j_f32_norm_constraint(D4J_NORM_UNIT, 0, 0, 9, 0, 2, 4, NULL, 4), -8, "w");
  CHECK_EQ_INT(d4j_f32_norm_constraint(D4J_NORM_UNIT, 0, 0, 9, 1, 2, 4, x, 1), -9, "ldw");
  CHECK_EQ_INT(d4j_f32_norm_constraint(D4J_NORM_UNIT, 0, 0, 9, 1, 0, 0, NULL, 1), D4J_OK,
               "UnitNorm ignores min, max and rate; empty is fine");
}

int main(void) {
  const int64_t shapes[][2] = {{1, 1}, {7, 13},  {3, 255}, {5, 256},
                               {4, 257}, {2, 513}, {129, 1}, {0, 3}};
  const size_t count = sizeof shapes / sizeof shapes[0];
  for (size_t s = 0; s < count; ++s) {
    int64_t m = shapes[s][0], n = shapes[s][1];
    test_penalty_and_gradient(m, n, 0.01f, 0.0f);
    test_penalty_and_gradient(m, n, 0.0f, 0.3f);
    test_penalty_and_gradient(m, n, 0.02f, 0.05f);
    test_penalty_and_gradient(m, n, 0.0f, 0.0f);
    for (int32_t axis = 0; axis <= 1; ++axis) {
      test_norm(D4J_NORM_MAX, 0.0f, 1.5f, 1.0f, axis, m, n);
      test_norm(D4J_NORM_MIN_MAX, 0.8f, 1.2f, 0.7f, axis, m, n);
      test_norm(D4J_NORM_MIN_MAX, 0.0f, 1.0f, 1.0f, axis, m, n);
      test_norm(D4J_NORM_UNIT, 0.0f, 0.0f, 0.0f, axis, m, n);
    }
  }
  test_nonneg();
  test_argument_codes();
  return check_summary("test_weight_ops");
}
