/* SPDX-License-Identifier: Apache-2.0 */
/*
 * check.h: a minimal assertion kit for the C tests. CHECK* record a failure (printing the
 * first ones) and go on; check_summary() prints the CTest-visible line and the exit code.
 */
#ifndef D4J_TEST_CHECK_H_
#define D4J_TEST_CHECK_H_

#include <stdio.h>

static long check_count;
static long check_failed;

static void check_fail_at(const char *file, int line, const char *what) {
  check_failed++;
  if (check_failed <= 25) fprintf(stderr, "%s:%d: FAILED: %s\n", file, line, what);
  if (check_failed == 25) fprintf(stderr, "(further failures not printed)\n");
}

/* CHECK(cond, fmt, ...): fmt/args describe the case when it fails (may be just ""). */
#define CHECK(cond, ...)                                                  \
  do {                                                                    \
    check_count++;                                                        \
    if (!(cond)) {                                                        \
      check_fail_at(__FILE__, __LINE__, #cond);                           \
      if (check_failed <= 25) {                                           \
        fprintf(stderr, "    ");                                          \
        fprintf(stderr, __VA_ARGS__);                                     \
        fprintf(stderr, "\n");                                            \
      }                                                                   \
    }                                                                     \
  } while (0)

#define CHECK_EQ_INT(actual, expected, ...)                                                \
  do {                                                                                     \
    long long a_ = (long long)(actual), e_ = (long long)(expected);                       \
    CHECK(a_ == e_, "got %lld, expected %lld: ", a_, e_);                                  \
    if (a_ != e_ && check_failed <= 25) {                                                  \
      fprintf(stderr, "    ");                                                             \
      fprintf(stderr, __VA_ARGS__);                                                        \
      fprintf(stderr, "\n");                                                               \
    }                                                                                      \
  } while (0)

/* Prints "<name>: N passed, M failed" and returns the process exit code. */
static int check_summary(const char *name) {
  printf("%s: %ld passed, %ld failed\n", name, check_count - check_failed, check_failed);
  return check_failed == 0 ? 0 : 1;
}

#endif /* D4J_TEST_CHECK_H_ */
