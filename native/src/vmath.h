/* SPDX-License-Identifier: Apache-2.0 */
/*
 * vmath.h: branch-free float32 elementary functions for `#pragma omp simd` loops.
 *
 * Every function is a straight-line sequence of IEEE operations, bit casts and selects, so GCC
 * and Clang vectorise loops that call them; none calls libm or touches errno. Shared recipe:
 * Cody-Waite range reduction, minimax polynomials (Cephes expf/logf, the others fitted for
 * this file with a Lawson/IRLS minimax fit on Chebyshev nodes against mpmath, coefficients
 * rounded to float one at a time and the rest refitted), 2^n built in the exponent field.
 * Inputs are clamped just outside the range where the result saturates, which gives the
 * IEEE-double-rounded-to-float behaviour at the edges (exp(100) = +inf, exp(-104) = 0, ...).
 * Clamps are written `x > hi ? hi : x`, so a NaN passes through them and comes out as NaN.
 *
 * Accuracy against libm double, measured on every 101st float of the range: d4j_vexp 0.99 ulp,
 * d4j_vexpm1 1.56, d4j_vlog1p 0.81; the activations built on them: test/error_report.c.
 */
#ifndef D4J_VMATH_H_
#define D4J_VMATH_H_

#include <stdint.h>

#if defined(__GNUC__)
#  define D4J_INLINE static inline __attribute__((always_inline))
#else
#  define D4J_INLINE static inline
#endif

/* a*b + c, fused where the target has a hardware FMA, otherwise two roundings. */
#if defined(__FMA__) || defined(__ARM_FEATURE_FMA)
#  define D4J_FMA(a, b, c) __builtin_fmaf((a), (b), (c))
#else
#  define D4J_FMA(a, b, c) ((a) * (b) + (c))
#endif

D4J_INLINE uint32_t d4j_f2u(float f) {
  union { float f; uint32_t u; } v;
  v.f = f;
  return v.u;
}

D4J_INLINE float d4j_u2f(uint32_t u) {
  union { float f; uint32_t u; } v;
  v.u = u;
  return v.f;
}

D4J_INLINE float d4j_abs(float x) { return d4j_u2f(d4j_f2u(x) & 0x7fffffffu); }

/* |m| with the sign bit of s (m must be >= 0 or NaN). */
D4J_INLINE float d4j_with_sign(float m, float s) {
  return d4j_u2f(d4j_f2u(m) | (d4j_f2u(s) & 0x80000000u));
}

/* NaN-preserving clamps: a NaN fails every comparison and is returned unchanged. */
D4J_INLINE float d4j_max_c(float x, float lo) { return x < lo ? lo : x; }
D4J_INLINE float d4j_min_c(float x, float hi) { return x > hi ? hi : x; }

#define D4J_LOG2E 1.44269504088896341f
#define D4J_LN2_HI 0.693359375f     /* 9 significant bits: n * LN2_HI is exact for |n| < 512 */
#define D4J_LN2_LO -2.12194440e-4f  /* ln 2 - LN2_HI */
#define D4J_ROUND_MAGIC 12582912.0f /* 1.5 * 2^23: x + MAGIC rounds x to an integer in the low bits */

/* e^r - 1 for |r| <= ~0.5: r + r^2 P(r), Cephes expf minimax (rel. error < 1 ulp on ln2/2). */
D4J_INLINE float d4j_expm1_poly(float r) {
  float p = 1.9875691500e-4f;
  p = D4J_FMA(p, r, 1.3981999507e-3f);
  p = D4J_FMA(p, r, 8.3334519073e-3f);
  p = D4J_FMA(p, r, 4.1665795894e-2f);
  p = D4J_FMA(p, r, 1.6666665459e-1f);
  p = D4J_FMA(p, r, 5.0000001201e-1f);
  return D4J_FMA(p, r * r, r);
}

