// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.initializers;

import dev.dense4j.config.ConfigReader;
import java.util.Map;

/**
 * Keras' {@code LecunUniform(seed=None)} ({@code "lecun_uniform"}): {@code U[−limit, limit)} with
 * {@code limit = sqrt(3 / fan_in)},
 * i.e. {@code VarianceScaling(1.0, "fan_in", "uniform")}. Config
 * {@code {"seed", "input_axes", "output_axes"}} (Keras before 3.15 writes only {@code seed}).
 */
public final class LecunUniform extends VarianceScaling {

  /** Unseeded: the seed is drawn once, now. */
  public LecunUniform() {
    this((Long) null, null, null);
  }

  public LecunUniform(Long seed) {
    this(seed, null, null);
  }

  public LecunUniform(SeedGenerator seed) {
    this(seed, null, null);
  }

  /** With the axes that define the fans (both or neither; see {@link Fans}). */
  public LecunUniform(Long seed, int[] inputAxes, int[] outputAxes) {
    super(1.0, "fan_in", "uniform", seed, inputAxes, outputAxes);
  }

  public LecunUniform(SeedGenerator seed, int[] inputAxes, int[] outputAxes) {
    super(1.0, "fan_in", "uniform", seed, inputAxes, outputAxes);
  }

  @Override
  public String className() {
    return "LecunUniform";
  }

  @Override
  public Map<String, Object> getConfig() {
    return presetConfig();
  }

  static LecunUniform fromConfig(ConfigReader r) {
    return presetFromConfig(r, LecunUniform::new, LecunUniform::new);
  }
}
