// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.losses;

/**
 * Keras' {@code MeanAbsoluteError}: {@code mean(|y_true − y_pred|, axis=-1)} per sample, then
 * the reduction. The gradient at {@code y_pred = y_true} is 0.
 */
public final class MeanAbsoluteError extends ElementwiseLoss {

  public MeanAbsoluteError() {
    this(Reduction.SUM_OVER_BATCH_SIZE, "mean_absolute_error");
  }

  public MeanAbsoluteError(Reduction reduction, String name) {
    super(reduction, name);
  }

  @Override
  public String className() {
    return "MeanAbsoluteError";
  }

  @Override
  double value(double d) {
    return Math.abs(d);
  }

  @Override
  double derivative(double d) {
    return Math.signum(d);
  }
}
