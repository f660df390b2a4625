/* SPDX-License-Identifier: Apache-2.0 */
/*
 * test_api.c: ABI version, status names, ISA queries and every -k argument check of
 * d4j_f32_bias_act / d4j_f32_bias_act_isa, including which code wins when several are bad.
 */
#include <math.h>
#include <stddef.h>
#include <string.h>

#include "check.h"
#include "dense4j.h"
#include "dense4j_testing.h"
#include "ref.h"

#define INF ((float)INFINITY)

static float buf[64];

/* Valid call: relu, 2 x 4 matrix, ldy 5. Each test changes one argument. */
static int32_t call(int32_t act, float p0, float p1, float p2, int64_t m, int64_t n, float *y,
                    int64_t ldy) {
  int32_t a = d4j_f32_bias_act(act, p0, p1, p2, m, n, y, ldy, NULL);
  int32_t b = d4j_f32_bias_act_isa(act, p0, p1, p2, m, n, y, ldy, NULL, D4J_ISA_PORTABLE);
  CHECK(a == b, "d4j_f32_bias_act gave %d, the _isa variant %d (act=%d)", a, b, act);
  return a;
}

static void test_versions_and_names(void) {
  CHECK_EQ_INT(d4j_abi_version(), D4J_ABI_VERSION, "d4j_abi_version");
  CHECK(strcmp(d4j_status_name(0), "D4J_OK") == 0, "%s", d4j_status_name(0));
  CHECK(strcmp(d4j_status_name(1), "D4J_ERR_UNSUPPORTED_CPU") == 0, "%s", d4j_status_name(1));
  const int32_t negative[] = {-1, -8, -10, -2147483647 - 1};
  for (size_t i = 0; i < 4; ++i)
    CHECK(strcmp(d4j_status_name(negative[i]), "D4J_ERR_INVALID_ARGUMENT") == 0, "%d -> %s",
          negative[i], d4j_status_name(negative[i]));
  CHECK(strcmp(d4j_status_name(2), "D4J_ERR_UNKNOWN") == 0, "%s", d4j_status_name(2));
  CHECK(strcmp(d4j_status_name(2147483647), "D4J_ERR_UNKNOWN") == 0, "max int");
}

static void test_isa_queries(void) {
  int32_t best = d4j_isa_best();
  CHECK(best >= D4J_ISA_PORTABLE && best <= D4J_ISA_AVX512_BF16, "best=%d", best);
  CHECK(d4j_isa_supported(best) == 1, "best ISA %d not supported", best);
  CHECK(d4j_isa_supported(D4J_ISA_PORTABLE) == 1, "portable always supported");
  for (int32_t isa = best + 1; isa <= D4J_ISA_AVX512_BF16; ++isa)
    CHECK(d4j_isa_supported(isa) == 0, "isa %d above best %d is supported", isa, best);
  const int32_t unknown[] = {0, -1, 6, 100};
  for (size_t i = 0; i < 4; ++i) CHECK(d4j_isa_supported(unknown[i]) == 0, "isa %d", unknown[i]);
  CHECK_EQ_INT(d4j_isa_best(), best, "d4j_isa_best is stable");
  /* a valid code that this CPU/build lacks: D4J_ERR_UNSUPPORTED_CPU, also for empty work */
  for (int32_t isa = D4J_ISA_PORTABLE; isa <= D4J_ISA_AVX512_BF16; ++isa) {
    int32_t want = d4j_isa_supported(isa) ? D4J_OK : D4J_ERR_UNSUPPORTED_CPU;
    CHECK_EQ_INT(d4j_f32_bias_act_isa(D4J_ACT_RELU, 0, INF, 0, 2, 4, buf, 5, NULL, isa), want,
                 "isa %d", isa);
    CHECK_EQ_INT(d4j_f32_bias_act_isa(D4J_ACT_RELU, 0, INF, 0, 0, 0, NULL, 1, NULL, isa), want,
                 "isa %d, empty", isa);
  }
}