/*
 * exp(xh + xl) = m * k, split so that m is a normal float and the caller can multiply m by
 * other factors before the single final rounding into the subnormal range (`* k`).
 * |xl| must be small against |xh| (<= 2^-10 |xh| + 2^-8); xh in [-110, 89] or NaN (the
 * wrappers below clamp), where m * k overflows to +inf above ~88.72 and underflows to 0
 * below ~-103.97.
 */
D4J_INLINE float d4j_vexp_core_mk(float xh, float xl, float *k) {
  float kf = D4J_FMA(xh + xl, D4J_LOG2E, D4J_ROUND_MAGIC);
  float n = kf - D4J_ROUND_MAGIC;
  uint32_t kb = d4j_f2u(kf) - d4j_f2u(D4J_ROUND_MAGIC); /* n, two's complement, in [-159, 129] */
  float r = D4J_FMA(n, -D4J_LN2_HI, xh);
  r = D4J_FMA(n, -D4J_LN2_LO, r) + xl;
  /* 2^n = 2^n1 * 2^n2 with n1 = floor((n + 256) / 2) - 128, both factors normal floats */
  uint32_t h = (kb + 256u) >> 1;
  float s1 = d4j_u2f((h - 1u) << 23);
  *k = d4j_u2f((kb - h + 255u) << 23);
  return D4J_FMA(d4j_expm1_poly(r), s1, s1);
}

/* exp(xh + xl) = m * k for any xh */
D4J_INLINE float d4j_vexp_hl_mk(float xh, float xl, float *k) {
  return d4j_vexp_core_mk(d4j_max_c(d4j_min_c(xh, 89.0f), -110.0f), xl, k);
}

/* d4j_vexp_hl_mk for xh <= 0 (or NaN): the upper clamp is left out (selects are not free). */
D4J_INLINE float d4j_vexp_nonpos_mk(float xh, float xl, float *k) {
  return d4j_vexp_core_mk(d4j_max_c(xh, -110.0f), xl, k);
}

/* y = e^x */
D4J_INLINE float d4j_vexp(float x) {
  float k;
  float m = d4j_vexp_hl_mk(x, 0.0f, &k);
  return m * k;
}

/* y = e^x - 1 for x in [-80, 88] (or NaN), accurate near 0: 2^n expm1(r) + (2^n - 1). */
D4J_INLINE float d4j_vexpm1_core(float x) {
  float kf = D4J_FMA(x, D4J_LOG2E, D4J_ROUND_MAGIC);
  float n = kf - D4J_ROUND_MAGIC;
  uint32_t kb = d4j_f2u(kf) - d4j_f2u(D4J_ROUND_MAGIC); /* n in [-116, 127] */
  float r = D4J_FMA(n, -D4J_LN2_HI, x);
  r = D4J_FMA(n, -D4J_LN2_LO, r);
  float s = d4j_u2f((kb + 127u) << 23);
  return D4J_FMA(d4j_expm1_poly(r), s, s - 1.0f);
}

/* y = e^x - 1 for x <= 0 (or NaN) */
D4J_INLINE float d4j_vexpm1_nonpos(float x) { return d4j_vexpm1_core(d4j_max_c(x, -80.0f)); }

/* y = e^x - 1 for any x; above 88 (where the -1 is far below an ulp) it is e^x, overflow included */
D4J_INLINE float d4j_vexpm1(float x) {
  float e = d4j_vexpm1_core(d4j_max_c(d4j_min_c(x, 88.0f), -80.0f));
  return x > 88.0f ? d4j_vexp(x) : e;
}

