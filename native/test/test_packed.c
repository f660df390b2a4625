/* SPDX-License-Identifier: Apache-2.0 */
/*
 * test_packed.c: d4j_pack / d4j_packed_dense in every precision, on every ISA level this machine
 * runs, over odd shapes (m, k, n not multiples of the tiles), against float64 evaluations of the
 * formulas of dense4j.h written here independently of src/: F32 in double; BF16 with both
 * operands rounded to bfloat16 by frexp/ldexp and exact products; INT8 with Keras'
 * quantisation redone with libm's rintf, an exact int64 accumulator, then the float scale.
 * Also the sizes, the argument codes and the columns beyond n (never written).
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "dense4j.h"
#include "dense4j_testing.h"
#include "ref.h"

static const int32_t ACTS[] = {D4J_ACT_LINEAR, D4J_ACT_RELU, D4J_ACT_GELU, D4J_ACT_SIGMOID,
                               D4J_ACT_SOFTMAX};
#define NACTS 5
static const int32_t PRECS[] = {D4J_PRECISION_F32, D4J_PRECISION_BF16, D4J_PRECISION_INT8};
static const char *prec_name(int32_t p) {
  return p == D4J_PRECISION_F32 ? "f32" : p == D4J_PRECISION_BF16 ? "bf16" : "int8";
}
static const char *act_name(int32_t a) {
  switch (a) {
    case D4J_ACT_LINEAR: return "linear";
    case D4J_ACT_RELU: return "relu";
    case D4J_ACT_GELU: return "gelu";
    case D4J_ACT_SIGMOID: return "sigmoid";
    default: return "softmax";
  }
}

/* 64-byte aligned memory: C11's aligned_alloc, or the CRT's own on Windows, which lacks it */
#ifdef _WIN32
#include <malloc.h>
static void *alloc64(size_t bytes) { return _aligned_malloc((bytes + 63) / 64 * 64 + 64, 64); }
static void free64(void *p) { _aligned_free(p); }
#else
static void *alloc64(size_t bytes) { return aligned_alloc(64, (bytes + 63) / 64 * 64 + 64); }
static void free64(void *p) { free(p); }
#endif

/* nearest bfloat16 of v, ties to even, via the 8 significant bits of its mantissa */
static double bf16_round(float v) {
  if (v == 0.0f || !isfinite(v)) return v;
  int e;
  double f = frexp((double)v, &e);       /* v = f * 2^e, 0.5 <= |f| < 1 */
  return ldexp(rint(ldexp(f, 8)), e - 8); /* rint: ties to even */
}

static float k_scale(float amax) { return 127.0f / (amax + 1e-7f); }
static int q8(float v, float s) {
  float q = rintf(v * s);
  return q > 127.0f ? 127 : q < -127.0f ? -127 : (int)q;
}

/* pre-activation reference z (double) and a bound on the float rounding of the kernel's sum */
static void reference(int32_t prec, int64_t m, int64_t k, int64_t n, const float *x, int64_t ldx,
                      const float *w, const float *b, double *z, double *bound) {
  float *sw = malloc(sizeof(float) * (size_t)n);
  for (int64_t j = 0; j < n; ++j) {
    float amax = 0.0f;
    for (int64_t p = 0; p < k; ++p) amax = fmaxf(amax, fabsf(w[p * n + j]));
    sw[j] = k_scale(amax);
  }
  for (int64_t i = 0; i < m; ++i) {
    const float *xr = x + i * ldx;
    float sx = 0.0f;
    if (prec == D4J_PRECISION_INT8) {
      float amax = 0.0f;
      for (int64_t p = 0; p < k; ++p) amax = fmaxf(amax, fabsf(xr[p]));
      sx = k_scale(amax);
    }
    for (int64_t j = 0; j < n; ++j) {
      double s = 0.0, mag = 0.0;
      int64_t acc = 0;
      for (int64_t p = 0; p < k; ++p) {
        double pr;
        if (prec == D4J_PRECISION_F32) pr = (double)xr[p] * w[p * n + j];
        else if (prec == D4J_PRECISION_BF16) pr = bf16_round(xr[p]) * bf16_round(w[p * n + j]);
        else {
          acc += (int64_t)q8(xr[p], sx) * q8(w[p * n + j], sw[j]);
          pr = 0.0;
        }
        s += pr;
        mag += fabs(pr);
      }
      double bj = b != NULL ? b[j] : 0.0;
      if (prec == D4J_PRECISION_INT8) {
        z[i * n + j] = (double)((float)acc / (sx * sw[j]) + (float)bj); /* the float formula */
        bound[i * n + j] = 0.0;
      } else {
        z[i * n + j] = s + bj;
        bound[i * n + j] = (double)(k + 2) * ldexp(1.0, -24) * (mag + fabs(bj)) + 1e-30;
      }
    }
  }
  free(sw);
}

