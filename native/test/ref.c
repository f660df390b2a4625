/* SPDX-License-Identifier: Apache-2.0 */
/*
 * ref.c: the float64 references (see ref.h). Each function follows the formula of spec §2.2;
 * where the literal formula loses accuracy in double (1 + tanh, x - sqrt(x^2 + b), x - tanh x
 * near 0) an algebraically identical stable form is used, and at x = +-inf the limit.
 */
#include "ref.h"

#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define P0 ((double)c->p0)
#define P1 ((double)c->p1)
#define P2 ((double)c->p2)

static double clip(double v, double lo, double hi) { return v < lo ? lo : (v > hi ? hi : v); }

static double sigmoid(double x) {
  return x >= 0 ? 1.0 / (1.0 + exp(-x)) : exp(x) / (1.0 + exp(x));
}

static double softplus(double x) { return fmax(x, 0.0) + log1p(exp(-fabs(x))); }

static double r_linear(double x, const ref_case *c) { (void)c; return x; }

/* spec §2.3, step by step */
static double r_relu(double x, const ref_case *c) {
  double s = P0, m = P1, t = P2;
  if (s != 0 && isinf(m) && t == 0) return x >= 0 ? x : s * x; /* leaky fast path */
  double p = t != 0 ? (x > t ? x : 0.0) : fmax(x, 0.0);
  if (!isinf(m)) p = clip(p, 0.0, m);
  return s != 0 ? p - s * fmax(t - x, 0.0) : p;
}

static double r_leaky_relu(double x, const ref_case *c) { return x >= 0 ? x : P0 * x; }
static double r_relu6(double x, const ref_case *c) { (void)c; return clip(x, 0.0, 6.0); }
static double r_elu(double x, const ref_case *c) { return x > 0 ? x : P0 * expm1(x); }

static double r_selu(double x, const ref_case *c) {
  const double alpha = 1.6732632423543772848170429916717;
  const double scale = 1.0507009873554804934193349852946;
  (void)c;
  return x > 0 ? scale * x : scale * alpha * expm1(x);
}

static double r_celu(double x, const ref_case *c) {
  return fmax(x, 0.0) + P0 * expm1(fmin(x, 0.0) / P0);
}

static double r_sigmoid(double x, const ref_case *c) { (void)c; return sigmoid(x); }
static double r_hard_sigmoid(double x, const ref_case *c) { return clip(P0 * x + P1, 0.0, 1.0); }

static double r_sparse_sigmoid(double x, const ref_case *c) {
  (void)c;
  return x <= -1 ? 0.0 : (x >= 1 ? 1.0 : 0.5 * (x + 1));
}

static double r_log_sigmoid(double x, const ref_case *c) { (void)c; return -softplus(-x); }
static double r_tanh(double x, const ref_case *c) { (void)c; return tanh(x); }
static double r_hard_tanh(double x, const ref_case *c) { (void)c; return clip(x, -1.0, 1.0); }

static double r_tanh_shrink(double x, const ref_case *c) {
  (void)c;
  double z = x * x;
  /* Taylor series below 1e-2, where x - tanh(x) cancels to x^3/3 even in double */
  if (fabs(x) < 1e-2) return x * z * (1.0 / 3 - z * (2.0 / 15 - z * (17.0 / 315 - z * 62.0 / 2835)));
  return x - tanh(x);
}

static double r_softplus(double x, const ref_case *c) { (void)c; return softplus(x); }

static double r_softsign(double x, const ref_case *c) {
  (void)c;
  return isinf(x) ? copysign(1.0, x) : x / (1.0 + fabs(x));
}

static double r_squareplus(double x, const ref_case *c) {
  double b = P0;
  if (x >= 0) return (x + sqrt(x * x + b)) / 2;
  return b / (2 * (sqrt(x * x + b) - x)); /* = (x + sqrt(x^2 + b)) / 2 without cancellation */
}

static double r_sparse_plus(double x, const ref_case *c) {
  (void)c;
  return x <= -1 ? 0.0 : (x >= 1 ? x : (x + 1) * (x + 1) / 4);
}

static double r_silu(double x, const ref_case *c) {
  (void)c;
  return isinf(x) && x < 0 ? 0.0 : x * sigmoid(x);
}

static double r_hard_silu(double x, const ref_case *c) {
  double h = clip(P0 * x + P1, 0.0, 1.0);
  return h == 0 ? 0.0 : x * h;
}

