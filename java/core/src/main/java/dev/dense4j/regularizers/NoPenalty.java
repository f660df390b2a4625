// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.regularizers;

import dev.dense4j.internal.WeightOps;
import dev.dense4j.tensor.Tensor;

/**
 * Keras' base class {@code Regularizer} ({@code "regularizer"}) used as an object: penalty 0,
 * gradient 0. Config {@code {}}.
 */
public final class NoPenalty implements Regularizer {

  @Override
  public String className() {
    return "Regularizer";
  }

  @Override
  public double penalty(Tensor x) {
    return 0.0;
  }

  @Override
  public void addGradient(Tensor x, Tensor grad) {
    WeightOps.checkSameShape(this, x, grad);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof NoPenalty;
  }

  @Override
  public int hashCode() {
    return NoPenalty.class.hashCode();
  }

  @Override
  public String toString() {
    return "Regularizer()";
  }
}
