// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.constraints;

import dev.dense4j.internal.WeightOps;
import dev.dense4j.tensor.Tensor;

/**
 * Keras' {@code NonNeg} ({@code "non_neg"}): {@code w ← max(w, 0)}, computed as Keras does,
 * {@code w · [w >= 0]}: negative values become {@code -0.0}, NaN stays NaN. Config {@code {}}.
 */
public final class NonNeg implements Constraint {

  @Override
  public String className() {
    return "NonNeg";
  }

  /** Projects {@code w} on the preferred backend; an optimizer runs it on its own backend. */
  @Override
  public void apply(Tensor w) {
    WeightOps.standalone().apply(this, w);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof NonNeg;
  }

  @Override
  public int hashCode() {
    return NonNeg.class.hashCode();
  }

  @Override
  public String toString() {
    return "NonNeg()";
  }
}