static double r_gelu(double x, const ref_case *c) {
  if (isinf(x) && x < 0) return 0.0;
  if (P0 == 0) return x * 0.5 * erfc(-x / sqrt(2.0)); /* 0.5 x (1 + erf(x / sqrt 2)) */
  /* 0.5 x (1 + tanh(u)) = x sigmoid(2u), u = sqrt(2/pi) (x + 0.044715 x^3) */
  double u = sqrt(2.0 / acos(-1.0)) * (x + 0.044715 * x * x * x);
  return x * sigmoid(2 * u);
}

static double r_mish(double x, const ref_case *c) {
  (void)c;
  return isinf(x) && x < 0 ? 0.0 : x * tanh(softplus(x));
}

static double r_exponential(double x, const ref_case *c) { (void)c; return exp(x); }

static double r_soft_shrink(double x, const ref_case *c) {
  return x > P0 ? x - P0 : (x < -P0 ? x + P0 : 0.0);
}

static double r_hard_shrink(double x, const ref_case *c) { return fabs(x) > P0 ? x : 0.0; }
static double r_threshold(double x, const ref_case *c) { return x > P0 ? x : P1; }

#define INF INFINITY

/* label, act, p0, p1, p2, reference, tolerance in ulps, absolute tolerance (x max(1,|x|)) */
const ref_case ref_eltwise_cases[] = {
    {"linear", D4J_ACT_LINEAR, 0, 0, 0, r_linear, 0, 0},
    {"relu", D4J_ACT_RELU, 0, INF, 0, r_relu, 0, 0},
    {"relu(s=0.5)", D4J_ACT_RELU, 0.5f, INF, 0, r_relu, 0.5, 0},
    {"relu(m=5)", D4J_ACT_RELU, 0, 5, 0, r_relu, 0, 0},
    {"relu(t=5)", D4J_ACT_RELU, 0, INF, 5, r_relu, 0, 0},
    {"relu(t=5,m=5)", D4J_ACT_RELU, 0, 5, 5, r_relu, 0, 0},
    {"relu(s=0.5,m=5,t=5)", D4J_ACT_RELU, 0.5f, 5, 5, r_relu, 1.5, 0},
    {"relu(s=0.1,t=-1)", D4J_ACT_RELU, 0.1f, INF, -1, r_relu, 1.5, 0},
    {"leaky_relu(0.2)", D4J_ACT_LEAKY_RELU, 0.2f, 0, 0, r_leaky_relu, 0.5, 0},
    {"relu6", D4J_ACT_RELU6, 0, 0, 0, r_relu6, 0, 0},
    {"elu", D4J_ACT_ELU, 1, 0, 0, r_elu, 3, 0},
    {"elu(0.5)", D4J_ACT_ELU, 0.5f, 0, 0, r_elu, 3, 0},
    {"selu", D4J_ACT_SELU, 0, 0, 0, r_selu, 3, 0},
    {"celu", D4J_ACT_CELU, 1, 0, 0, r_celu, 3, 0},
    {"celu(1.7)", D4J_ACT_CELU, 1.7f, 0, 0, r_celu, 4, 0},
    {"sigmoid", D4J_ACT_SIGMOID, 0, 0, 0, r_sigmoid, 3, 0},
    {"hard_sigmoid", D4J_ACT_HARD_SIGMOID, 1.0f / 6, 0.5f, 0, r_hard_sigmoid, 0.5, 0},
    {"hard_sigmoid(0.2,0.5)", D4J_ACT_HARD_SIGMOID, 0.2f, 0.5f, 0, r_hard_sigmoid, 0.5, 0},
    {"sparse_sigmoid", D4J_ACT_SPARSE_SIGMOID, 0, 0, 0, r_sparse_sigmoid, 0.5, 0},
    {"log_sigmoid", D4J_ACT_LOG_SIGMOID, 0, 0, 0, r_log_sigmoid, 3, 0},
    {"tanh", D4J_ACT_TANH, 0, 0, 0, r_tanh, 3, 0},
    {"hard_tanh", D4J_ACT_HARD_TANH, 0, 0, 0, r_hard_tanh, 0, 0},
    {"tanh_shrink", D4J_ACT_TANH_SHRINK, 0, 0, 0, r_tanh_shrink, 4, 0},
    {"softplus", D4J_ACT_SOFTPLUS, 0, 0, 0, r_softplus, 3, 0},
    {"softsign", D4J_ACT_SOFTSIGN, 0, 0, 0, r_softsign, 2, 0},
    {"squareplus", D4J_ACT_SQUAREPLUS, 4, 0, 0, r_squareplus, 4, 0},
    {"squareplus(b=0)", D4J_ACT_SQUAREPLUS, 0, 0, 0, r_squareplus, 4, 0},
    {"sparse_plus", D4J_ACT_SPARSE_PLUS, 0, 0, 0, r_sparse_plus, 2.5, 0},
    {"silu", D4J_ACT_SILU, 0, 0, 0, r_silu, 4, 0},
    {"hard_silu", D4J_ACT_HARD_SILU, 1.0f / 6, 0.5f, 0, r_hard_silu, 2, 0},
    {"gelu", D4J_ACT_GELU, 0, 0, 0, r_gelu, 6, 0},
    {"gelu(approximate)", D4J_ACT_GELU, 1, 0, 0, r_gelu, 4, 0},
    {"mish", D4J_ACT_MISH, 0, 0, 0, r_mish, 6, 0},
    {"exponential", D4J_ACT_EXPONENTIAL, 0, 0, 0, r_exponential, 2, 0},
    {"soft_shrink", D4J_ACT_SOFT_SHRINK, 0.5f, 0, 0, r_soft_shrink, 0.5, 0},
    {"hard_shrink", D4J_ACT_HARD_SHRINK, 0.5f, 0, 0, r_hard_shrink, 0, 0},
    {"threshold(0.5,-1)", D4J_ACT_THRESHOLD, 0.5f, -1, 0, r_threshold, 0, 0},
};
const int ref_eltwise_count = (int)(sizeof ref_eltwise_cases / sizeof ref_eltwise_cases[0]);

