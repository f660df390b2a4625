// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.losses;

import java.lang.foreign.MemorySegment;

/**
 * Keras' {@code MeanAbsoluteError}: {@code mean(|y_true − y_pred|, axis=-1)} per sample, then
 * the reduction. The gradient at {@code y_pred = y_true} is 0.
 */
public final class MeanAbsoluteError extends Loss {

  public MeanAbsoluteError() {
    this(Reduction.SUM_OVER_BATCH_SIZE, "mean_absolute_error");
  }

  public MeanAbsoluteError(Reduction reduction, String name) {
    super(name, reduction);
  }

  @Override
  public String className() {
    return "MeanAbsoluteError";
  }

  @Override
  protected double rowLoss(MemorySegment t, long tOff, MemorySegment p, long pOff, int cols,
      MemorySegment grad, long gOff, double scale) {
    double sum = 0;
    for (int j = 0; j < cols; j++) {
      double d = (double) get(p, pOff + j) - get(t, tOff + j);
      sum += Math.abs(d);
      if (grad != null) {
        put(grad, gOff + j, scale * Math.signum(d) / cols);
      }
    }
    return sum / cols;
  }
}
