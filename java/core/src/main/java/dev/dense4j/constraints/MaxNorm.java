// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.constraints;

import dev.dense4j.config.ConfigReader;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keras' {@code MaxNorm(max_value=2, axis=0)} ({@code "max_norm"}): caps the L2 norm of each slice
 * along {@code axis}: {@code w ← w · clip(N, 0, max_value) / (ε + N)}, ε = 1e-7 (see
 * {@link NormConstraint} for {@code axis}). Config {@code {"max_value", "axis"}}, values as given
 * (Keras' default writes the int {@code 2}).
 */
public final class MaxNorm extends NormConstraint {

  private final Number maxValue;

  /** Keras' defaults: {@code max_value=2}, {@code axis=0}. */
  public MaxNorm() {
    this(2, new int[] {0}, false);
  }

  /**
   * @param maxValue the largest norm; finite and {@code > 0}
   * @param axis the axis the norms run along
   */
  public MaxNorm(double maxValue, int axis) {
    this(maxValue, new int[] {axis}, false);
  }

  /** As {@link #MaxNorm(double, int)} with a list of axes. */
  public MaxNorm(double maxValue, int[] axes) {
    this(maxValue, axes, true);
  }

  private MaxNorm(Number maxValue, int[] axes, boolean axisIsList) {
    super(axes, axisIsList);
    double v = maxValue.doubleValue();
    if (!(v > 0) || Double.isInfinite(v)) {
      throw new IllegalArgumentException("MaxNorm: max_value must be a finite number > 0; received max_value=" + maxValue);
    }
    this.maxValue = maxValue;
  }

  public double maxValue() {
    return maxValue.doubleValue();
  }

  @Override
  public String className() {
    return "MaxNorm";
  }

  @Override
  double minNorm() {
    return 0;
  }

  @Override
  double maxNorm() {
    return maxValue.doubleValue();
  }

  @Override
  double rate() {
    return 1;
  }

  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("max_value", maxValue);
    c.put("axis", axisConfig());
    return c;
  }

  static MaxNorm fromConfig(ConfigReader r) {
    r.checkKeys(List.of("max_value", "axis"));
    return new MaxNorm(r.getNumber("max_value", 2), readAxis(r), r.isList("axis"));
  }
}
