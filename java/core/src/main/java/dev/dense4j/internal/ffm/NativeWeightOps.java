// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.internal.ffm;

import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;

import dev.dense4j.internal.NormConstraintKind;
import dev.dense4j.internal.ffm.bindings.Dense4jH;
import java.lang.foreign.MemorySegment;

/**
 * The weight penalties and projections of {@link NativeKernels}, on libdense4j. Matrices are dense
 * ({@code ld = n}); calls over off-heap memory larger than {@link #SHORT_ELEMENTS} are ordinary
 * downcalls, the rest critical (which also lets heap segments pass without a copy).
 */
final class NativeWeightOps {

  /** Elements above which a pass counts as long (about a millisecond of memory traffic). */
  static final long SHORT_ELEMENTS = 1L << 20;

  private NativeWeightOps() {}

  static double l1l2Penalty(float l1, float l2, long m, int n, MemorySegment x) {
    MemorySegment out = ScalarOut.get();
    int status = Dense4jH.d4j_f32_l1l2_penalty(critical(m, n, x), l1, l2, m, n, x, Math.max(1, n), out);
    if (status != Dense4jH.D4J_OK) {
      throw failure(status, "d4j_f32_l1l2_penalty(l1=" + l1 + ", l2=" + l2 + ", m=" + m + ", n=" + n + ")");
    }
    return out.get(JAVA_DOUBLE, 0);
  }

  static void l1l2GradAcc(float l1, float l2, long m, int n, MemorySegment x, MemorySegment g) {
    boolean critical = critical(m, n, x) || !g.isNative();
    int status = Dense4jH.d4j_f32_l1l2_grad_acc(critical, l1, l2, m, n, x, Math.max(1, n), g, Math.max(1, n));
    if (status != Dense4jH.D4J_OK) {
      throw failure(status, "d4j_f32_l1l2_grad_acc(l1=" + l1 + ", l2=" + l2 + ", m=" + m + ", n=" + n + ")");
    }
  }

  static void nonNeg(long m, int n, MemorySegment w) {
    int status = Dense4jH.d4j_f32_nonneg(critical(m, n, w), m, n, w, Math.max(1, n));
    if (status != Dense4jH.D4J_OK) {
      throw failure(status, "d4j_f32_nonneg(m=" + m + ", n=" + n + ")");
    }
  }

  static void normConstraint(NormConstraintKind kind, float minValue, float maxValue, float rate, int axis,
      long m, int n, MemorySegment w) {
    int status = Dense4jH.d4j_f32_norm_constraint(critical(m, n, w), kind.code(), minValue, maxValue, rate,
        axis, m, n, w, Math.max(1, n));
    if (status != Dense4jH.D4J_OK) {
      throw failure(status, "d4j_f32_norm_constraint(kind=" + kind + ", min_value=" + minValue + ", max_value="
          + maxValue + ", rate=" + rate + ", axis=" + axis + ", m=" + m + ", n=" + n + ")");
    }
  }

  private static boolean critical(long m, int n, MemorySegment s) {
    return m * n <= SHORT_ELEMENTS || !s.isNative();
  }

  // the call's description is built only on failure: a string per call would be an allocation per step
  private static IllegalStateException failure(int status, String call) {
    return new IllegalStateException(NativeStatus.describe(status) + " from " + call);
  }
}
