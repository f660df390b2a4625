// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.initializers;

import dev.dense4j.config.ConfigReader;
import dev.dense4j.internal.TensorCopy;
import dev.dense4j.tensor.Tensor;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keras' {@code Orthogonal(gain=1.0, seed=None)} ({@code "orthogonal"},
 * {@code "OrthogonalInitializer"}): a matrix with orthonormal columns (or rows, when it is wider
 * than tall), times {@code gain}.
 *
 * <p>With {@code rows = Π shape[:-1]} and {@code cols = shape[-1]}: draw a standard-normal matrix
 * of shape {@code (max(rows, cols), min(rows, cols))}, take the Q of its QR decomposition
 * (Householder, float64) with each column multiplied by the sign of R's diagonal entry, transpose
 * it when {@code rows < cols}, reshape to {@code shape}, multiply by {@code gain}. Rank ≥ 2 only.
 * The cost is {@code O(max·min²)} in float64 Java: about 5 s of CPU time for a 2048 × 2048
 * kernel and 40 s for 4096 × 4096, split over the cores. Config {@code {"seed", "gain"}}.
 * Seeds as in {@link RandomInitializer}.
 */
public final class Orthogonal extends RandomInitializer {

  private final double gain;

  /** Keras' defaults, unseeded. */
  public Orthogonal() {
    this(1.0, (Long) null);
  }

  /**
   * @param gain the multiplier; finite
   * @param seed an int seed, or null for one drawn now
   */
  public Orthogonal(double gain, Long seed) {
    super(seed);
    requireFinite("Orthogonal", "gain", gain);
    this.gain = gain;
  }

  /** As {@link #Orthogonal(double, Long)} with a stateful seed. */
  public Orthogonal(double gain, SeedGenerator seed) {
    super(seed);
    requireFinite("Orthogonal", "gain", gain);
    this.gain = gain;
  }

  public double gain() {
    return gain;
  }

  @Override
  public String className() {
    return "Orthogonal";
  }

  @Override
  public void initialize(Tensor target) {
    int[] shape = target.shape();
    if (shape.length < 2) {
      throw new IllegalArgumentException("Orthogonal: the shape must have rank >= 2; received shape "
          + Arrays.toString(shape));
    }
    long rows = target.size() / Math.max(1, shape[shape.length - 1]);
    int cols = shape[shape.length - 1];
    if (target.size() > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("Orthogonal: at most " + (Integer.MAX_VALUE - 8)
          + " elements; received shape " + Arrays.toString(shape));
    }
    if (target.size() == 0) {
      return;
    }
    int big = (int) Math.max(rows, cols);
    int small = (int) Math.min(rows, cols);
    float[] z = RandomFill.sample(big * small, nextStreamSeed(), RandomFill.Distribution.NORMAL, 0, 1);
    double[][] a = new double[small][big];
    for (int i = 0; i < big; i++) {
      for (int j = 0; j < small; j++) {
        a[j][i] = z[i * small + j]; // z is the (big × small) draw, row-major
      }
    }
    double[][] q = HouseholderQr.orthonormalFactor(a);
    float[] out = new float[(int) target.size()];
    boolean transpose = rows < cols;
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < cols; j++) {
        out[i * cols + j] = (float) (gain * (transpose ? q[i][j] : q[j][i]));
      }
    }
    TensorCopy.write(out, 0, target, 0, out.length);
  }

  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("seed", seedConfig());
    c.put("gain", gain);
    return c;
  }

  static Orthogonal fromConfig(ConfigReader r) {
    r.checkKeys(List.of("seed", "gain", "dtype"));
    double gain = r.getDouble("gain", 1.0);
    return withSeed(readSeed(r), s -> new Orthogonal(gain, s), g -> new Orthogonal(gain, g));
  }
}