double ref_eval(const ref_case *c, double x) { return isnan(x) ? NAN : c->f(x, c); }

double ref_ulp(double r) {
  r = fabs(r);
  if (r < FLT_MIN) return ldexp(1.0, -149);
  if (r >= 0x1p128) return ldexp(1.0, 104);
  int e;
  frexp(r, &e); /* r = f 2^e, f in [0.5, 1) */
  return ldexp(1.0, e - 24);
}

double ref_err_ulp(float y, double r) {
  if (isnan(r) || isnan(y)) return isnan(r) && isnan(y) ? 0.0 : INFINITY;
  if ((double)y == r || (isinf(y) && y == (float)r)) return 0.0; /* exact, or both overflow */
  double yy = isinf(y) ? copysign(0x1p128, y) : (double)y;
  double rr = isinf(r) ? copysign(0x1p128, r) : r;
  return fabs(yy - rr) / ref_ulp(rr);
}

int ref_within(const ref_case *c, float x, float y, double r) {
  double e = ref_err_ulp(y, r);
  if (e <= c->tol_ulp) return 1;
  if (c->tol_abs > 0 && isfinite(y) && isfinite(r))
    return fabs((double)y - r) <= c->tol_abs * fmax(1.0, fabs((double)x));
  return 0;
}

uint64_t ref_rng_next(uint64_t *state) {
  uint64_t z = (*state += 0x9e3779b97f4a7c15ull);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
  return z ^ (z >> 31);
}

double ref_rng_uniform(uint64_t *state, double lo, double hi) {
  return lo + (hi - lo) * (double)(ref_rng_next(state) >> 11) * 0x1p-53;
}

static float bits_to_float(uint32_t u) {
  float f;
  memcpy(&f, &u, sizeof f);
  return f;
}

