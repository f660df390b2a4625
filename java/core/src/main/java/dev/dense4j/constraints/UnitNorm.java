// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.constraints;

import dev.dense4j.config.ConfigReader;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keras' {@code UnitNorm(axis=0)} ({@code "unit_norm"}): scales each slice along {@code axis} to
 * unit L2 norm, {@code w ← w / (ε + N)}, ε = 1e-7 (see {@link NormConstraint} for {@code axis}).
 * Config {@code {"axis"}}.
 */
public final class UnitNorm extends NormConstraint {

  /** Keras' default, {@code axis=0}. */
  public UnitNorm() {
    this(0);
  }

  public UnitNorm(int axis) {
    super(new int[] {axis}, false);
  }

  /** With a list of axes. */
  public UnitNorm(int[] axes) {
    super(axes, true);
  }

  private UnitNorm(int[] axes, boolean axisIsList) {
    super(axes, axisIsList);
  }

  @Override
  public String className() {
    return "UnitNorm";
  }

  @Override
  double minNorm() {
    return 1;
  }

  @Override
  double maxNorm() {
    return 1;
  }

  @Override
  double rate() {
    return 1;
  }

  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("axis", axisConfig());
    return c;
  }

  static UnitNorm fromConfig(ConfigReader r) {
    r.checkKeys(List.of("axis"));
    return new UnitNorm(readAxis(r), r.isList("axis"));
  }
}
