/* SPDX-License-Identifier: Apache-2.0 */
/*
 * test_eltwise.c: every element-wise activation (ref.c's case list) on every ISA level this
 * machine supports, against the float64 references: the input pool in one row, then tail
 * shapes (n in {0,1,7,8,9,13,15,16,17,31,33,257}, m in {0,1,3}) with and without bias and
 * with ldy > n (padding must stay untouched), exact edge values, spec §2.3 reference points,
 * and best-ISA dispatch = the _isa variant bit for bit.
 */
#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "dense4j_testing.h"
#include "ref.h"

#define SENTINEL_BITS 0x7fb1deadu /* a NaN payload no kernel produces */

static float pool[REF_POOL_MAX];
static size_t pool_len;
static double max_ulp[3][64]; /* [isa - 1][case] */

static uint32_t bits(float f) {
  uint32_t u;
  memcpy(&u, &f, sizeof u);
  return u;
}

static float sentinel(void) {
  float f;
  uint32_t u = SENTINEL_BITS;
  memcpy(&f, &u, sizeof f);
  return f;
}

static void check_value(const ref_case *c, int32_t isa, float x, float y, const char *where) {
  double r = ref_eval(c, (double)x);
  double e = ref_err_ulp(y, r);
  double *mu = &max_ulp[isa - 1][c - ref_eltwise_cases];
  if (e > *mu && isfinite(e)) *mu = e;
  CHECK(ref_within(c, x, y, r), "%s [%s, %s]: x=%a y=%a ref=%a err=%.2f ulp (tol %.1f ulp, %g abs)",
        c->label, ref_isa_name(isa), where, (double)x, (double)y, r, e, c->tol_ulp, c->tol_abs);
}

/* The whole pool as one row, no bias. */
static void test_pool(const ref_case *c, int32_t isa) {
  float *y = malloc(pool_len * sizeof *y);
  memcpy(y, pool, pool_len * sizeof *y);
  int32_t rc = d4j_f32_bias_act_isa(c->act, c->p0, c->p1, c->p2, 1, (int64_t)pool_len, y,
                                    (int64_t)pool_len, NULL, isa);
  CHECK_EQ_INT(rc, D4J_OK, "%s [%s] pool", c->label, ref_isa_name(isa));
  for (size_t i = 0; i < pool_len; ++i) check_value(c, isa, pool[i], y[i], "pool");
  free(y);
}

/* m x n with leading dimension ldy: values, padding and the guard after the last row. */
static void test_shape(const ref_case *c, int32_t isa, int64_t m, int64_t n, int64_t ldy,
                       int with_bias, uint64_t *rng) {
  size_t cells = (size_t)(m * ldy) + 16;
  float *y = malloc(cells * sizeof *y), *x = malloc(cells * sizeof *x);
  float bias[257];
  for (size_t k = 0; k < cells; ++k) y[k] = sentinel();
  for (int64_t j = 0; j < n; ++j) bias[j] = (float)ref_rng_uniform(rng, -2, 2);
  size_t start = (size_t)(ref_rng_next(rng) % pool_len);
  for (int64_t i = 0; i < m; ++i)
    for (int64_t j = 0; j < n; ++j) {
      float v = pool[(start + (size_t)(i * n + j)) % pool_len];
      y[i * ldy + j] = v;
      x[i * ldy + j] = with_bias ? v + bias[j] : v;
    }
  float *arg = (m == 0 || n == 0) ? NULL : y;
  int32_t rc = d4j_f32_bias_act_isa(c->act, c->p0, c->p1, c->p2, m, n, arg, ldy,
                                    with_bias ? bias : NULL, isa);
  CHECK_EQ_INT(rc, D4J_OK, "%s [%s] m=%lld n=%lld ldy=%lld", c->label, ref_isa_name(isa),
               (long long)m, (long long)n, (long long)ldy);
  int untouched = 1;
  for (int64_t i = 0; i < m; ++i) {
    for (int64_t j = 0; j < n; ++j) check_value(c, isa, x[i * ldy + j], y[i * ldy + j], "shape");
    for (int64_t j = n; j < ldy; ++j) untouched &= bits(y[i * ldy + j]) == SENTINEL_BITS;
  }
  for (size_t k = (size_t)(m * ldy); k < cells; ++k) untouched &= bits(y[k]) == SENTINEL_BITS;
  CHECK(untouched, "%s [%s] m=%lld n=%lld ldy=%lld bias=%d: padding or guard written", c->label,
        ref_isa_name(isa), (long long)m, (long long)n, (long long)ldy, with_bias);
  free(y);
  free(x);
}

