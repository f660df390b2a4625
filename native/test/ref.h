/* SPDX-License-Identifier: Apache-2.0 */
/*
 * ref.h: float64 references of the activations, written from spec §2.2/§2.3 with libm double
 * and independently of src/, plus the error metric, the input pools and a seeded RNG shared
 * by the tests and d4j_error_report.
 */
#ifndef D4J_TEST_REF_H_
#define D4J_TEST_REF_H_

#include <stddef.h>
#include <stdint.h>

#include "dense4j.h"

typedef struct ref_case ref_case;

/* One activation with fixed parameters, its reference and its tolerance. */
struct ref_case {
  const char *label; /* e.g. "relu(s=0.5,m=5,t=5)" */
  int32_t act;
  float p0, p1, p2;
  double (*f)(double x, const ref_case *c); /* element-wise reference (x not NaN) */
  double tol_ulp; /* allowed error, in float ulps of the reference ... */
  double tol_abs; /* ... or absolute, times max(1, |x|) (0: ulps only) */
};

extern const ref_case ref_eltwise_cases[];
extern const int ref_eltwise_count;

/* The reference value of an element-wise case: NaN for a NaN input, else c->f(x, c). */
double ref_eval(const ref_case *c, double x);

/* Distance between neighbouring floats at |r| (2^-149 in the subnormal range). */
double ref_ulp(double r);

/*
 * |y - r| in float ulps of r. Both NaN: 0; only one NaN: +inf. y = +-inf against a finite r
 * counts as +-2^128 (so FLT_MAX vs. inf is about one ulp, as it should be).
 */
double ref_err_ulp(float y, double r);

/* 1 when y is within the tolerance of case c for the input x and the reference r. */
int ref_within(const ref_case *c, float x, float y, double r);

/* Writes the standard input pool into out (cap >= REF_POOL_MAX); returns its length. */
#define REF_POOL_MAX 20000
size_t ref_inputs(float *out, size_t cap);

/* splitmix64: a seeded generator for reproducible test data. */
uint64_t ref_rng_next(uint64_t *state);
double ref_rng_uniform(uint64_t *state, double lo, double hi); /* [lo, hi) */

/* Row-wise references in double, on the already biased row z[0, n). */
void ref_softmax(const float *z, int64_t n, double *out);
void ref_log_softmax(const float *z, int64_t n, double *out);
void ref_glu(const float *z, int64_t n, double *out); /* out[0, n/2) */
void ref_sparsemax(const float *z, int64_t n, double *out); /* sort-based, spec §2.2 */

const char *ref_isa_name(int32_t isa);

#endif /* D4J_TEST_REF_H_ */
