// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.testing;

import dev.dense4j.constraints.Constraint;
import dev.dense4j.tensor.Tensor;

/** Test-local constraints (spec §5.1), computed in float64. */
public final class TestConstraints {

  private TestConstraints() {}

  static final double EPSILON = 1e-7;

  /** {@code MaxNorm(maxValue, axis=0)} on a rank-2 kernel: each column scaled by {@code clip(N, 0, max) / (ε + N)}. */
  public static Constraint maxNorm(double maxValue) {
    return new Constraint() {
      @Override
      public String className() {
        return "MaxNorm";
      }

      @Override
      public void apply(Tensor w) {
        int rows = w.dim(0);
        int cols = w.dim(1);
        for (int j = 0; j < cols; j++) {
          double n = columnNorm(w, j);
          double scale = Math.min(n, maxValue) / (EPSILON + n);
          for (int i = 0; i < rows; i++) {
            w.setFlat((long) i * cols + j, (float) (w.getFlat((long) i * cols + j) * scale));
          }
        }
      }
    };
  }

  /** The L2 norm of column {@code j} of a rank-2 tensor. */
  public static double columnNorm(Tensor w, int j) {
    int cols = w.dim(1);
    double s = 0;
    for (int i = 0; i < w.dim(0); i++) {
      double v = w.getFlat((long) i * cols + j);
      s += v * v;
    }
    return Math.sqrt(s);
  }

  /** {@code NonNeg}: {@code max(w, 0)}. */
  public static Constraint nonNeg() {
    return elementwise("NonNeg", 0, Double.POSITIVE_INFINITY);
  }

  /** A clip to {@code [lo, hi]}, element-wise. */
  public static Constraint clip(double lo, double hi) {
    return elementwise("Clip", lo, hi);
  }

  private static Constraint elementwise(String name, double lo, double hi) {
    return new Constraint() {
      @Override
      public String className() {
        return name;
      }

      @Override
      public void apply(Tensor w) {
        for (long i = 0; i < w.size(); i++) {
          w.setFlat(i, (float) Math.min(Math.max(w.getFlat(i), lo), hi));
        }
      }
    };
  }
}
