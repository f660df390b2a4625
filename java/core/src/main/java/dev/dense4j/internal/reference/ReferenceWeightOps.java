// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.internal.reference;

import static java.lang.foreign.ValueLayout.JAVA_FLOAT;

import dev.dense4j.internal.NormConstraintKind;
import java.lang.foreign.MemorySegment;

/**
 * Naive float64 versions of the weight penalties and projections: the oracle of the native
 * kernels. Matrices are dense row-major {@code m×n}.
 */
final class ReferenceWeightOps {

  private ReferenceWeightOps() {}

  // l1·Σ|x| + l2·Σx²
  static double l1l2Penalty(float l1, float l2, long m, int n, MemorySegment x) {
    double abs = 0;
    double sq = 0;
    for (long i = 0, size = m * n; i < size; i++) {
      double v = x.getAtIndex(JAVA_FLOAT, i);
      abs += Math.abs(v);
      sq += v * v;
    }
    double p = 0;
    if (l1 != 0) {
      p += l1 * abs;
    }
    if (l2 != 0) {
      p += l2 * sq;
    }
    return p;
  }

  // g += l1·sign(x) + 2·l2·x
  static void l1l2GradAcc(float l1, float l2, long m, int n, MemorySegment x, MemorySegment g) {
    for (long i = 0, size = m * n; i < size; i++) {
      double v = x.getAtIndex(JAVA_FLOAT, i);
      double d = g.getAtIndex(JAVA_FLOAT, i);
      if (l1 != 0) {
        d += l1 * Math.signum(v);
      }
      if (l2 != 0) {
        d += 2.0 * l2 * v;
      }
      g.setAtIndex(JAVA_FLOAT, i, (float) d);
    }
  }

  // w = w·[w >= 0]
  static void nonNeg(long m, int n, MemorySegment w) {
    for (long i = 0, size = m * n; i < size; i++) {
      float v = w.getAtIndex(JAVA_FLOAT, i);
      w.setAtIndex(JAVA_FLOAT, i, v * (v >= 0 ? 1f : 0f));
    }
  }

  // each column (axis 0) or row (axis 1) scaled by desired(N) / (ε + N)
  static void normConstraint(NormConstraintKind kind, float min, float max, float rate, int axis, long m, int n,
      MemorySegment w) {
    long slices = axis == 0 ? n : m;
    long length = axis == 0 ? m : n;
    long stride = axis == 0 ? n : 1;
    for (long s = 0; s < slices; s++) {
      long base = axis == 0 ? s : s * n;
      double sq = 0;
      for (long t = 0; t < length; t++) {
        double v = w.getAtIndex(JAVA_FLOAT, base + t * stride);
        sq += v * v;
      }
      double f = kind.scale(min, max, rate, Math.sqrt(sq));
      for (long t = 0; t < length; t++) {
        long i = base + t * stride;
        w.setAtIndex(JAVA_FLOAT, i, (float) (w.getAtIndex(JAVA_FLOAT, i) * f));
      }
    }
  }
}
