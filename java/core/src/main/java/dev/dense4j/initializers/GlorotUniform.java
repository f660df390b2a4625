// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.initializers;

import dev.dense4j.config.ConfigReader;
import java.util.Map;

/**
 * Keras' {@code GlorotUniform(seed=None)} ({@code "glorot_uniform"}), the Dense kernel default:
 * {@code U[−limit, limit)} with {@code limit = sqrt(6 / (fan_in + fan_out))}, i.e.
 * {@code VarianceScaling(1.0, "fan_avg", "uniform")}. Config
 * {@code {"seed", "input_axes", "output_axes"}} (Keras before 3.15 writes only {@code seed}).
 */
public final class GlorotUniform extends VarianceScaling {

  /** Unseeded: the seed is drawn once, now. */
  public GlorotUniform() {
    this((Long) null, null, null);
  }

  public GlorotUniform(Long seed) {
    this(seed, null, null);
  }

  public GlorotUniform(SeedGenerator seed) {
    this(seed, null, null);
  }

  /** With the axes that define the fans (both or neither; see {@link Fans}). */
  public GlorotUniform(Long seed, int[] inputAxes, int[] outputAxes) {
    super(1.0, "fan_avg", "uniform", seed, inputAxes, outputAxes);
  }

  public GlorotUniform(SeedGenerator seed, int[] inputAxes, int[] outputAxes) {
    super(1.0, "fan_avg", "uniform", seed, inputAxes, outputAxes);
  }

  @Override
  public String className() {
    return "GlorotUniform";
  }

  @Override
  public Map<String, Object> getConfig() {
    return presetConfig();
  }

  static GlorotUniform fromConfig(ConfigReader r) {
    return presetFromConfig(r, GlorotUniform::new, GlorotUniform::new);
  }
}
