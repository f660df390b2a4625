// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.initializers;

import dev.dense4j.config.ConfigReader;
import java.util.Map;

/**
 * Keras' {@code HeNormal(seed=None)} ({@code "he_normal"}): a truncated normal with
 * {@code stddev = sqrt(2 / fan_in) / 0.8796…},
 * i.e. {@code VarianceScaling(2.0, "fan_in", "truncated_normal")}. Config
 * {@code {"seed", "input_axes", "output_axes"}} (Keras before 3.15 writes only {@code seed}).
 */
public final class HeNormal extends VarianceScaling {

  /** Unseeded: the seed is drawn once, now. */
  public HeNormal() {
    this((Long) null, null, null);
  }

  public HeNormal(Long seed) {
    this(seed, null, null);
  }

  public HeNormal(SeedGenerator seed) {
    this(seed, null, null);
  }

  /** With the axes that define the fans (both or neither; see {@link Fans}). */
  public HeNormal(Long seed, int[] inputAxes, int[] outputAxes) {
    super(2.0, "fan_in", "truncated_normal", seed, inputAxes, outputAxes);
  }

  public HeNormal(SeedGenerator seed, int[] inputAxes, int[] outputAxes) {
    super(2.0, "fan_in", "truncated_normal", seed, inputAxes, outputAxes);
  }

  @Override
  public String className() {
    return "HeNormal";
  }

  @Override
  public Map<String, Object> getConfig() {
    return presetConfig();
  }

  static HeNormal fromConfig(ConfigReader r) {
    return presetFromConfig(r, HeNormal::new, HeNormal::new);
  }
}