size_t ref_inputs(float *out, size_t cap) {
  static const float special[] = {
      0.0f, -0.0f, 1e-7f, -1e-7f, 1e-30f, -1e-30f, FLT_MIN, -FLT_MIN, 1e-40f, -1e-40f,
      0.5f, -0.5f, 1.0f, -1.0f, 2.5f, -2.5f, 3.0f, -3.0f, 5.0f, -5.0f, 6.0f, -6.0f,
      9.0f, -9.0f, 15.0f, -15.0f, 50.0f, -50.0f, 80.0f, -80.0f, 87.5f, -87.5f,
      88.72f, 88.73f, -88.72f, -103.9f, -104.0f, 100.0f, -100.0f, 1e4f, -1e4f,
      1e19f, -1e19f, 1e30f, -1e30f, FLT_MAX, -FLT_MAX, INFINITY, -INFINITY, NAN};
  size_t k = 0;
  for (size_t i = 0; i < sizeof special / sizeof special[0] && k < cap; ++i) out[k++] = special[i];
  /* subnormals, and both neighbours of the clip / threshold points */
  const uint32_t sub[] = {1u, 2u, 3u, 0x3ffu, 0x7fffffu};
  for (size_t i = 0; i < 5 && k + 2 <= cap; ++i) {
    out[k++] = bits_to_float(sub[i]);
    out[k++] = bits_to_float(sub[i] | 0x80000000u);
  }
  const float edge[] = {0.5f, 1.0f, 3.0f, 5.0f, 6.0f};
  for (size_t i = 0; i < 5 && k + 4 <= cap; ++i) {
    out[k++] = nextafterf(edge[i], 0.0f);
    out[k++] = nextafterf(edge[i], INFINITY);
    out[k++] = -nextafterf(edge[i], 0.0f);
    out[k++] = -nextafterf(edge[i], INFINITY);
  }
  /* dense sweep of [-20, 20] in steps of 1/256 */
  for (int i = -20 * 256; i <= 20 * 256 && k < cap; ++i) out[k++] = (float)i / 256.0f;
  /* random magnitudes 10^[-40, 38.5], random signs */
  uint64_t rng = 42;
  for (int i = 0; i < 4096 && k < cap; ++i) {
    double mag = pow(10.0, ref_rng_uniform(&rng, -40.0, 38.5));
    out[k++] = (float)((ref_rng_next(&rng) & 1) ? -mag : mag);
  }
  return k;
}

static int any_nan(const float *z, int64_t n) {
  for (int64_t j = 0; j < n; ++j)
    if (isnan(z[j])) return 1;
  return 0;
}

void ref_softmax(const float *z, int64_t n, double *out) {
  double mx = -INFINITY, s = 0.0;
  /* NOTE: not fmax(): an fmax reduction crashes aarch64 GCC 12's vectoriser (ICE) */
  for (int64_t j = 0; j < n; ++j)
    if ((double)z[j] > mx) mx = z[j];
  for (int64_t j = 0; j < n; ++j) s += (out[j] = exp((double)z[j] - mx));
  for (int64_t j = 0; j < n; ++j) out[j] = any_nan(z, n) ? NAN : out[j] / s;
}

void ref_log_softmax(const float *z, int64_t n, double *out) {
  double mx = -INFINITY, rest = 0.0;
  int64_t arg = 0;
  int nan = 0;
  for (int64_t j = 0; j < n; ++j) {
    nan |= isnan(z[j]);
    if ((double)z[j] > mx) mx = z[j], arg = j;
  }
  /* log(sum) = log1p(sum over all but one maximal element) keeps tiny sums accurate */
  for (int64_t j = 0; j < n; ++j)
    if (j != arg) rest += exp((double)z[j] - mx);
  double lse = log1p(rest);
  for (int64_t j = 0; j < n; ++j) out[j] = nan ? NAN : ((double)z[j] - mx) - lse;
}

void ref_glu(const float *z, int64_t n, double *out) {
  for (int64_t j = 0; j < n / 2; ++j) out[j] = (double)z[j] * sigmoid((double)z[j + n / 2]);
}

static int desc(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x < y) - (x > y);
}

void ref_sparsemax(const float *z, int64_t n, double *out) {
  double *s = malloc((size_t)n * sizeof *s);
  if (s == NULL) abort();
  for (int64_t j = 0; j < n; ++j) s[j] = z[j];
  qsort(s, (size_t)n, sizeof *s, desc);
  /* k* = #{k : z_(k) - (c_k - 1) / k > 0}, tau = (c_k* - 1) / k* */
  double cum = 0.0;
  int64_t k_star = 0;
  for (int64_t k = 1; k <= n; ++k) {
    cum += s[k - 1];
    if (s[k - 1] - (cum - 1.0) / (double)k > 0) k_star++;
  }
  cum = 0.0;
  for (int64_t k = 0; k < k_star; ++k) cum += s[k];
  double tau = (cum - 1.0) / (double)k_star;
  for (int64_t j = 0; j < n; ++j) out[j] = any_nan(z, n) ? NAN : fmax((double)z[j] - tau, 0.0);
  free(s);
}

const char *ref_isa_name(int32_t isa) {
  switch (isa) {
    case D4J_ISA_PORTABLE: return "portable";
    case D4J_ISA_AVX2: return "avx2";
    case D4J_ISA_AVX512: return "avx512";
    case D4J_ISA_AVX512_VNNI: return "avx512_vnni";
    case D4J_ISA_AVX512_BF16: return "avx512_bf16";
    default: return "?";
  }
}
