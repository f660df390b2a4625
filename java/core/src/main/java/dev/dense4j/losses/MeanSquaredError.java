// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.losses;

/**
 * Keras' {@code MeanSquaredError}: {@code mean((y_true − y_pred)², axis=-1)} per sample, then
 * the reduction (default {@code sum_over_batch_size}).
 */
public final class MeanSquaredError extends ElementwiseLoss {

  public MeanSquaredError() {
    this(Reduction.SUM_OVER_BATCH_SIZE, "mean_squared_error");
  }

  public MeanSquaredError(Reduction reduction, String name) {
    super(reduction, name);
  }

  @Override
  public String className() {
    return "MeanSquaredError";
  }

  @Override
  double value(double d) {
    return d * d;
  }

  @Override
  double derivative(double d) {
    return 2 * d;
  }
}
