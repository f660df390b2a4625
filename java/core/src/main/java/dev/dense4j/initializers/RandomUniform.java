// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.initializers;

import dev.dense4j.config.ConfigReader;
import dev.dense4j.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keras' {@code RandomUniform(minval=-0.05, maxval=0.05, seed=None)} ({@code "random_uniform"},
 * {@code "uniform"}): samples of {@code U[minval, maxval)} (up to the float32 rounding of the upper
 * end). Config {@code {"seed", "minval", "maxval"}}. Seeds as in {@link RandomInitializer}.
 */
public final class RandomUniform extends RandomInitializer {

  private final double minval;
  private final double maxval;

  /** Keras' defaults, unseeded. */
  public RandomUniform() {
    this(-0.05, 0.05, (Long) null);
  }

  /**
   * @param minval the lower bound (inclusive); finite
   * @param maxval the upper bound (exclusive); finite, {@code >= minval}
   * @param seed an int seed, or null for one drawn now
   */
  public RandomUniform(double minval, double maxval, Long seed) {
    super(seed);
    this.minval = minval;
    this.maxval = maxval;
    check();
  }

  /** As {@link #RandomUniform(double, double, Long)} with a stateful seed. */
  public RandomUniform(double minval, double maxval, SeedGenerator seed) {
    super(seed);
    this.minval = minval;
    this.maxval = maxval;
    check();
  }

  private void check() {
    requireFinite("RandomUniform", "minval", minval);
    requireFinite("RandomUniform", "maxval", maxval);
    if (minval > maxval) {
      throw new IllegalArgumentException("RandomUniform: minval must be <= maxval; received minval="
          + minval + ", maxval=" + maxval);
    }
  }

  public double minval() {
    return minval;
  }

  public double maxval() {
    return maxval;
  }

  @Override
  public String className() {
    return "RandomUniform";
  }

  @Override
  public void initialize(Tensor target) {
    RandomFill.fill(target, nextStreamSeed(), RandomFill.Distribution.UNIFORM, minval, maxval);
  }

  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("seed", seedConfig());
    c.put("minval", minval);
    c.put("maxval", maxval);
    return c;
  }

  static RandomUniform fromConfig(ConfigReader r) {
    r.checkKeys(List.of("seed", "minval", "maxval", "dtype"));
    double lo = r.getDouble("minval", -0.05);
    double hi = r.getDouble("maxval", 0.05);
    return withSeed(readSeed(r), s -> new RandomUniform(lo, hi, s), g -> new RandomUniform(lo, hi, g));
  }
}
