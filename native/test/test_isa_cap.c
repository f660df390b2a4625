/* SPDX-License-Identifier: Apache-2.0 */
/*
 * test_isa_cap.c: linked against a test-only static build of the library that believes the
 * CPU stops at the portable level (D4J_TEST_MAX_ISA=1), so D4J_ERR_UNSUPPORTED_CPU and the
 * fallback of d4j_isa_best can be exercised on any machine.
 */
#include <math.h>

#include "check.h"
#include "dense4j.h"
#include "dense4j_testing.h"

int main(void) {
  float y[8] = {-2, -1, 0, 1, 2, 3, 4, 5};
  CHECK_EQ_INT(d4j_isa_best(), D4J_ISA_PORTABLE, "capped best");
  CHECK_EQ_INT(d4j_isa_supported(D4J_ISA_PORTABLE), 1, "portable");
  for (int32_t isa = D4J_ISA_AVX2; isa <= D4J_ISA_AVX512_BF16; ++isa) {
    CHECK_EQ_INT(d4j_isa_supported(isa), 0, "isa %d", isa);
    CHECK_EQ_INT(d4j_f32_bias_act_isa(D4J_ACT_RELU, 0, INFINITY, 0, 1, 8, y, 8, NULL, isa),
                 D4J_ERR_UNSUPPORTED_CPU, "isa %d", isa);
    /* argument errors still win over the unsupported ISA */
    CHECK_EQ_INT(d4j_f32_bias_act_isa(D4J_ACT_RELU, 0, INFINITY, 0, -1, 8, y, 8, NULL, isa), -5,
                 "isa %d, m=-1", isa);
  }
  CHECK(y[0] == -2.0f, "unsupported call wrote to y");
  CHECK_EQ_INT(d4j_f32_bias_act(D4J_ACT_RELU, 0, INFINITY, 0, 1, 8, y, 8, NULL), D4J_OK, "best");
  CHECK(y[0] == 0.0f && y[7] == 5.0f, "relu via the portable kernels");
  return check_summary("test_isa_cap");
}
