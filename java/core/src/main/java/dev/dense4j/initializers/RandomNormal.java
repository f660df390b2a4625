// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.initializers;

import dev.dense4j.config.ConfigReader;

/**
 * Keras' {@code RandomNormal(mean=0.0, stddev=0.05, seed=None)} ({@code "random_normal"},
 * {@code "normal"}): samples of {@code N(mean, stddev²)}. Config
 * {@code {"seed", "mean", "stddev"}}. Seeds as in {@link RandomInitializer}.
 */
public final class RandomNormal extends NormalInitializer {

  /** Keras' defaults, unseeded. */
  public RandomNormal() {
    this(0.0, 0.05, (Long) null);
  }

  /**
   * @param mean the mean; finite
   * @param stddev the standard deviation; finite and {@code >= 0}
   * @param seed an int seed, or null for one drawn now
   */
  public RandomNormal(double mean, double stddev, Long seed) {
    super(mean, stddev, seed, null, RandomFill.Distribution.NORMAL);
  }

  /** As {@link #RandomNormal(double, double, Long)} with a stateful seed. */
  public RandomNormal(double mean, double stddev, SeedGenerator seed) {
    super(mean, stddev, null, seed, RandomFill.Distribution.NORMAL);
  }

  @Override
  public String className() {
    return "RandomNormal";
  }

  static RandomNormal fromConfig(ConfigReader r) {
    return normalFromConfig(r, RandomNormal::new, RandomNormal::new);
  }
}
