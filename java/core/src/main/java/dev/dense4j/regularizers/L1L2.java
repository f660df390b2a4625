// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.regularizers;

import dev.dense4j.config.ConfigReader;
import dev.dense4j.internal.WeightOps;
import dev.dense4j.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keras' {@code L1L2(l1=0.0, l2=0.0)} ({@code "l1l2"}): {@code penalty = l1·Σ|x| + l2·Σx²}, a term
 * skipped when its factor is exactly 0; gradient {@code l1·sign(x) + 2·l2·x}.
 *
 * <p>Note the Keras 3 trap: the names {@code "l1l2"} and {@code "L1L2"} give both factors 0 (no
 * penalty at all), and {@code "l1_l2"} is not a name (Keras 2's {@code l1_l2()} defaulted to
 * 0.01/0.01; write {@code new L1L2(0.01, 0.01)} for that). The config keeps the factors exactly as
 * given; instances are equal when their float32 factors are.
 */
public final class L1L2 implements Regularizer {

  private final double l1;
  private final double l2;

  /** Keras' defaults: 0 and 0, no penalty. */
  public L1L2() {
    this(0.0, 0.0);
  }

  /**
   * @param l1 the L1 factor; finite and {@code >= 0}
   * @param l2 the L2 factor; finite and {@code >= 0}
   */
  public L1L2(double l1, double l2) {
    Penalties.requireFactor("L1L2", "l1", l1);
    Penalties.requireFactor("L1L2", "l2", l2);
    this.l1 = l1;
    this.l2 = l2;
  }

  public double l1() {
    return l1;
  }

  public double l2() {
    return l2;
  }

  @Override
  public String className() {
    return "L1L2";
  }

  /** The penalty on the preferred backend; a layer or optimizer runs it on its own backend. */
  @Override
  public double penalty(Tensor x) {
    return WeightOps.standalone().penalty(this, x);
  }

  /** The gradient on the preferred backend; a layer or optimizer runs it on its own backend. */
  @Override
  public void addGradient(Tensor x, Tensor grad) {
    WeightOps.standalone().addGradient(this, x, grad);
  }

  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("l1", l1);
    c.put("l2", l2);
    return c;
  }

  static L1L2 fromConfig(ConfigReader r) {
    r.checkKeys(List.of("l1", "l2"));
    return new L1L2(r.getDouble("l1", 0.0), r.getDouble("l2", 0.0)); // Keras: None -> 0.0
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof L1L2 other && Float.compare((float) other.l1, (float) l1) == 0
        && Float.compare((float) other.l2, (float) l2) == 0;
  }

  @Override
  public int hashCode() {
    return 31 * Float.hashCode((float) l1) + Float.hashCode((float) l2);
  }

  @Override
  public String toString() {
    return "L1L2(l1=" + l1 + ", l2=" + l2 + ")";
  }
}
