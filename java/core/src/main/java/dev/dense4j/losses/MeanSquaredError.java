// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.losses;

import java.lang.foreign.MemorySegment;

/**
 * Keras' {@code MeanSquaredError}: {@code mean((y_true − y_pred)², axis=-1)} per sample, then
 * the reduction (default {@code sum_over_batch_size}).
 */
public final class MeanSquaredError extends Loss {

  public MeanSquaredError() {
    this(Reduction.SUM_OVER_BATCH_SIZE, "mean_squared_error");
  }

  public MeanSquaredError(Reduction reduction, String name) {
    super(name, reduction);
  }

  @Override
  public String className() {
    return "MeanSquaredError";
  }

  @Override
  protected double rowLoss(MemorySegment t, long tOff, MemorySegment p, long pOff, int cols,
      MemorySegment grad, long gOff, double scale) {
    double sum = 0;
    for (int j = 0; j < cols; j++) {
      double d = (double) get(p, pOff + j) - get(t, tOff + j);
      sum += d * d;
      if (grad != null) {
        put(grad, gOff + j, scale * 2 * d / cols);
      }
    }
    return sum / cols;
  }
}