static double act_ref(int32_t act, double v) {
  switch (act) {
    case D4J_ACT_RELU: return v > 0 ? v : 0.0;
    case D4J_ACT_GELU: return 0.5 * v * (1.0 + erf(v / sqrt(2.0)));
    case D4J_ACT_SIGMOID: return 1.0 / (1.0 + exp(-v));
    default: return v;
  }
}

static float frand(uint64_t *st) { return (float)ref_rng_uniform(st, -1.0, 1.0); }

static long cases_run;

static void run_case(int32_t prec, int32_t isa, int64_t m, int64_t k, int64_t n, int with_bias,
                     uint64_t *st) {
  int64_t ldx = k + 3, ldy = n + 2;
  float *x = malloc(sizeof(float) * (size_t)(m * ldx));
  float *w = malloc(sizeof(float) * (size_t)(k * n));
  float *b = malloc(sizeof(float) * (size_t)n);
  for (int64_t i = 0; i < m * ldx; ++i) x[i] = frand(st) * 2.0f;
  for (int64_t i = 0; i < k * n; ++i) w[i] = frand(st) * 0.5f;
  for (int64_t j = 0; j < n; ++j) b[j] = frand(st);
  int64_t pbytes = 0, sbytes = 0;
  CHECK_EQ_INT(d4j_packed_size(prec, k, n, &pbytes), D4J_OK, "size");
  CHECK_EQ_INT(d4j_packed_scratch_size(prec, m, k, &sbytes), D4J_OK, "scratch size");
  void *packed = alloc64((size_t)pbytes);
  void *scratch = sbytes > 0 ? alloc64((size_t)sbytes) : NULL;
  CHECK_EQ_INT(d4j_pack(prec, k, n, w, n, packed, pbytes), D4J_OK, "pack");
  double *z = malloc(sizeof(double) * (size_t)(m * n));
  double *bound = malloc(sizeof(double) * (size_t)(m * n));
  reference(prec, m, k, n, x, ldx, w, with_bias ? b : NULL, z, bound);
  float *y = malloc(sizeof(float) * (size_t)(m * ldy));
  for (int a = 0; a < NACTS; ++a) {
    int32_t act = ACTS[a];
    for (int64_t i = 0; i < m * ldy; ++i) y[i] = 12345.0f;
    float p1 = act == D4J_ACT_RELU ? INFINITY : 0.0f;
    int32_t st_ = d4j_packed_dense_isa(prec, act, 0.0f, p1, 0.0f, m, k, n, x, ldx, packed,
                                       with_bias ? b : NULL, y, ldy, scratch, sbytes, isa);
    CHECK_EQ_INT(st_, D4J_OK, "%s %s %s m=%lld k=%lld n=%lld", prec_name(prec),
                 ref_isa_name(isa), act_name(act), (long long)m, (long long)k, (long long)n);
    cases_run++;
    for (int64_t i = 0; i < m; ++i) {
      double row_max = -INFINITY, sum = 0.0, err_max = 0.0;
      for (int64_t j = 0; j < n; ++j) {
        row_max = fmax(row_max, z[i * n + j]);
        err_max = fmax(err_max, bound[i * n + j]);
      }
      for (int64_t j = 0; j < n; ++j) sum += exp(z[i * n + j] - row_max);
      for (int64_t j = 0; j < n; ++j) {
        double zz = z[i * n + j], e = bound[i * n + j];
        double want, tol;
        if (act == D4J_ACT_SOFTMAX) {
          want = exp(zz - row_max) / sum;
          tol = 2.5 * err_max * want + 4e-7 * want + 1e-9;
        } else {
          want = act_ref(act, zz);
          /* the activations' slopes are <= 1.13 here; a few float ulps for the activation */
          tol = 1.13 * e + (act == D4J_ACT_LINEAR || act == D4J_ACT_RELU ? 0.0 : 4e-7 * fabs(want) + 1e-7);
        }
        double got = y[i * ldy + j];
        CHECK(fabs(got - want) <= tol, "%s %s %s m=%lld k=%lld n=%lld bias=%d [%lld,%lld]: got %.9g want %.9g tol %.3g",
              prec_name(prec), ref_isa_name(isa), act_name(act), (long long)m, (long long)k,
              (long long)n, with_bias, (long long)i, (long long)j, got, want, tol);
      }
      for (int64_t j = n; j < ldy; ++j) CHECK(y[i * ldy + j] == 12345.0f, "column %lld written", (long long)j);
    }
  }
  free(y); free(z); free(bound); free64(packed); free64(scratch); free(x); free(w); free(b);
}