static void test_argument_codes(void) {
  float *y = buf;
  CHECK_EQ_INT(call(D4J_ACT_RELU, 0, INF, 0, 2, 4, y, 5), 0, "valid call");
  /* -1: act */
  const int32_t bad_act[] = {0, 99, 130, -101, 2147483647};
  for (size_t i = 0; i < 5; ++i)
    CHECK_EQ_INT(call(bad_act[i], 0, INF, 0, 2, 4, y, 5), -1, "act=%d", bad_act[i]);
  /* -2..-4: parameters */
  CHECK_EQ_INT(call(D4J_ACT_RELU, NAN, INF, 0, 2, 4, y, 5), -2, "relu slope NaN");
  CHECK_EQ_INT(call(D4J_ACT_RELU, INF, INF, 0, 2, 4, y, 5), -2, "relu slope inf");
  CHECK_EQ_INT(call(D4J_ACT_RELU, 0, 0, 0, 2, 4, y, 5), -3, "relu max_value 0");
  CHECK_EQ_INT(call(D4J_ACT_RELU, 0, -1, 0, 2, 4, y, 5), -3, "relu max_value -1");
  CHECK_EQ_INT(call(D4J_ACT_RELU, 0, NAN, 0, 2, 4, y, 5), -3, "relu max_value NaN");
  CHECK_EQ_INT(call(D4J_ACT_RELU, 0, INF, NAN, 2, 4, y, 5), -4, "relu threshold NaN");
  CHECK_EQ_INT(call(D4J_ACT_RELU, 0, 6, -INF, 2, 4, y, 5), 0, "relu threshold -inf is valid");
  CHECK_EQ_INT(call(D4J_ACT_LEAKY_RELU, NAN, 0, 0, 2, 4, y, 5), -2, "leaky NaN");
  CHECK_EQ_INT(call(D4J_ACT_ELU, NAN, 0, 0, 2, 4, y, 5), -2, "elu alpha NaN");
  CHECK_EQ_INT(call(D4J_ACT_ELU, -INF, 0, 0, 2, 4, y, 5), -2, "elu alpha -inf");
  CHECK_EQ_INT(call(D4J_ACT_ELU, 0, 0, 0, 2, 4, y, 5), 0, "elu alpha 0 is valid");
  CHECK_EQ_INT(call(D4J_ACT_CELU, 0, 0, 0, 2, 4, y, 5), -2, "celu alpha 0");
  CHECK_EQ_INT(call(D4J_ACT_CELU, NAN, 0, 0, 2, 4, y, 5), -2, "celu alpha NaN");
  CHECK_EQ_INT(call(D4J_ACT_CELU, INF, 0, 0, 2, 4, y, 5), -2, "celu alpha inf");
  CHECK_EQ_INT(call(D4J_ACT_HARD_SIGMOID, NAN, 0.5f, 0, 2, 4, y, 5), -2, "hard_sigmoid slope");
  CHECK_EQ_INT(call(D4J_ACT_HARD_SIGMOID, 0.2f, INF, 0, 2, 4, y, 5), -3, "hard_sigmoid offset");
  CHECK_EQ_INT(call(D4J_ACT_HARD_SILU, 0.2f, NAN, 0, 2, 4, y, 5), -3, "hard_silu offset");
  CHECK_EQ_INT(call(D4J_ACT_SQUAREPLUS, -1, 0, 0, 2, 4, y, 5), -2, "squareplus b < 0");
  CHECK_EQ_INT(call(D4J_ACT_SQUAREPLUS, NAN, 0, 0, 2, 4, y, 5), -2, "squareplus b NaN");
  CHECK_EQ_INT(call(D4J_ACT_SQUAREPLUS, INF, 0, 0, 2, 4, y, 5), -2, "squareplus b inf");
  CHECK_EQ_INT(call(D4J_ACT_GELU, 2, 0, 0, 2, 4, y, 5), -2, "gelu approximate=2");
  CHECK_EQ_INT(call(D4J_ACT_GELU, 0.5f, 0, 0, 2, 4, y, 5), -2, "gelu approximate=0.5");
  CHECK_EQ_INT(call(D4J_ACT_SOFT_SHRINK, NAN, 0, 0, 2, 4, y, 5), -2, "soft_shrink NaN");
  CHECK_EQ_INT(call(D4J_ACT_HARD_SHRINK, NAN, 0, 0, 2, 4, y, 5), -2, "hard_shrink NaN");
  CHECK_EQ_INT(call(D4J_ACT_THRESHOLD, NAN, 0, 0, 2, 4, y, 5), -2, "threshold NaN");
  CHECK_EQ_INT(call(D4J_ACT_THRESHOLD, 0, NAN, 0, 2, 4, y, 5), 0, "threshold default NaN ok");
  CHECK_EQ_INT(call(D4J_ACT_TANH, NAN, NAN, NAN, 2, 4, y, 5), 0, "unused parameters ignored");
  /* -5: m */
  CHECK_EQ_INT(call(D4J_ACT_RELU, 0, INF, 0, -1, 4, y, 5), -5, "m=-1");
  /* -6: n, and odd n for GLU */
  CHECK_EQ_INT(call(D4J_ACT_RELU, 0, INF, 0, 2, -1, y, 5), -6, "n=-1");
  CHECK_EQ_INT(call(D4J_ACT_GLU, 0, 0, 0, 2, 3, y, 5), -6, "glu n=3");
  CHECK_EQ_INT(call(D4J_ACT_GLU, 0, 0, 0, 2, 4, y, 5), 0, "glu n=4");
  /* -7: y */
  CHECK_EQ_INT(call(D4J_ACT_RELU, 0, INF, 0, 2, 4, NULL, 5), -7, "y NULL");
  CHECK_EQ_INT(call(D4J_ACT_RELU, 0, INF, 0, 0, 4, NULL, 5), 0, "y NULL, m=0");
  CHECK_EQ_INT(call(D4J_ACT_RELU, 0, INF, 0, 2, 0, NULL, 1), 0, "y NULL, n=0");
  /* -8: ldy >= max(1, n) */
  CHECK_EQ_INT(call(D4J_ACT_RELU, 0, INF, 0, 2, 4, y, 3), -8, "ldy < n");
  CHECK_EQ_INT(call(D4J_ACT_RELU, 0, INF, 0, 2, 0, y, 0), -8, "ldy=0, n=0");
  CHECK_EQ_INT(call(D4J_ACT_RELU, 0, INF, 0, 1, 4, y, 4), 0, "ldy=n");
  CHECK_EQ_INT(call(D4J_ACT_RELU, 0, INF, 0, 0, 4, y, -5), -8, "ldy<0, m=0");
  /* the lowest bad argument number wins */
  CHECK_EQ_INT(call(0, NAN, NAN, NAN, -1, -1, NULL, -1), -1, "all bad");
  CHECK_EQ_INT(call(D4J_ACT_RELU, NAN, 0, NAN, -1, -1, NULL, -1), -2, "p0 first");
  CHECK_EQ_INT(call(D4J_ACT_RELU, 0, 0, NAN, -1, -1, NULL, -1), -3, "p1 before p2");
  CHECK_EQ_INT(call(D4J_ACT_RELU, 0, INF, NAN, -1, -1, NULL, -1), -4, "p2 before m");
  CHECK_EQ_INT(call(D4J_ACT_RELU, 0, INF, 0, -1, -1, NULL, -1), -5, "m before n");
  CHECK_EQ_INT(call(D4J_ACT_GLU, 0, 0, 0, 2, 3, NULL, 1), -6, "n before y");
  CHECK_EQ_INT(call(D4J_ACT_RELU, 0, INF, 0, 2, 4, NULL, 1), -7, "y before ldy");
  /* -10: isa (checked last, so every other code beats it) */
  const int32_t bad_isa[] = {0, 6, -1, 77};
  for (size_t i = 0; i < 4; ++i) {
    CHECK_EQ_INT(d4j_f32_bias_act_isa(D4J_ACT_RELU, 0, INF, 0, 2, 4, y, 5, NULL, bad_isa[i]), -10,
                 "isa=%d", bad_isa[i]);
    CHECK_EQ_INT(d4j_f32_bias_act_isa(D4J_ACT_RELU, 0, INF, 0, 2, 4, y, 3, NULL, bad_isa[i]), -8,
                 "ldy before isa=%d", bad_isa[i]);
  }
}

