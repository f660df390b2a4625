// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.regularizers;

import dev.dense4j.config.ConfigReader;
import dev.dense4j.internal.WeightOps;
import dev.dense4j.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keras' {@code L2(l2=0.01)} ({@code "l2"}): {@code penalty = l2 · Σx²} (no ½ factor), gradient
 * {@code 2 · l2 · x}. The config keeps the factor exactly as given ({@code {"l2": 0.01}}); two
 * instances are equal when their float32 factors are, so a Keras-2 config's float32-rounded
 * {@code 0.009999999776482582} and {@code 0.01} are the same regularizer.
 */
public final class L2 implements Regularizer {

  private final double l2;

  /** Keras' default, 0.01. */
  public L2() {
    this(0.01);
  }

  /** @param l2 the factor; finite and {@code >= 0} */
  public L2(double l2) {
    Penalties.requireFactor("L2", "l2", l2);
    this.l2 = l2;
  }

  public double l2() {
    return l2;
  }

  @Override
  public String className() {
    return "L2";
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
    c.put("l2", l2);
    return c;
  }

  static L2 fromConfig(ConfigReader r) {
    r.checkKeys(List.of("l2"));
    return new L2(r.getDouble("l2", 0.01)); // Keras: None -> 0.01
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof L2 other && Float.compare((float) other.l2, (float) l2) == 0;
  }

  @Override
  public int hashCode() {
    return Float.hashCode((float) l2);
  }

  @Override
  public String toString() {
    return "L2(l2=" + l2 + ")";
  }
}
