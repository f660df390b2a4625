// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.losses;

import java.lang.foreign.MemorySegment;

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
  protected final double rowLoss(MemorySegment t, long tOff, MemorySegment p, long pOff, int cols,
      MemorySegment grad, long gOff, double scale) {
    double sum = 0;
    for (int j = 0; j < cols; j++) {
      double d = (double) get(p, pOff + j) - get(t, tOff + j);
      sum += value(d);
      if (grad != null) {
        put(grad, gOff + j, scale * derivative(d) / cols);
      }
    }
    return sum / cols;
  }
}