/* A rejected call must not write anything. */
static void test_rejected_calls_do_not_write(void) {
  for (int i = 0; i < 16; ++i) buf[i] = (float)(i - 8);
  CHECK_EQ_INT(d4j_f32_bias_act(D4J_ACT_SIGMOID, 0, 0, 0, 2, 4, buf, 3, NULL), -8, "ldy");
  CHECK_EQ_INT(d4j_f32_bias_act(D4J_ACT_GLU, 0, 0, 0, 2, 5, buf, 5, NULL), -6, "glu");
  int same = 1;
  for (int i = 0; i < 16; ++i) same &= buf[i] == (float)(i - 8);
  CHECK(same, "buffer changed by a rejected call");
}

/* d4j_f32_bias_act_keep: z keeps z + bias, y equals d4j_f32_bias_act's result bit for bit, for
 * element-wise and row-wise kinds, with leading dimensions wider than n and more rows than a block. */
static void test_bias_act_keep(void) {
  enum { M = 700, N = 18, LD = 21 };
  static float x[M * LD], z[M * LD], y[M * LD], want[M * LD];
  float bias[N];
  uint64_t rng = 7;
  for (int i = 0; i < M * LD; ++i) x[i] = (float)ref_rng_uniform(&rng, -4.0, 4.0);
  for (int j = 0; j < N; ++j) bias[j] = (float)ref_rng_uniform(&rng, -1.0, 1.0);
  const int32_t kinds[] = {D4J_ACT_LINEAR, D4J_ACT_RELU, D4J_ACT_GELU, D4J_ACT_SOFTMAX, D4J_ACT_GLU,
                           D4J_ACT_SPARSEMAX};
  const float p1s[] = {0, INF, 0, 0, 0, 0};
  for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; ++k) {
    const float *b = k % 2 == 0 ? bias : NULL;
    memcpy(z, x, sizeof z);
    memcpy(want, x, sizeof want);
    for (int i = 0; i < M * LD; ++i) y[i] = -99.0f;
    CHECK_EQ_INT(d4j_f32_bias_act_keep(kinds[k], 0, p1s[k], 0, M, N, z, LD, y, LD, b), 0, "act %d",
                 kinds[k]);
    CHECK_EQ_INT(d4j_f32_bias_act(kinds[k], 0, p1s[k], 0, M, N, want, LD, b), 0, "act %d", kinds[k]);
    int w = kinds[k] == D4J_ACT_GLU ? N / 2 : N;
    int z_ok = 1, y_ok = 1, pad_ok = 1;
    for (int i = 0; i < M; ++i) {
      for (int j = 0; j < N; ++j) {
        float zb = b != NULL ? x[i * LD + j] + b[j] : x[i * LD + j];
        z_ok &= memcmp(&z[i * LD + j], &zb, sizeof zb) == 0;
        if (j < w) y_ok &= memcmp(&y[i * LD + j], &want[i * LD + j], sizeof(float)) == 0;
      }
      for (int j = N; j < LD; ++j) pad_ok &= y[i * LD + j] == -99.0f && z[i * LD + j] == x[i * LD + j];
    }
    CHECK(z_ok, "act %d: z is not the biased pre-activation", kinds[k]);
    CHECK(y_ok, "act %d: y differs from d4j_f32_bias_act", kinds[k]);
    CHECK(pad_ok, "act %d: padding columns touched", kinds[k]);
  }
  /* argument codes, lowest first; a rejected call writes nothing */
  CHECK_EQ_INT(d4j_f32_bias_act_keep(0, 0, 0, 0, 2, 4, z, 4, y, 4, NULL), -1, "act");
  CHECK_EQ_INT(d4j_f32_bias_act_keep(D4J_ACT_GLU, 0, 0, 0, 2, 5, z, 5, y, 5, NULL), -6, "glu odd");
  CHECK_EQ_INT(d4j_f32_bias_act_keep(D4J_ACT_RELU, 0, INF, 0, 2, 4, NULL, 4, y, 4, NULL), -7, "z");
  CHECK_EQ_INT(d4j_f32_bias_act_keep(D4J_ACT_RELU, 0, INF, 0, 2, 4, z, 3, y, 4, NULL), -8, "ldz");
  CHECK_EQ_INT(d4j_f32_bias_act_keep(D4J_ACT_RELU, 0, INF, 0, 2, 4, z, 4, NULL, 4, NULL), -9, "y");
  CHECK_EQ_INT(d4j_f32_bias_act_keep(D4J_ACT_RELU, 0, INF, 0, 2, 4, z, 4, y, 3, NULL), -10, "ldy");
  CHECK_EQ_INT(d4j_f32_bias_act_keep(D4J_ACT_RELU, 0, INF, 0, 2, 4, NULL, 4, NULL, 3, NULL), -7,
               "the lowest invalid argument wins");
  CHECK_EQ_INT(d4j_f32_bias_act_keep(D4J_ACT_RELU, 0, INF, 0, 0, 4, NULL, 4, NULL, 4, NULL), 0,
               "empty");
}

int main(void) {
  test_versions_and_names();
  test_isa_queries();
  test_argument_codes();
  test_rejected_calls_do_not_write();
  test_bias_act_keep();
  return check_summary("test_api");
}
