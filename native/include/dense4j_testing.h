/* SPDX-License-Identifier: Apache-2.0 */
/*
 * dense4j_testing.h: hooks of libdense4j for its own tests and benchmarks. They are exported so
 * that the C tests, the Java tests and the JMH benchmarks can reach them, but they are not part
 * of the public ABI of dense4j.h: no compatibility promise, not for applications.
 */
#ifndef D4J_D4J_TESTING_H_
#define D4J_D4J_TESTING_H_

#include <stdint.h>

#include "dense4j.h"

#ifdef __cplusplus
extern "C" {
#endif

/* As d4j_f32_bias_act, with the ISA level forced. Returns -10 when `isa` is not a d4j_isa code
 * (every other -k wins over it), then D4J_ERR_UNSUPPORTED_CPU when the level is not supported
 * (also for empty work). */
D4J_API int32_t d4j_f32_bias_act_isa(int32_t act, float p0, float p1, float p2, int64_t m,
                                     int64_t n, float *y, int64_t ldy, const float *bias,
                                     int32_t isa);

/* As d4j_packed_dense, with the ISA level forced: -17 when `isa` is not a d4j_isa code (every
 * other -k wins over it), then D4J_ERR_UNSUPPORTED_CPU when the level is not supported. */
D4J_API int32_t d4j_packed_dense_isa(int32_t precision, int32_t act, float p0, float p1, float p2,
                                     int64_t m, int64_t k, int64_t n, const float *x, int64_t ldx,
                                     const void *packed, const float *bias, float *y, int64_t ldy,
                                     void *scratch, int64_t scratch_bytes, int32_t isa);

#ifdef __cplusplus
}
#endif

#endif /* D4J_D4J_TESTING_H_ */
