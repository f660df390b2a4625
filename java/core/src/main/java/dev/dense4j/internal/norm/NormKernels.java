// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.internal.norm;

import static java.lang.foreign.ValueLayout.JAVA_FLOAT;

import java.lang.foreign.MemorySegment;

/**
 * The normalization layers' passes over rows of {@code c} channels (the last axis), in pure Java:
 * the one implementation on every backend (one pass each, memory-bound; see the README on why no C
 * kernel), and so also the reference the tests compare against float64 formulas. Callers check
 * sizes; the kernels trust them. {@code x} and {@code y} may be the same segment.
 */
public final class NormKernels {

  private NormKernels() {}

  // y[r, j] = x[r, j] · st[j] + st[c + j]   (st: the scales, then the shifts)
  public static void affine(long rows, int c, MemorySegment x, MemorySegment y, float[] st) {
    long o = 0;
    for (long r = 0; r < rows; r++) {
      for (int j = 0; j < c; j++, o += Float.BYTES) {
        y.set(JAVA_FLOAT, o, x.get(JAVA_FLOAT, o) * st[j] + st[c + j]);
      }
    }
  }

  // y[r, j] = x[r, j] · st[j]   (the affine map's gradient)
  public static void scale(long rows, int c, MemorySegment x, MemorySegment y, float[] st) {
    long o = 0;
    for (long r = 0; r < rows; r++) {
      for (int j = 0; j < c; j++, o += Float.BYTES) {
        y.set(JAVA_FLOAT, o, x.get(JAVA_FLOAT, o) * st[j]);
      }
    }
  }

  /**
   * Keras' layer normalization of each row: {@code inv = rsqrt(var + eps)·gamma},
   * {@code y = x·inv + (beta − mean·inv)}; with {@code rms} (Keras' {@code rms_scaling}, which
   * scales by the variance, not the mean square) {@code y = x·rsqrt(var + eps)·gamma}. Mean and
   * (biased) variance are summed in double. {@code gamma}/{@code beta} may be null.
   */
  public static void layerNorm(long rows, int c, MemorySegment x, MemorySegment y, MemorySegment gamma,
      MemorySegment beta, float epsilon, boolean rms) {
    for (long r = 0; r < rows; r++) {
      long base = r * c * Float.BYTES;
      double inv = rowInverseStd(x, base, c, epsilon);
      double mean = rms ? 0 : rowMean(x, base, c);
      for (int j = 0; j < c; j++) {
        long o = base + (long) j * Float.BYTES;
        double g = gamma == null ? 1 : gamma.getAtIndex(JAVA_FLOAT, j);
        double b = beta == null || rms ? 0 : beta.getAtIndex(JAVA_FLOAT, j);
        y.set(JAVA_FLOAT, o, (float) ((x.get(JAVA_FLOAT, o) - mean) * inv * g + b));
      }
    }
  }

  static double rowMean(MemorySegment x, long base, int c) {
    double sum = 0;
    for (int j = 0; j < c; j++) {
      sum += x.get(JAVA_FLOAT, base + (long) j * Float.BYTES);
    }
    return sum / c;
  }

  // 1 / sqrt(var + eps) of one row, with the biased variance
  static double rowInverseStd(MemorySegment x, long base, int c, float epsilon) {
    double mean = rowMean(x, base, c);
    double ss = 0;
    for (int j = 0; j < c; j++) {
      double d = x.get(JAVA_FLOAT, base + (long) j * Float.BYTES) - mean;
      ss += d * d;
    }
    return 1 / Math.sqrt(ss / c + epsilon);
  }
}
