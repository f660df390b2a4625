/* SPDX-License-Identifier: Apache-2.0 */
/*
 * error_report.c (d4j_error_report): measures every activation on every supported ISA
 * against the float64 references of ref.c and prints a Markdown table for the README.
 * Inputs: x = k / 4096 for x in [-20, 20] (163841 points) plus +-10^u, u uniform in
 * [-30, 4] (20000 points, seeded); row-wise activations on 400 random rows of length 257.
 * Absolute error is taken over [-20, 20] only (it scales with |x| elsewhere); relative
 * error and ulps over all inputs, relative only where |ref| > 1e-30.
 * Exits 1 when an element-wise result is outside the tolerance of its test case (ref.c), so
 * the CTest run doubles as a check on this denser grid.
 * Usage: d4j_error_report [--best]   (--best: only the ISA that d4j_f32_bias_act uses)
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dense4j_testing.h"
#include "ref.h"

#define GRID_N 163841
#define WIDE_N 20000
#define ROWS 400
#define ROW_N 257

typedef struct stats {
  double abs, rel, ulp;
  long violations; /* inputs outside the case's test tolerance (ref_within) */
} stats;

static void account(stats *s, double x, float y, double r) {
  if (isnan(r) || !isfinite(y) || !isfinite(r)) return; /* special values: exact tests */
  double d = fabs((double)y - r);
  if (fabs(x) <= 20 && d > s->abs) s->abs = d;
  if (fabs(r) > 1e-30 && d / fabs(r) > s->rel) s->rel = d / fabs(r);
  double u = ref_err_ulp(y, r);
  if (u > s->ulp) s->ulp = u;
}

static float *make_inputs(size_t *len) {
  float *x = malloc((GRID_N + WIDE_N) * sizeof *x);
  size_t k = 0;
  for (int i = 0; i < GRID_N; ++i) x[k++] = (float)(i - GRID_N / 2) / 4096.0f;
  uint64_t rng = 2024;
  for (int i = 0; i < WIDE_N; ++i) {
    double mag = pow(10.0, ref_rng_uniform(&rng, -30, 4));
    x[k++] = (float)((i & 1) ? -mag : mag);
  }
  *len = k;
  return x;
}

static stats measure_eltwise(const ref_case *c, int32_t isa, const float *x, size_t len) {
  stats s = {0, 0, 0, 0};
  float *y = malloc(len * sizeof *y);
  memcpy(y, x, len * sizeof *y);
  if (d4j_f32_bias_act_isa(c->act, c->p0, c->p1, c->p2, 1, (int64_t)len, y, (int64_t)len, NULL,
                           isa) != D4J_OK)
    abort();
  for (size_t i = 0; i < len; ++i) {
    double r = ref_eval(c, x[i]);
    account(&s, x[i], y[i], r);
    if (!ref_within(c, x[i], y[i], r)) {
      if (s.violations++ < 5)
        fprintf(stderr, "%s [%s]: x=%a y=%a ref=%a outside tolerance\n", c->label,
                ref_isa_name(isa), (double)x[i], (double)y[i], r);
    }
  }
  free(y);
  return s;
}

static stats measure_rowwise(int32_t act, int32_t isa) {
  stats s = {0, 0, 0, 0};
  float *y = malloc(ROW_N * sizeof *y), *z = malloc(ROW_N * sizeof *z);
  double *r = malloc(ROW_N * sizeof *r);
  uint64_t rng = 99;
  for (int row = 0; row < ROWS; ++row) {
    double scale = row % 2 ? 10.0 : 2.0;
    for (int j = 0; j < ROW_N; ++j) z[j] = y[j] = (float)ref_rng_uniform(&rng, -scale, scale);
    int64_t n = act == D4J_ACT_GLU ? ROW_N - 1 : ROW_N;
    if (d4j_f32_bias_act_isa(act, 0, 0, 0, 1, n, y, n, NULL, isa) != D4J_OK) abort();
    if (act == D4J_ACT_SOFTMAX) ref_softmax(z, n, r);
    if (act == D4J_ACT_LOG_SOFTMAX) ref_log_softmax(z, n, r);
    if (act == D4J_ACT_GLU) ref_glu(z, n, r), n /= 2;
    if (act == D4J_ACT_SPARSEMAX) ref_sparsemax(z, n, r);
    for (int64_t j = 0; j < n; ++j) account(&s, 0.0, y[j], r[j]);
  }
  free(y), free(z), free(r);
  return s;
}

static long violations;

static void row(const char *label, stats s, int32_t isa) {
  violations += s.violations;
  printf("| %s | %.2e | %.2e | %.2f | %s |\n", label, s.abs, s.rel, s.ulp, ref_isa_name(isa));
}

int main(int argc, char **argv) {
  int best_only = argc > 1 && strcmp(argv[1], "--best") == 0;
  size_t len;
  float *x = make_inputs(&len);
  int32_t lo = best_only ? d4j_isa_best() : D4J_ISA_PORTABLE;
  printf("| activation | max abs error (x in [-20, 20]) | max rel error (\\|ref\\| > 1e-30) "
         "| max ulp | ISA |\n|---|---|---|---|---|\n");
  for (int i = 0; i < ref_eltwise_count; ++i)
    for (int32_t isa = lo; isa <= d4j_isa_best(); ++isa)
      if (d4j_isa_supported(isa))
        row(ref_eltwise_cases[i].label, measure_eltwise(&ref_eltwise_cases[i], isa, x, len), isa);
  static const struct { int32_t act; const char *label; } rw[] = {
      {D4J_ACT_SOFTMAX, "softmax (rows of 257)"}, {D4J_ACT_LOG_SOFTMAX, "log_softmax (rows of 257)"},
      {D4J_ACT_GLU, "glu (rows of 256)"}, {D4J_ACT_SPARSEMAX, "sparsemax (rows of 257)"}};
  for (size_t i = 0; i < 4; ++i)
    for (int32_t isa = lo; isa <= d4j_isa_best(); ++isa)
      if (d4j_isa_supported(isa)) row(rw[i].label, measure_rowwise(rw[i].act, isa), isa);
  printf("\nErrors against float64 libm; ulp = |y - ref| / (float spacing at ref), so a correctly "
         "rounded result scores <= 0.5. Absolute errors grow with |y| (exponential: e^20 ~ 4.9e8).\n");
  free(x);
  if (violations > 0) fprintf(stderr, "%ld results outside the test tolerances\n", violations);
  return violations > 0 ? 1 : 0;
}