static void test_shapes(void) {
  static const int64_t ms[] = {1, 2, 3, 5, 8, 9, 17};
  static const int64_t ks[] = {1, 3, 6, 64, 257};
  static const int64_t ns[] = {1, 5, 31, 32, 33, 100};
  uint64_t st = 42;
  for (int32_t isa = D4J_ISA_PORTABLE; isa <= D4J_ISA_AVX512_BF16; ++isa) {
    if (!d4j_isa_supported(isa)) {
      printf("ISA %s: not supported here, skipped\n", ref_isa_name(isa));
      continue;
    }
    for (int p = 0; p < 3; ++p)
      for (size_t a = 0; a < sizeof ms / sizeof ms[0]; ++a)
        for (size_t c = 0; c < sizeof ks / sizeof ks[0]; ++c)
          for (size_t d = 0; d < sizeof ns / sizeof ns[0]; ++d)
            run_case(PRECS[p], isa, ms[a], ks[c], ns[d], (int)((a + c + d) % 2), &st);
  }
}

/* The sizes the README states: 784 x 128 in each precision. */
static void test_sizes(void) {
  int64_t b = 0;
  CHECK_EQ_INT(d4j_packed_size(D4J_PRECISION_F32, 784, 128, &b), D4J_OK, "f32");
  CHECK_EQ_INT(b, 401408, "f32 784x128 = 4 panels x 784 x 128 B");
  CHECK_EQ_INT(d4j_packed_size(D4J_PRECISION_BF16, 784, 128, &b), D4J_OK, "bf16");
  CHECK_EQ_INT(b, 200704, "bf16 784x128");
  CHECK_EQ_INT(d4j_packed_size(D4J_PRECISION_INT8, 784, 128, &b), D4J_OK, "int8");
  CHECK_EQ_INT(b, 101376, "int8 784x128 = 4 x (256 + 196 x 128)");
  CHECK_EQ_INT(d4j_packed_size(D4J_PRECISION_BF16, 3, 33, &b), D4J_OK, "bf16 odd");
  CHECK_EQ_INT(b, 2 * 2 * 128, "bf16 3x33: 2 panels of 2 pair rows");
  CHECK_EQ_INT(d4j_packed_scratch_size(D4J_PRECISION_F32, 9, 5, &b), D4J_OK, "f32 scratch");
  CHECK_EQ_INT(b, 0, "f32 needs no scratch");
  CHECK_EQ_INT(d4j_packed_scratch_size(D4J_PRECISION_INT8, 3, 5, &b), D4J_OK, "int8 scratch");
  CHECK_EQ_INT(b, 64 + 64, "int8 3x5: scales, then 3 rows of 8");
}

