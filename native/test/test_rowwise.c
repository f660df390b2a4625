/* SPDX-License-Identifier: Apache-2.0 */
/*
 * test_rowwise.c: softmax, log_softmax, glu and sparsemax on every supported ISA against the
 * float64 references of ref.c, over the tail sizes, with and without bias, ldy > n (padding
 * untouched), and rows that stress them: length 1, huge offsets (no overflow), -inf entries,
 * ties, NaN. Sparsemax outputs must also sum to 1.
 */
#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "dense4j_testing.h"
#include "ref.h"

#define SOFTMAX_TOL_ULP 4.0   /* both softmaxes; measured <= 2.5 */
#define GLU_TOL_ULP 4.0       /* a sigmoid(b); measured <= 2.5 */
#define SPARSEMAX_TOL_ULP 1.0 /* tau in double on both sides: only the final rounding differs */

static const int64_t sizes[] = {1, 2, 7, 8, 9, 13, 15, 16, 17, 31, 33, 64, 257};

enum row_kind { ROW_NORMAL, ROW_WIDE, ROW_OFFSET, ROW_NEG_INF, ROW_TIES, ROW_NAN, ROW_KINDS };

static void fill_row(float *z, int64_t n, int kind, uint64_t *rng) {
  for (int64_t j = 0; j < n; ++j) {
    double v = ref_rng_uniform(rng, -3, 3);
    switch (kind) {
      case ROW_WIDE: v *= 30; break;          /* most softmax outputs underflow */
      case ROW_OFFSET: v += 1e4; break;       /* e^x overflows without max subtraction */
      case ROW_NEG_INF: if (j % 3 == 1) v = -INFINITY; break;
      case ROW_TIES: v = (double)(j % 4 == 0); break;
      case ROW_NAN: if (j == n / 2) v = NAN; break;
      default: break;
    }
    z[j] = (float)v;
  }
  if (kind == ROW_NEG_INF) z[0] = 0.5f; /* at least one finite entry */
}

static const char *act_label(int32_t act) {
  switch (act) {
    case D4J_ACT_SOFTMAX: return "softmax";
    case D4J_ACT_LOG_SOFTMAX: return "log_softmax";
    case D4J_ACT_GLU: return "glu";
    default: return "sparsemax";
  }
}

/* one m x n case; the reference works on the biased rows, computed here in float */
static void run_case(int32_t act, int32_t isa, int64_t m, int64_t n, int64_t ldy, int kind,
                     int with_bias, uint64_t *rng) {
  if (act == D4J_ACT_GLU && n % 2 != 0) return;
  size_t cells = (size_t)(m * ldy) + 8;
  float *y = malloc(cells * sizeof *y), *z = malloc((size_t)n * sizeof *z);
  float *bias = malloc((size_t)n * sizeof *bias);
  double *ref = malloc((size_t)n * sizeof *ref);
  for (size_t k = 0; k < cells; ++k) y[k] = -12345.5f;
  for (int64_t j = 0; j < n; ++j) bias[j] = with_bias ? (float)ref_rng_uniform(rng, -1, 1) : 0;
  for (int64_t i = 0; i < m; ++i) fill_row(y + i * ldy, n, kind, rng);
  float *biased = malloc(cells * sizeof *biased);
  for (size_t k = 0; k < cells; ++k) biased[k] = y[k];
  for (int64_t i = 0; i < m; ++i)
    for (int64_t j = 0; j < n; ++j) biased[i * ldy + j] = with_bias ? y[i * ldy + j] + bias[j] : y[i * ldy + j];
  int32_t rc = d4j_f32_bias_act_isa(act, 0, 0, 0, m, n, y, ldy, with_bias ? bias : NULL, isa);
  CHECK_EQ_INT(rc, D4J_OK, "%s [%s] m=%lld n=%lld", act_label(act), ref_isa_name(isa),
               (long long)m, (long long)n);
  int untouched = 1;
  for (int64_t i = 0; i < m; ++i) {
    const float *out = y + i * ldy;
    memcpy(z, biased + i * ldy, (size_t)n * sizeof *z);
    int64_t width = n;
    double tol = SOFTMAX_TOL_ULP;
    if (act == D4J_ACT_SOFTMAX) ref_softmax(z, n, ref);
    if (act == D4J_ACT_LOG_SOFTMAX) ref_log_softmax(z, n, ref);
    if (act == D4J_ACT_GLU) ref_glu(z, n, ref), width = n / 2, tol = GLU_TOL_ULP;
    if (act == D4J_ACT_SPARSEMAX) ref_sparsemax(z, n, ref), tol = SPARSEMAX_TOL_ULP;
    double sum = 0;
    for (int64_t j = 0; j < width; ++j) {
      double e = ref_err_ulp(out[j], ref[j]);
      sum += out[j];
      CHECK(e <= tol, "%s [%s] n=%lld kind=%d bias=%d row %lld col %lld: got %a ref %a (%.2f ulp)",
            act_label(act), ref_isa_name(isa), (long long)n, kind, with_bias, (long long)i,
            (long long)j, (double)out[j], ref[j], e);
    }
    /* GLU keeps the biased gate half; everything beyond n is padding */
    for (int64_t j = width; j < n; ++j)
      CHECK(out[j] == z[j] || (isnan(out[j]) && isnan(z[j])), "glu gate half col %lld: %a vs %a", (long long)j, (double)out[j], (double)z[j]);
    for (int64_t j = n; j < ldy; ++j) untouched &= out[j] == -12345.5f;
    if ((act == D4J_ACT_SPARSEMAX || act == D4J_ACT_SOFTMAX) && kind != ROW_NAN)
      CHECK(fabs(sum - 1.0) <= 1e-6 + (double)n * 0x1p-24, "%s sum %.9g (n=%lld)", act_label(act),
            sum, (long long)n);
  }
  for (size_t k = (size_t)(m * ldy); k < cells; ++k) untouched &= y[k] == -12345.5f;
  CHECK(untouched, "%s [%s] n=%lld ldy=%lld: padding written", act_label(act), ref_isa_name(isa),
        (long long)n, (long long)ldy);
  free(y), free(z), free(bias), free(ref), free(biased);
}

