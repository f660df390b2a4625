// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.initializers;

import dev.dense4j.config.ConfigReader;
import java.util.Map;

/**
 * Keras' {@code GlorotNormal(seed=None)} ({@code "glorot_normal"}): a truncated normal with
 * {@code stddev = sqrt(2 / (fan_in + fan_out)) / 0.8796…} (values' deviation {@code sqrt(2 / (fan_in + fan_out))}),
 * i.e. {@code VarianceScaling(1.0, "fan_avg", "truncated_normal")}. Config
 * {@code {"seed", "input_axes", "output_axes"}} (Keras before 3.15 writes only {@code seed}).
 */
public final class GlorotNormal extends VarianceScaling {

  /** Unseeded: the seed is drawn once, now. */
  public GlorotNormal() {
    this((Long) null, null, null);
  }

  public GlorotNormal(Long seed) {
    this(seed, null, null);
  }

  public GlorotNormal(SeedGenerator seed) {
    this(seed, null, null);
  }

  /** With the axes that define the fans (both or neither; see {@link Fans}). */
  public GlorotNormal(Long seed, int[] inputAxes, int[] outputAxes) {
    super(1.0, "fan_avg", "truncated_normal", seed, inputAxes, outputAxes);
  }

  public GlorotNormal(SeedGenerator seed, int[] inputAxes, int[] outputAxes) {
    super(1.0, "fan_avg", "truncated_normal", seed, inputAxes, outputAxes);
  }

  @Override
  public String className() {
    return "GlorotNormal";
  }

  @Override
  public Map<String, Object> getConfig() {
    return presetConfig();
  }

  static GlorotNormal fromConfig(ConfigReader r) {
    return presetFromConfig(r, GlorotNormal::new, GlorotNormal::new);
  }
}
