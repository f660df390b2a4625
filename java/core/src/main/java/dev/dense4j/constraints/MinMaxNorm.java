// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.constraints;

import dev.dense4j.config.ConfigReader;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keras' {@code MinMaxNorm(min_value=0.0, max_value=1.0, rate=1.0, axis=0)}
 * ({@code "min_max_norm"}): moves the L2 norm of each slice along {@code axis} into
 * {@code [min_value, max_value]} at speed {@code rate}:
 * {@code w ← w · (rate·clip(N, min_value, max_value) + (1 − rate)·N) / (ε + N)}, ε = 1e-7;
 * {@code rate = 1} enforces the bounds at once (see {@link NormConstraint} for {@code axis}).
 * Config {@code {"min_value", "max_value", "rate", "axis"}}, values as given.
 */
public final class MinMaxNorm extends NormConstraint {

  private final Number minValue;
  private final Number maxValue;
  private final Number rate;

  /** Keras' defaults: 0.0, 1.0, rate 1.0, axis 0. */
  public MinMaxNorm() {
    this(0.0, 1.0, 1.0, new int[] {0}, false);
  }

  /**
   * @param minValue the smallest norm; finite, {@code >= 0}, {@code <= maxValue}
   * @param maxValue the largest norm; finite, {@code > 0}
   * @param rate how far to move towards the bounds per application, in {@code [0, 1]}
   * @param axis the axis the norms run along
   */
  public MinMaxNorm(double minValue, double maxValue, double rate, int axis) {
    this(minValue, maxValue, rate, new int[] {axis}, false);
  }

  /** As {@link #MinMaxNorm(double, double, double, int)} with a list of axes. */
  public MinMaxNorm(double minValue, double maxValue, double rate, int[] axes) {
    this(minValue, maxValue, rate, axes, true);
  }

  private MinMaxNorm(Number minValue, Number maxValue, Number rate, int[] axes, boolean axisIsList) {
    super(axes, axisIsList);
    double lo = minValue.doubleValue();
    double hi = maxValue.doubleValue();
    double r = rate.doubleValue();
    requireFinite("MinMaxNorm", "min_value", lo);
    requireFinite("MinMaxNorm", "max_value", hi);
    if (!(hi > 0)) {
      throw new IllegalArgumentException("MinMaxNorm: max_value must be > 0; received max_value=" + maxValue);
    }
    if (lo < 0 || lo > hi) {
      throw new IllegalArgumentException("MinMaxNorm: min_value must be in [0, max_value]; received min_value="
          + minValue + ", max_value=" + maxValue);
    }
    if (!(r >= 0 && r <= 1)) {
      throw new IllegalArgumentException("MinMaxNorm: rate must be in [0, 1]; received rate=" + rate);
    }
    this.minValue = minValue;
    this.maxValue = maxValue;
    this.rate = rate;
  }

  public double minValue() {
    return minValue.doubleValue();
  }

  public double maxValue() {
    return maxValue.doubleValue();
  }

  @Override
  public String className() {
    return "MinMaxNorm";
  }

  @Override
  double minNorm() {
    return minValue.doubleValue();
  }

  @Override
  double maxNorm() {
    return maxValue.doubleValue();
  }

  @Override
  public double rate() {
    return rate.doubleValue();
  }

  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("min_value", minValue);
    c.put("max_value", maxValue);
    c.put("rate", rate);
    c.put("axis", axisConfig());
    return c;
  }

  static MinMaxNorm fromConfig(ConfigReader r) {
    r.checkKeys(List.of("min_value", "max_value", "rate", "axis"));
    return new MinMaxNorm(r.getNumber("min_value", 0.0), r.getNumber("max_value", 1.0), r.getNumber("rate", 1.0),
        readAxis(r), r.isList("axis"));
  }
}
