// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.initializers;

import dev.dense4j.config.ConfigReader;

/**
 * Keras' {@code TruncatedNormal(mean=0.0, stddev=0.05, seed=None)} ({@code "truncated_normal"}):
 * samples of {@code N(mean, stddev²)} restricted to {@code mean ± 2·stddev} (values outside are
 * drawn again), so {@code stddev} is the parameter before truncation and the standard deviation of
 * the values is {@code 0.8796…·stddev}. Config
 * {@code {"seed", "mean", "stddev"}}. Seeds as in {@link RandomInitializer}.
 */
public final class TruncatedNormal extends NormalInitializer {

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
    super(mean, stddev, seed, null, RandomFill.Distribution.TRUNCATED_NORMAL);
  }

  /** As {@link #TruncatedNormal(double, double, Long)} with a stateful seed. */
  public TruncatedNormal(double mean, double stddev, SeedGenerator seed) {
    super(mean, stddev, null, seed, RandomFill.Distribution.TRUNCATED_NORMAL);
  }

  @Override
  public String className() {
    return "TruncatedNormal";
  }

  static TruncatedNormal fromConfig(ConfigReader r) {
    return normalFromConfig(r, TruncatedNormal::new, TruncatedNormal::new);
  }
}
