/* SPDX-License-Identifier: Apache-2.0 */
/*
 * sanitizer_canary.c: built only with D4J_SANITIZE. It commits one error of the kind named on
 * its command line, so CTest can check that the sanitizer build really reports it; a clean run
 * of the other tests then means something.
 *   sanitizer_canary address     reads one float past a heap block
 *   sanitizer_canary undefined   overflows a signed 32-bit addition
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static volatile int32_t opaque_count = 4; /* volatile: the compiler cannot see the error */

static int heap_overflow(void) {
  int32_t n = opaque_count;
  float *p = malloc(sizeof(float) * (size_t)n);
  if (p == NULL) return 2;
  memset(p, 0, sizeof(float) * (size_t)n);
  volatile float past_end = p[n];
  free(p);
  return past_end == 0.0f ? 0 : 1;
}

static int signed_overflow(void) {
  int32_t big = INT32_MAX - 3 + opaque_count; /* INT32_MAX + 1 */
  return big < 0 ? 0 : 1;
}

int main(int argc, char **argv) {
  if (argc == 2 && strcmp(argv[1], "address") == 0) return heap_overflow();
  if (argc == 2 && strcmp(argv[1], "undefined") == 0) return signed_overflow();
  fprintf(stderr, "usage: sanitizer_canary address|undefined\n");
  return 2;
}
