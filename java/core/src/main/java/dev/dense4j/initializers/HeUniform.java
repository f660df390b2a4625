// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.initializers;

import dev.dense4j.config.ConfigReader;
import java.util.Map;

/**
 * Keras' {@code HeUniform(seed=None)} ({@code "he_uniform"}): {@code U[−limit, limit)} with
 * {@code limit = sqrt(6 / fan_in)},
 * i.e. {@code VarianceScaling(2.0, "fan_in", "uniform")}. Config
 * {@code {"seed", "input_axes", "output_axes"}} (Keras before 3.15 writes only {@code seed}).
 */
public final class HeUniform extends VarianceScaling {

  /** Unseeded: the seed is drawn once, now. */
  public HeUniform() {
    this((Long) null, null, null);
  }

  public HeUniform(Long seed) {
    this(seed, null, null);
  }

  public HeUniform(SeedGenerator seed) {
    this(seed, null, null);
  }

  /** With the axes that define the fans (both or neither; see {@link Fans}). */
  public HeUniform(Long seed, int[] inputAxes, int[] outputAxes) {
    super(2.0, "fan_in", "uniform", seed, inputAxes, outputAxes);
  }

  public HeUniform(SeedGenerator seed, int[] inputAxes, int[] outputAxes) {
    super(2.0, "fan_in", "uniform", seed, inputAxes, outputAxes);
  }

  @Override
  public String className() {
    return "HeUniform";
  }

  @Override
  public Map<String, Object> getConfig() {
    return presetConfig();
  }

  static HeUniform fromConfig(ConfigReader r) {
    return presetFromConfig(r, HeUniform::new, HeUniform::new);
  }
}
