// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.losses;

/**
 * The common part of {@link MeanAbsoluteError} and {@link MeanSquaredError}: the mean over the
 * last axis of a function of {@code d = y_pred − y_true}, with the gradient from its derivative.
 */
abstract sealed class ElementwiseLoss extends Loss permits MeanAbsoluteError, MeanSquaredError {

  ElementwiseLoss(Reduction reduction, String name) {
    super(name, reduction);
  }

  /** The loss of one entry whose prediction exceeds its target by {@code d}. */
  abstract double value(double d);

  /** The derivative of {@link #value} at {@code d}. */
  abstract double derivative(double d);

  @Override
  protected final double rowLoss(float[] t, int tOff, float[] p, int pOff, int cols,
      float[] grad, int gOff, double scale) {
    double sum = 0;
    for (int j = 0; j < cols; j++) {
      double d = (double) p[pOff + j] - t[tOff + j];
      sum += value(d);
      if (grad != null) {
        grad[gOff + j] = (float) (scale * derivative(d) / cols);
      }
    }
    return sum / cols;
  }
}