/* A row of x with a NaN or an infinity: that row of y is NaN (INT8), the others unaffected. */
static void test_int8_nonfinite_rows(void) {
  float w[4 * 3], x[3 * 4], y[3 * 3];
  for (int i = 0; i < 12; ++i) w[i] = (float)(i % 5) - 2.0f;
  for (int i = 0; i < 12; ++i) x[i] = (float)(i % 3) - 1.0f;
  x[1] = NAN;
  x[4 + 2] = INFINITY;
  int64_t pb = 0, sb = 0;
  d4j_packed_size(D4J_PRECISION_INT8, 4, 3, &pb);
  d4j_packed_scratch_size(D4J_PRECISION_INT8, 3, 4, &sb);
  void *packed = alloc64((size_t)pb), *scratch = alloc64((size_t)sb);
  CHECK_EQ_INT(d4j_pack(D4J_PRECISION_INT8, 4, 3, w, 3, packed, pb), D4J_OK, "pack");
  CHECK_EQ_INT(d4j_packed_dense(D4J_PRECISION_INT8, D4J_ACT_LINEAR, 0, 0, 0, 3, 4, 3, x, 4, packed,
                                NULL, y, 3, scratch, sb), D4J_OK, "dense");
  for (int j = 0; j < 3; ++j) {
    CHECK(isnan(y[j]) && isnan(y[3 + j]), "non-finite rows give NaN, col %d", j);
    CHECK(isfinite(y[6 + j]), "finite row stays finite, col %d", j);
  }
  w[5] = INFINITY;
  CHECK_EQ_INT(d4j_pack(D4J_PRECISION_INT8, 4, 3, w, 3, packed, pb), -4, "int8 needs finite weights");
  int64_t fb = 0;
  d4j_packed_size(D4J_PRECISION_F32, 4, 3, &fb);
  void *fpacked = alloc64((size_t)fb);
  CHECK_EQ_INT(d4j_pack(D4J_PRECISION_F32, 4, 3, w, 3, fpacked, fb), D4J_OK, "f32 takes any weights");
  free64(fpacked);
  free64(packed); free64(scratch);
}