/* y = log(1 + t) for finite t > -1 (a NaN passes through); exact for |t| < 2^-24. */
D4J_INLINE float d4j_vlog1p(float t) {
  float u = 1.0f + t;
  /* u = 2^e * mm with mm in [sqrt(1/2), sqrt(2)); unsigned arithmetic, valid for all u > 0 */
  uint32_t ub = d4j_f2u(u);
  uint32_t eb = (ub - 0x3f3504f3u + 0x40000000u) >> 23; /* e + 128 */
  float mm = d4j_u2f(ub - ((eb - 128u) << 23));
  float e = (float)(int32_t)eb - 128.0f;
  float f = mm - 1.0f;
  float z = f * f;
  /* log(1+f) = f - f^2/2 + f^3 P(f), Cephes logf minimax on [sqrt(1/2)-1, sqrt(2)-1] */
  float p = 7.0376836292e-2f;
  p = D4J_FMA(p, f, -1.1514610310e-1f);
  p = D4J_FMA(p, f, 1.1676998740e-1f);
  p = D4J_FMA(p, f, -1.2420140846e-1f);
  p = D4J_FMA(p, f, 1.4249322787e-1f);
  p = D4J_FMA(p, f, -1.6668057665e-1f);
  p = D4J_FMA(p, f, 2.0000714765e-1f);
  p = D4J_FMA(p, f, -2.4999993993e-1f);
  p = D4J_FMA(p, f, 3.3333331174e-1f);
  /* correction for the rounding of 1 + t: log1p(t) = log(u) + (t - (u - 1)) / u */
  float c = (t - (u - 1.0f)) / u;
  float y = D4J_FMA(p * f, z, D4J_FMA(e, D4J_LN2_LO, c));
  y = D4J_FMA(-0.5f, z, y);
  return D4J_FMA(e, D4J_LN2_HI, f + y);
}

/*
 * y = w * sigmoid(x), x = xh + xl (xl a small low part, or 0), with t = e^{-|x|}:
 * w / (1 + t) for x >= 0, w t / (1 + t) otherwise. The subnormal scale of t is applied last,
 * so w * sigmoid(x) is rounded once even when it is subnormal. w must be finite when
 * x = -inf (callers clamp).
 */
D4J_INLINE float d4j_vsigmoid_mul_hl(float xh, float xl, float w) {
  float k;
  int pos = xh >= 0.0f;
  float m = d4j_vexp_nonpos_mk(-d4j_abs(xh), pos ? -xl : xl, &k);
  float q = (pos ? w : w * m) / (1.0f + m * k);
  return pos ? q : q * k;
}

D4J_INLINE float d4j_vsigmoid_mul(float x, float w) { return d4j_vsigmoid_mul_hl(x, 0.0f, w); }

/* y = 1 / (1 + e^-x) */
D4J_INLINE float d4j_vsigmoid(float x) { return d4j_vsigmoid_mul(x, 1.0f); }

/* y = log(1 + e^x) = max(x, 0) + log1p(e^-|x|) */
D4J_INLINE float d4j_vsoftplus(float x) {
  float k;
  float m = d4j_vexp_nonpos_mk(-d4j_abs(x), 0.0f, &k);
  float l = d4j_vlog1p(m * k);
  return d4j_max_c(x, 0.0f) + l;
}

/* y = tanh(x) = sign(x) e / (e + 2) with e = expm1(2|x|); |x| > 9.5 rounds to +-1 anyway. */
D4J_INLINE float d4j_vtanh(float x) {
  float e = d4j_vexpm1_core(2.0f * d4j_min_c(d4j_abs(x), 9.5f));
  return d4j_with_sign(e / (e + 2.0f), x);
}

/*
 * y = Phi(x) * w, Phi the standard normal CDF, for the exact GELU (w = x):
 *   |x| <  1/2: Phi(x) = 1/2 + x P(x^2)
 *   |x| >= 1/2: Phi(-a) = e^{-a^2/2} G(s) / (a + 4), s = (a - 4) / (a + 4), a = |x|
 * a^2/2 is split into an exact high part and a small low part so that e^{-a^2/2} keeps full
 * relative accuracy; Phi(-a) * w is rounded once. |x| is clamped to 16 (Phi(-16) < 2^-160).
 */
