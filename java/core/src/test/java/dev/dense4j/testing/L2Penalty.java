// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.testing;

import dev.dense4j.regularizers.Regularizer;
import dev.dense4j.tensor.Tensor;

/** A test-local {@code L2(factor)}: {@code factor·Σ x²}, gradient {@code 2·factor·x}, in float64. */
public record L2Penalty(double factor) implements Regularizer {

  @Override
  public String className() {
    return "L2";
  }

  @Override
  public double penalty(Tensor x) {
    double s = 0;
    for (long i = 0; i < x.size(); i++) {
      double v = x.getFlat(i);
      s += v * v;
    }
    return factor * s;
  }

  @Override
  public void addGradient(Tensor x, Tensor grad) {
    for (long i = 0; i < x.size(); i++) {
      grad.setFlat(i, (float) (grad.getFlat(i) + 2 * factor * x.getFlat(i)));
    }
  }
}
