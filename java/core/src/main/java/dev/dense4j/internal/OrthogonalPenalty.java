// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.internal;

import static java.lang.foreign.ValueLayout.JAVA_FLOAT;

import dev.dense4j.tensor.Tensor;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * The arithmetic of {@code OrthogonalRegularizer} for a rank-2 {@code x}, seen as {@code r}
 * vectors of length {@code c} (its rows, or its columns in {@code columns} mode). The two Gram
 * products run as GEMMs on the backend's kernels; the rest is float64.
 */
final class OrthogonalPenalty {

  private static final double EPSILON = 1e-7f; // Keras' backend.epsilon(), a float32

  private final int r;
  private final int c;
  private final boolean rows;

  OrthogonalPenalty(Tensor x, boolean rows) {
    this.rows = rows;
    this.r = rows ? x.dim(0) : x.dim(1);
    this.c = rows ? x.dim(1) : x.dim(0);
  }

  /**
   * Returns {@code factor · 0.5 · Σ_{i≠j} |P_ij| / (r(r−1)/2)} with {@code P = U·Uᵀ} and
   * {@code U} the vectors normalized by {@code sqrt(max(Σu², ε²))}; when {@code grad} is not null
   * it also adds the gradient to it. NaN for a single vector, as in Keras (0 / 0).
   */
  double compute(float factor, Tensor x, Tensor grad, Kernels kernels) {
    double[] norms = new double[r];
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment u = arena.allocate((long) r * c * Float.BYTES, 64);
      MemorySegment ut = arena.allocate((long) c * r * Float.BYTES, 64);
      MemorySegment p = arena.allocate((long) r * r * Float.BYTES, 64);
      normalize(x, norms, u, ut);
      kernels.sgemm(r, r, c, u, ut, p);
      double sum = 0;
      for (int i = 0; i < r; i++) {
        for (int j = 0; j < r; j++) {
          if (i != j) {
            sum += Math.abs(p.getAtIndex(JAVA_FLOAT, (long) i * r + j));
          }
        }
      }
      double numPairs = r * (r - 1.0) / 2.0;
      double penalty = factor * 0.5 * sum / numPairs;
      if (grad != null) {
        addGradient(factor / (r * (r - 1.0)), norms, p, u, grad, kernels, arena);
      }
      return penalty;
    }
  }

  // u_i = x_i / sqrt(max(|x_i|², ε²)); ut = uᵀ
  private void normalize(Tensor x, double[] norms, MemorySegment u, MemorySegment ut) {
    MemorySegment xs = x.segment();
    for (int i = 0; i < r; i++) {
      double s = 0;
      for (int k = 0; k < c; k++) {
        double v = xs.getAtIndex(JAVA_FLOAT, index(i, k));
        s += v * v;
      }
      norms[i] = Math.sqrt(Math.max(s, EPSILON * EPSILON));
      for (int k = 0; k < c; k++) {
        float v = (float) (xs.getAtIndex(JAVA_FLOAT, index(i, k)) / norms[i]);
        u.setAtIndex(JAVA_FLOAT, (long) i * c + k, v);
        ut.setAtIndex(JAVA_FLOAT, (long) k * r + i, v);
      }
    }
  }

  // dL/dU = 2·scale·S·U with S = sign(P) off the diagonal; then through the normalization:
  // dx_i = (g_i − (g_i·u_i)·u_i) / |x_i| when |x_i| > ε, else g_i / ε
  private void addGradient(double scale, double[] norms, MemorySegment p, MemorySegment u, Tensor grad,
      Kernels kernels, Arena arena) {
    MemorySegment s = arena.allocate((long) r * r * Float.BYTES, 64);
    for (int i = 0; i < r; i++) {
      for (int j = 0; j < r; j++) {
        float v = i == j ? 0f : Math.signum(p.getAtIndex(JAVA_FLOAT, (long) i * r + j));
        s.setAtIndex(JAVA_FLOAT, (long) i * r + j, v);
      }
    }
    MemorySegment gu = arena.allocate((long) r * c * Float.BYTES, 64);
    kernels.sgemm(r, c, r, s, u, gu);
    MemorySegment gs = grad.segment();
    for (int i = 0; i < r; i++) {
      double dot = 0;
      for (int k = 0; k < c; k++) {
        dot += 2 * scale * gu.getAtIndex(JAVA_FLOAT, (long) i * c + k) * u.getAtIndex(JAVA_FLOAT, (long) i * c + k);
      }
      boolean clamped = norms[i] <= EPSILON;
      for (int k = 0; k < c; k++) {
        double g = 2 * scale * gu.getAtIndex(JAVA_FLOAT, (long) i * c + k);
        double d = clamped ? g / EPSILON : (g - dot * u.getAtIndex(JAVA_FLOAT, (long) i * c + k)) / norms[i];
        long at = index(i, k);
        gs.setAtIndex(JAVA_FLOAT, at, (float) (gs.getAtIndex(JAVA_FLOAT, at) + d));
      }
    }
  }

  // flat index in x of element k of vector i
  private long index(int i, int k) {
    return rows ? (long) i * c + k : (long) k * r + i;
  }
}