D4J_INLINE float d4j_vphi_mul(float x, float w) {
  float a = d4j_min_c(d4j_abs(x), 16.0f);
  /* small |x|: minimax for (Phi(x) - 1/2) / x in x^2 on [0, 1/2], rel. error 2.8e-8 */
  float x2 = x * x;
  float p = 0x1.ecc068p-12f;
  p = D4J_FMA(p, x2, -0x1.6649ecp-10f);
  p = D4J_FMA(p, x2, 0x1.47bd3ap-7f);
  p = D4J_FMA(p, x2, -0x1.1059b6p-4f);
  p = D4J_FMA(p, x2, 0x1.988454p-2f);
  float small = w * D4J_FMA(x, p, 0.5f);
  /* tail: G(s) = Phi(-a) e^{a^2/2} (a + 4), minimax in s on [a = 1/2, a = 16], 1.8e-8 */
  float inv = 1.0f / (a + 4.0f);
  float s = (a - 4.0f) * inv;
  float g = -0x1.5356acp-13f;
  g = D4J_FMA(g, s, -0x1.addf14p-13f);
  g = D4J_FMA(g, s, 0x1.73e504p-12f);
  g = D4J_FMA(g, s, 0x1.aae0bep-10f);
  g = D4J_FMA(g, s, -0x1.d5c2a4p-9f);
  g = D4J_FMA(g, s, -0x1.ee339cp-8f);
  g = D4J_FMA(g, s, 0x1.eeee4ap-5f);
  g = D4J_FMA(g, s, -0x1.7dff34p-3f);
  g = D4J_FMA(g, s, 0x1.8c6d68p-2f);
  g = D4J_FMA(g, s, -0x1.373e3ap-1f);
  g = D4J_FMA(g, s, 0x1.82b4bcp-1f);
  float q = g * inv; /* Phi(-a) e^{a^2/2} */
  /* a^2 = ah^2 + al (a + ah) with ah = a rounded to 12 bits: ah^2 is exact */
  float ah = d4j_u2f(d4j_f2u(a) & 0xfffff000u);
  float al = a - ah;
  float k;
  float m = d4j_vexp_nonpos_mk(-0.5f * (ah * ah), -0.5f * (al * (a + ah)), &k);
  float neg = ((w * q) * m) * k;              /* w Phi(x), x <= -1/2 */
  float pos = w * D4J_FMA(-q * m, k, 1.0f);   /* w (1 - Phi(-x)), x >= 1/2 */
  float tail = x < 0.0f ? neg : pos;
  return a < 0.5f ? small : tail;
}

/*
 * y = x - tanh(x); |x| < 1.5: x^3 P(x^2), minimax for (x - tanh x) / x^3 (rel. error 3e-8),
 * which avoids the cancellation of the direct form near 0.
 */
D4J_INLINE float d4j_vtanh_shrink(float x) {
  float x2 = x * x;
  float p = 0x1.fcd61cp-20f;
  p = D4J_FMA(p, x2, -0x1.9c6434p-16f);
  p = D4J_FMA(p, x2, 0x1.311336p-13f);
  p = D4J_FMA(p, x2, -0x1.1b792ap-11f);
  p = D4J_FMA(p, x2, 0x1.8ccecap-10f);
  p = D4J_FMA(p, x2, -0x1.e82894p-9f);
  p = D4J_FMA(p, x2, 0x1.26099ep-7f);
  p = D4J_FMA(p, x2, -0x1.671246p-6f);
  p = D4J_FMA(p, x2, 0x1.ba2fa6p-5f);
  p = D4J_FMA(p, x2, -0x1.111176p-3f);
  p = D4J_FMA(p, x2, 0x1.555556p-2f);
  float small = (x * x2) * p;
  float big = x - d4j_vtanh(x);
  return d4j_abs(x) < 1.5f ? small : big;
}

#endif /* D4J_VMATH_H_ */