static void test_shapes(const ref_case *c, int32_t isa) {
  static const int64_t ns[] = {0, 1, 7, 8, 9, 13, 15, 16, 17, 31, 33, 257};
  static const int64_t ms[] = {0, 1, 3};
  uint64_t rng = 7;
  for (size_t a = 0; a < sizeof ns / sizeof ns[0]; ++a)
    for (size_t b = 0; b < 3; ++b)
      for (int with_bias = 0; with_bias < 2; ++with_bias) {
        int64_t n = ns[a], packed = n > 1 ? n : 1;
        test_shape(c, isa, ms[b], n, packed, with_bias, &rng);
        test_shape(c, isa, ms[b], n, n + 5, with_bias, &rng);
      }
}

/* The best-ISA entry point computes exactly what the _isa variant computes for that ISA. */
static void test_dispatch(const ref_case *c) {
  float *a = malloc(pool_len * sizeof *a), *b = malloc(pool_len * sizeof *b);
  memcpy(a, pool, pool_len * sizeof *a);
  memcpy(b, pool, pool_len * sizeof *b);
  int64_t n = (int64_t)pool_len;
  CHECK_EQ_INT(d4j_f32_bias_act(c->act, c->p0, c->p1, c->p2, 1, n, a, n, NULL), 0, "%s", c->label);
  CHECK_EQ_INT(d4j_f32_bias_act_isa(c->act, c->p0, c->p1, c->p2, 1, n, b, n, NULL, d4j_isa_best()),
               0, "%s", c->label);
  CHECK(memcmp(a, b, pool_len * sizeof *a) == 0, "%s: best dispatch differs from isa %d",
        c->label, d4j_isa_best());
  free(a);
  free(b);
}

static float apply1(int32_t act, float p0, float p1, float p2, float x, int32_t isa) {
  float y = x;
  CHECK_EQ_INT(d4j_f32_bias_act_isa(act, p0, p1, p2, 1, 1, &y, 1, NULL, isa), 0, "act %d", act);
  return y;
}

/* Values that must come out exactly (saturation, limits), independent of tolerances. */
static void test_exact_edges(int32_t isa) {
  const float inf = INFINITY;
  CHECK(apply1(D4J_ACT_EXPONENTIAL, 0, 0, 0, 100, isa) == inf, "exp(100)");
  CHECK(apply1(D4J_ACT_EXPONENTIAL, 0, 0, 0, -200, isa) == 0, "exp(-200)");
  CHECK(apply1(D4J_ACT_EXPONENTIAL, 0, 0, 0, 0, isa) == 1, "exp(0)");
  float s = apply1(D4J_ACT_SIGMOID, 0, 0, 0, -100, isa);
  CHECK(s >= 0 && s < 1e-40f, "sigmoid(-100)=%a", (double)s);
  CHECK(apply1(D4J_ACT_SIGMOID, 0, 0, 0, 100, isa) == 1, "sigmoid(100)");
  CHECK(apply1(D4J_ACT_SIGMOID, 0, 0, 0, 0, isa) == 0.5f, "sigmoid(0)");
  CHECK(apply1(D4J_ACT_TANH, 0, 0, 0, 50, isa) == 1, "tanh(50)");
  CHECK(apply1(D4J_ACT_TANH, 0, 0, 0, -50, isa) == -1, "tanh(-50)");
  CHECK(apply1(D4J_ACT_TANH, 0, 0, 0, 1e-30f, isa) == 1e-30f, "tanh(1e-30)");
  CHECK(apply1(D4J_ACT_SOFTPLUS, 0, 0, 0, 100, isa) == 100, "softplus(100)");
  CHECK(apply1(D4J_ACT_SOFTPLUS, 0, 0, 0, -inf, isa) == 0, "softplus(-inf)");
  CHECK(apply1(D4J_ACT_LOG_SIGMOID, 0, 0, 0, -inf, isa) == -inf, "log_sigmoid(-inf)");
  CHECK(apply1(D4J_ACT_ELU, 1, 0, 0, -inf, isa) == -1, "elu(-inf)");
  CHECK(apply1(D4J_ACT_SILU, 0, 0, 0, -inf, isa) == 0, "silu(-inf)");
  CHECK(apply1(D4J_ACT_SILU, 0, 0, 0, inf, isa) == inf, "silu(inf)");
  CHECK(apply1(D4J_ACT_GELU, 0, 0, 0, -inf, isa) == 0, "gelu(-inf)");
  CHECK(apply1(D4J_ACT_GELU, 1, 0, 0, -inf, isa) == 0, "gelu_tanh(-inf)");
  CHECK(apply1(D4J_ACT_GELU, 0, 0, 0, inf, isa) == inf, "gelu(inf)");
  CHECK(apply1(D4J_ACT_MISH, 0, 0, 0, -inf, isa) == 0, "mish(-inf)");
  CHECK(apply1(D4J_ACT_SOFTSIGN, 0, 0, 0, inf, isa) == 1, "softsign(inf)");
  CHECK(apply1(D4J_ACT_SQUAREPLUS, 4, 0, 0, -inf, isa) == 0, "squareplus(-inf)");
  CHECK(apply1(D4J_ACT_SQUAREPLUS, 4, 0, 0, 0, isa) == 1, "squareplus(0)");
  CHECK(apply1(D4J_ACT_HARD_SILU, 1.0f / 6, 0.5f, 0, -inf, isa) == 0, "hard_silu(-inf)");
  CHECK(apply1(D4J_ACT_THRESHOLD, 0.5f, -1, 0, 0.5f, isa) == -1, "threshold(x == t)");
  /* a NaN input gives NaN for every activation, including the piecewise ones */
  for (int i = 0; i < ref_eltwise_count; ++i) {
    const ref_case *c = &ref_eltwise_cases[i];
    CHECK(isnan(apply1(c->act, c->p0, c->p1, c->p2, NAN, isa)), "%s(NaN)", c->label);
  }
}