static void test_act(int32_t act, int32_t isa) {
  uint64_t rng = 1234;
  for (size_t s = 0; s < sizeof sizes / sizeof sizes[0]; ++s)
    for (int kind = 0; kind < ROW_KINDS; ++kind)
      for (int with_bias = 0; with_bias < 2; ++with_bias) {
        int64_t n = sizes[s];
        run_case(act, isa, 3, n, n, kind, with_bias, &rng);
        run_case(act, isa, 1, n, n + 3, kind, with_bias, &rng);
      }
}

static void test_specials(int32_t isa) {
  static const int32_t acts[] = {D4J_ACT_SOFTMAX, D4J_ACT_LOG_SOFTMAX, D4J_ACT_GLU,
                                 D4J_ACT_SPARSEMAX};
  for (size_t a = 0; a < 4; ++a) { /* empty work: OK without touching y */
    CHECK_EQ_INT(d4j_f32_bias_act_isa(acts[a], 0, 0, 0, 3, 0, NULL, 1, NULL, isa), 0, "n=0");
    CHECK_EQ_INT(d4j_f32_bias_act_isa(acts[a], 0, 0, 0, 0, 8, NULL, 8, NULL, isa), 0, "m=0");
  }
  float one[1] = {123.0f};
  CHECK_EQ_INT(d4j_f32_bias_act_isa(D4J_ACT_SOFTMAX, 0, 0, 0, 1, 1, one, 1, NULL, isa), 0, "n=1");
  CHECK(one[0] == 1.0f, "softmax of one element: %g", (double)one[0]);
  one[0] = 1e30f;
  CHECK_EQ_INT(d4j_f32_bias_act_isa(D4J_ACT_LOG_SOFTMAX, 0, 0, 0, 1, 1, one, 1, NULL, isa), 0, "n=1");
  CHECK(one[0] == 0.0f, "log_softmax of one element: %g", (double)one[0]);
  float big[3] = {FLT_MAX, FLT_MAX, -FLT_MAX};
  CHECK_EQ_INT(d4j_f32_bias_act_isa(D4J_ACT_SOFTMAX, 0, 0, 0, 1, 3, big, 3, NULL, isa), 0, "big");
  CHECK(big[0] == 0.5f && big[1] == 0.5f && big[2] == 0.0f, "softmax(FLT_MAX...): %g %g %g",
        (double)big[0], (double)big[1], (double)big[2]);
  float eq[4] = {7, 7, 7, 7};
  CHECK_EQ_INT(d4j_f32_bias_act_isa(D4J_ACT_SPARSEMAX, 0, 0, 0, 1, 4, eq, 4, NULL, isa), 0, "ties");
  CHECK(eq[0] == 0.25f && eq[3] == 0.25f, "sparsemax of equal entries: %g", (double)eq[0]);
  float sp[3] = {2.0f, 0.5f, -1.0f}; /* z_1 - z_2 >= 1: one-hot */
  CHECK_EQ_INT(d4j_f32_bias_act_isa(D4J_ACT_SPARSEMAX, 0, 0, 0, 1, 3, sp, 3, NULL, isa), 0, "hot");
  CHECK(sp[0] == 1.0f && sp[1] == 0.0f && sp[2] == 0.0f, "sparsemax one-hot: %g %g %g",
        (double)sp[0], (double)sp[1], (double)sp[2]);
}

int main(void) {
  static const int32_t acts[] = {D4J_ACT_SOFTMAX, D4J_ACT_LOG_SOFTMAX, D4J_ACT_GLU,
                                 D4J_ACT_SPARSEMAX};
  for (int32_t isa = D4J_ISA_PORTABLE; isa <= D4J_ISA_AVX512; ++isa) {
    if (!d4j_isa_supported(isa)) {
      printf("ISA %s: not supported here, skipped\n", ref_isa_name(isa));
      continue;
    }
    for (size_t a = 0; a < 4; ++a) test_act(acts[a], isa);
    test_specials(isa);
  }
  return check_summary("test_rowwise");
}
