// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.initializers;

import dev.dense4j.config.ConfigReader;
import java.util.Map;

/**
 * Keras' {@code LecunNormal(seed=None)} ({@code "lecun_normal"}): a truncated normal with
 * {@code stddev = sqrt(1 / fan_in) / 0.8796…},
 * i.e. {@code VarianceScaling(1.0, "fan_in", "truncated_normal")}. Config
 * {@code {"seed", "input_axes", "output_axes"}} (Keras before 3.15 writes only {@code seed}).
 */
public final class LecunNormal extends VarianceScaling {

  /** Unseeded: the seed is drawn once, now. */
  public LecunNormal() {
    this((Long) null, null, null);
  }

  public LecunNormal(Long seed) {
    this(seed, null, null);
  }

  public LecunNormal(SeedGenerator seed) {
    this(seed, null, null);
  }

  /** With the axes that define the fans (both or neither; see {@link Fans}). */
  public LecunNormal(Long seed, int[] inputAxes, int[] outputAxes) {
    super(1.0, "fan_in", "truncated_normal", seed, inputAxes, outputAxes);
  }

  public LecunNormal(SeedGenerator seed, int[] inputAxes, int[] outputAxes) {
    super(1.0, "fan_in", "truncated_normal", seed, inputAxes, outputAxes);
  }

  @Override
  public String className() {
    return "LecunNormal";
  }

  @Override
  public Map<String, Object> getConfig() {
    return presetConfig();
  }

  static LecunNormal fromConfig(ConfigReader r) {
    return presetFromConfig(r, LecunNormal::new, LecunNormal::new);
  }
}