/* spec §2.3 reference points, input [-10, -5, 0, 5, 10] */
static void test_relu_reference_points(int32_t isa) {
  static const struct { float s, m, t, out[5]; } pts[] = {
      {0.5f, INFINITY, 0, {-5, -2.5f, 0, 5, 10}}, {0, 5, 0, {0, 0, 0, 5, 5}},
      {0, INFINITY, 5, {0, 0, 0, 0, 10}},         {0, 5, 5, {0, 0, 0, 0, 5}},
      {0.5f, 5, 5, {-7.5f, -5, -2.5f, 0, 5}},
  };
  for (size_t k = 0; k < sizeof pts / sizeof pts[0]; ++k) {
    float y[5] = {-10, -5, 0, 5, 10};
    CHECK_EQ_INT(d4j_f32_bias_act_isa(D4J_ACT_RELU, pts[k].s, pts[k].m, pts[k].t, 1, 5, y, 5,
                                      NULL, isa), 0, "relu point %zu", k);
    for (int j = 0; j < 5; ++j)
      CHECK(y[j] == pts[k].out[j], "relu(s=%g,m=%g,t=%g) [%s] x[%d]: got %g want %g",
            (double)pts[k].s, (double)pts[k].m, (double)pts[k].t, ref_isa_name(isa), j,
            (double)y[j], (double)pts[k].out[j]);
  }
}

int main(void) {
  pool_len = ref_inputs(pool, REF_POOL_MAX);
  /* the VNNI/BF16 levels run the AVX-512 epilogues: nothing more to test here */
  int32_t best = d4j_isa_best() < D4J_ISA_AVX512 ? d4j_isa_best() : D4J_ISA_AVX512;
  for (int32_t isa = D4J_ISA_PORTABLE; isa <= D4J_ISA_AVX512; ++isa) {
    if (!d4j_isa_supported(isa)) {
      printf("ISA %s: not supported here, skipped\n", ref_isa_name(isa));
      continue;
    }
    for (int i = 0; i < ref_eltwise_count; ++i) {
      test_pool(&ref_eltwise_cases[i], isa);
      test_shapes(&ref_eltwise_cases[i], isa);
    }
    test_exact_edges(isa);
    test_relu_reference_points(isa);
  }
  for (int i = 0; i < ref_eltwise_count; ++i) test_dispatch(&ref_eltwise_cases[i]);
  printf("max error in ulps on %zu pool inputs + shapes (tolerance in brackets):\n", pool_len);
  for (int i = 0; i < ref_eltwise_count; ++i) {
    const ref_case *c = &ref_eltwise_cases[i];
    printf("  %-24s", c->label);
    for (int32_t isa = D4J_ISA_PORTABLE; isa <= best; ++isa)
      printf(" %s %6.2f", ref_isa_name(isa), max_ulp[isa - 1][i]);
    printf("  [%.1f ulp%s]\n", c->tol_ulp, c->tol_abs > 0 ? " or abs" : "");
  }
  return check_summary("test_eltwise");
}
