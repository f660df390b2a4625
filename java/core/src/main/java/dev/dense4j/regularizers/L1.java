// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.regularizers;

import dev.dense4j.config.ConfigReader;
import dev.dense4j.internal.WeightOps;
import dev.dense4j.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keras' {@code L1(l1=0.01)} ({@code "l1"}): {@code penalty = l1 · Σ|x|}, gradient
 * {@code l1 · sign(x)} (0 at 0).
 *
 * <p>Like Keras, the factor is kept as a float32, so the config holds the float32-rounded value
 * widened to double: {@code L1(0.01)} writes {@code {"l1": 0.009999999776482582}}.
 */
public final class L1 implements Regularizer {

  private final float l1;

  /** Keras' default, 0.01. */
  public L1() {
    this(0.01);
  }

  /** @param l1 the factor; finite and {@code >= 0} */
  public L1(double l1) {
    Penalties.requireFactor("L1", "l1", l1);
    this.l1 = (float) l1;
  }

  /** The factor, as the float32 the penalty uses. */
  public float l1() {
    return l1;
  }

  @Override
  public String className() {
    return "L1";
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
    c.put("l1", (double) l1);
    return c;
  }

  static L1 fromConfig(ConfigReader r) {
    r.checkKeys(List.of("l1"));
    return new L1(r.getDouble("l1", 0.01)); // Keras: None -> 0.01
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof L1 other && Float.compare(other.l1, l1) == 0;
  }

  @Override
  public int hashCode() {
    return Float.hashCode(l1);
  }

  @Override
  public String toString() {
    return "L1(l1=" + l1 + ")";
  }
}
