// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.initializers;

import dev.dense4j.config.ConfigReader;
import dev.dense4j.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keras' {@code TruncatedNormal(mean=0.0, stddev=0.05, seed=None)} ({@code "truncated_normal"}):
 * samples of {@code N(mean, stddev²)} restricted to {@code mean ± 2·stddev} (values outside are
 * drawn again), so {@code stddev} is the parameter before truncation and the standard deviation of
 * the values is {@code 0.8796…·stddev}. Config
 * {@code {"seed", "mean", "stddev"}}. Seeds as in {@link RandomInitializer}.
 */
public final class TruncatedNormal extends RandomInitializer {

  private final double mean;
  private final double stddev;

  /** Keras' defaults, unseeded. */
  public TruncatedNormal() {
    this(0.0, 0.05, (Long) null);
  }

  /**
   * @param mean the mean; finite
   * @param stddev the standard deviation; finite and {@code >= 0}
   * @param seed an int seed, or null for one drawn now
   */
  public TruncatedNormal(double mean, double stddev, Long seed) {
    super(seed);
    this.mean = mean;
    this.stddev = stddev;
    check();
  }

  /** As {@link #TruncatedNormal(double, double, Long)} with a stateful seed. */
  public TruncatedNormal(double mean, double stddev, SeedGenerator seed) {
    super(seed);
    this.mean = mean;
    this.stddev = stddev;
    check();
  }

  private void check() {
    requireFinite("TruncatedNormal", "mean", mean);
    requireFinite("TruncatedNormal", "stddev", stddev);
    if (stddev < 0) {
      throw new IllegalArgumentException("TruncatedNormal: stddev must be >= 0; received stddev=" + stddev);
    }
  }

  public double mean() {
    return mean;
  }

  public double stddev() {
    return stddev;
  }

  @Override
  public String className() {
    return "TruncatedNormal";
  }

  @Override
  public void initialize(Tensor target) {
    RandomFill.fill(target, nextStreamSeed(), RandomFill.Distribution.TRUNCATED_NORMAL, mean, stddev);
  }

  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("seed", seedConfig());
    c.put("mean", mean);
    c.put("stddev", stddev);
    return c;
  }

  static TruncatedNormal fromConfig(ConfigReader r) {
    r.checkKeys(List.of("seed", "mean", "stddev", "dtype"));
    double mean = r.getDouble("mean", 0.0);
    double stddev = r.getDouble("stddev", 0.05);
    return withSeed(readSeed(r), s -> new TruncatedNormal(mean, stddev, s), g -> new TruncatedNormal(mean, stddev, g));
  }
}