static void test_argument_codes(void) {
  float w[8] = {0}, x[8] = {0}, y[8];
  int64_t b = 0;
  void *packed = alloc64(4096), *scratch = alloc64(4096);
  unsigned char *odd = (unsigned char *)packed + 4;
  CHECK_EQ_INT(d4j_packed_size(7, 2, 2, &b), -1, "precision");
  CHECK_EQ_INT(d4j_packed_size(D4J_PRECISION_F32, 0, 2, &b), -2, "k");
  CHECK_EQ_INT(d4j_packed_size(D4J_PRECISION_INT8, D4J_INT8_MAX_K + 1, 2, &b), -2, "int8 k");
  CHECK_EQ_INT(d4j_packed_size(D4J_PRECISION_F32, 2, 0, &b), -3, "n");
  CHECK_EQ_INT(d4j_packed_size(D4J_PRECISION_F32, 2, 2, NULL), -4, "bytes");
  CHECK_EQ_INT(d4j_pack(D4J_PRECISION_F32, 2, 4, NULL, 4, packed, 4096), -4, "w");
  CHECK_EQ_INT(d4j_pack(D4J_PRECISION_F32, 2, 4, w, 3, packed, 4096), -5, "ldw");
  CHECK_EQ_INT(d4j_pack(D4J_PRECISION_F32, 2, 4, w, 4, odd, 4000), -6, "packed alignment");
  CHECK_EQ_INT(d4j_pack(D4J_PRECISION_F32, 2, 4, w, 4, packed, 255), -7, "packed bytes");
  CHECK_EQ_INT(d4j_pack(D4J_PRECISION_F32, 2, 4, w, 4, packed, 256), D4J_OK, "pack");
#define DENSE(prec, act, m, k, n, x_, ldx, p_, y_, ldy, s_, sb) \
  d4j_packed_dense(prec, act, 0, 0, 0, m, k, n, x_, ldx, p_, NULL, y_, ldy, s_, sb)
  CHECK_EQ_INT(DENSE(9, D4J_ACT_LINEAR, 1, 2, 4, x, 2, packed, y, 4, NULL, 0), -1, "precision");
  CHECK_EQ_INT(DENSE(D4J_PRECISION_F32, 99, 1, 2, 4, x, 2, packed, y, 4, NULL, 0), -2, "act");
  CHECK_EQ_INT(d4j_packed_dense(D4J_PRECISION_F32, D4J_ACT_RELU, NAN, 0, 0, 1, 2, 4, x, 2, packed,
                                NULL, y, 4, NULL, 0), -3, "p0");
  CHECK_EQ_INT(DENSE(D4J_PRECISION_F32, D4J_ACT_LINEAR, -1, 2, 4, x, 2, packed, y, 4, NULL, 0), -6, "m");
  CHECK_EQ_INT(DENSE(D4J_PRECISION_F32, D4J_ACT_LINEAR, 1, 0, 4, x, 2, packed, y, 4, NULL, 0), -7, "k");
  CHECK_EQ_INT(DENSE(D4J_PRECISION_F32, D4J_ACT_GLU, 1, 2, 3, x, 2, packed, y, 4, NULL, 0), -8, "glu n");
  CHECK_EQ_INT(DENSE(D4J_PRECISION_F32, D4J_ACT_LINEAR, 1, 2, 4, NULL, 2, packed, y, 4, NULL, 0), -9, "x");
  CHECK_EQ_INT(DENSE(D4J_PRECISION_F32, D4J_ACT_LINEAR, 1, 2, 4, x, 1, packed, y, 4, NULL, 0), -10, "ldx");
  CHECK_EQ_INT(DENSE(D4J_PRECISION_F32, D4J_ACT_LINEAR, 1, 2, 4, x, 2, odd, y, 4, NULL, 0), -11, "packed");
  CHECK_EQ_INT(DENSE(D4J_PRECISION_F32, D4J_ACT_LINEAR, 1, 2, 4, x, 2, packed, NULL, 4, NULL, 0), -13, "y");
  CHECK_EQ_INT(DENSE(D4J_PRECISION_F32, D4J_ACT_LINEAR, 1, 2, 4, x, 2, packed, y, 3, NULL, 0), -14, "ldy");
  CHECK_EQ_INT(DENSE(D4J_PRECISION_BF16, D4J_ACT_LINEAR, 1, 2, 4, x, 2, packed, y, 4,
                     (unsigned char *)scratch + 8, 64), -15, "scratch alignment");
  CHECK_EQ_INT(DENSE(D4J_PRECISION_BF16, D4J_ACT_LINEAR, 1, 2, 4, x, 2, packed, y, 4, scratch, 0),
               -16, "scratch bytes");
  CHECK_EQ_INT(DENSE(D4J_PRECISION_F32, D4J_ACT_LINEAR, 0, 2, 4, NULL, 2, NULL, NULL, 4, NULL, 0),
               D4J_OK, "m == 0 with NULLs");
  CHECK_EQ_INT(d4j_packed_dense_isa(D4J_PRECISION_F32, D4J_ACT_LINEAR, 0, 0, 0, 1, 2, 4, x, 2,
                                    packed, NULL, y, 4, NULL, 0, 6), -17, "isa");
  CHECK_EQ_INT(d4j_packed_dense_isa(D4J_PRECISION_F32, D4J_ACT_LINEAR, 0, 0, 0, 1, 2, 4, x, 1,
                                    packed, NULL, y, 4, NULL, 0, 6), -10, "ldx before isa");
#undef DENSE
  free64(packed); free64(scratch);
}

int main(void) {
  test_sizes();
  test_argument_codes();
  test_int8_nonfinite_rows();
  test_shapes();
  printf("%ld kernel calls checked\n", cases_run);
  return check_summary("test_packed");
}
