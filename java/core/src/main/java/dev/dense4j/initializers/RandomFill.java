// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.initializers;

import dev.dense4j.internal.TensorCopy;
import dev.dense4j.tensor.Tensor;

/**
 * Seeded random fills, identical on every run, JDK and platform.
 *
 * <p>The flat row-major elements are cut into blocks of {@value #BLOCK}; block {@code b} draws
 * from a {@link SplitMix64} started at {@code mix(streamSeed + (b + 1) · GOLDEN_GAMMA)}, so blocks
 * are independent and each is filled into a {@code float[]} and copied into the tensor in bulk.
 * Uniform values are {@code lo + (hi − lo)·u} with {@code u} of 53 bits; normal values come from
 * Marsaglia's polar method ({@code StrictMath.log}, correctly rounded {@code sqrt}), both values of
 * a pair used in turn; a truncated normal redraws any {@code |z| > 2}. Arithmetic is in float64,
 * rounded once to float32.
 */
final class RandomFill {

  static final int BLOCK = 4096;

  enum Distribution { UNIFORM, NORMAL, TRUNCATED_NORMAL }

  private RandomFill() {}

  /**
   * Fills {@code target}: uniform on {@code [a, b)}, or normal / truncated normal with mean
   * {@code a} and standard deviation {@code b} (before truncation).
   */
  static void fill(Tensor target, long streamSeed, Distribution d, double a, double b) {
    long n = target.size();
    float[] buf = new float[(int) Math.min(BLOCK, n)];
    for (long start = 0, block = 0; start < n; start += BLOCK, block++) {
      int len = (int) Math.min(BLOCK, n - start);
      fillBlock(blockRng(streamSeed, block), d, a, b, buf, 0, len);
      TensorCopy.write(buf, 0, target, start, len);
    }
  }

  /** The same values {@link #fill} would write into a tensor of {@code n} elements, on the heap. */
  static float[] sample(int n, long streamSeed, Distribution d, double a, double b) {
    float[] out = new float[n];
    for (int start = 0, block = 0; start < n; start += BLOCK, block++) {
      fillBlock(blockRng(streamSeed, block), d, a, b, out, start, Math.min(BLOCK, n - start));
    }
    return out;
  }

  private static SplitMix64 blockRng(long streamSeed, long block) {
    return new SplitMix64(SplitMix64.mix(streamSeed + (block + 1) * SplitMix64.GOLDEN_GAMMA));
  }

  private static void fillBlock(SplitMix64 rng, Distribution d, double a, double b, float[] out, int off, int len) {
    switch (d) {
      case UNIFORM -> {
        double width = b - a;
        for (int i = 0; i < len; i++) {
          out[off + i] = (float) (a + width * rng.nextDouble());
        }
      }
      case NORMAL -> fillNormal(rng, a, b, Double.POSITIVE_INFINITY, out, off, len);
      case TRUNCATED_NORMAL -> fillNormal(rng, a, b, 2.0, out, off, len);
    }
  }

  // out[i] = mean + sd·z, z standard normal with |z| <= cut (redrawn otherwise)
  private static void fillNormal(SplitMix64 rng, double mean, double sd, double cut, float[] out, int off, int len) {
    int i = 0;
    while (i < len) {
      double u;
      double v;
      double s;
      do {
        u = 2 * rng.nextDouble() - 1;
        v = 2 * rng.nextDouble() - 1;
        s = u * u + v * v;
      } while (s >= 1 || s == 0);
      double f = Math.sqrt(-2 * StrictMath.log(s) / s);
      double z0 = u * f;
      double z1 = v * f;
      if (Math.abs(z0) <= cut) {
        out[off + i++] = (float) (mean + sd * z0);
      }
      if (i < len && Math.abs(z1) <= cut) {
        out[off + i++] = (float) (mean + sd * z1);
      }
    }
  }
}
