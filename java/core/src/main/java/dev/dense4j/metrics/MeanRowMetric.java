// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.metrics;

import dev.dense4j.internal.TensorCopy;
import dev.dense4j.tensor.Tensor;
import java.util.Arrays;

/**
 * A metric that is the weighted mean of one value per row of predictions (Keras'
 * {@code MeanMetricWrapper}): {@code Σ w·v / Σ w}.
 */
abstract class MeanRowMetric implements Metric {

  /** Floats of predictions per chunk copied to the heap (64 KiB), or one row when rows are longer. */
  private static final int CHUNK = 16384;

  private final String name;
  private double total;
  private double count;
  private float[] t = new float[0]; // rows copied from the tensors, reused between updates
  private float[] p = new float[0];

  MeanRowMetric(String name) {
    this.name = name;
  }

  /** The value of one row: predictions {@code p[pOff…pOff+cols)}, targets from {@code t[tOff…]}. */
  abstract double rowValue(float[] t, int tOff, float[] p, int pOff, int cols);

  /** Target values per row of {@code cols} predictions. */
  int targetWidth(int cols) {
    return cols;
  }

  @Override
  public final String name() {
    return name;
  }

  @Override
  public void update(Tensor yTrue, Tensor yPred, float[] sampleWeight) {
    if (yPred.rank() < 2) {
      throw new IllegalArgumentException("Metric '" + name + "': expected predictions of rank >= 2; received shape "
          + Arrays.toString(yPred.shape()));
    }
    int cols = yPred.dim(-1);
    long rows = cols == 0 ? 0 : yPred.size() / cols;
    int tw = targetWidth(cols);
    if (yTrue.size() != rows * tw) {
      throw new IllegalArgumentException("Metric '" + name + "': expected y_true with " + rows * tw
          + " values for predictions of shape " + Arrays.toString(yPred.shape()) + "; received shape "
          + Arrays.toString(yTrue.shape()));
    }
    if (rows == 0) {
      return;
    }
    long perSample = rows / yPred.dim(0);
    int step = (int) Math.max(1, Math.min(rows, CHUNK / Math.max(1, cols)));
    for (long from = 0; from < rows; from += step) {
      int k = (int) Math.min(step, rows - from);
      if (p.length < k * cols || t.length < k * tw) {
        p = new float[step * cols];
        t = new float[step * tw];
      }
      TensorCopy.read(yTrue, from * tw, t, 0, k * tw);
      TensorCopy.read(yPred, from * cols, p, 0, k * cols);
      for (int r = 0; r < k; r++) {
        long i = from + r;
        double w = sampleWeight == null ? 1
            : sampleWeight.length == rows ? sampleWeight[(int) i] : sampleWeight[(int) (i / perSample)];
        total += w * rowValue(t, r * tw, p, r * cols, cols);
        count += w;
      }
    }
  }

  @Override
  public double result() {
    return count == 0 ? 0 : total / count;
  }

  @Override
  public void reset() {
    total = 0;
    count = 0;
  }

  /** The first index of the largest value (NaN never wins), as argmax. */
  static int argmax(float[] s, int off, int cols) {
    int best = 0;
    for (int j = 1; j < cols; j++) {
      if (s[off + j] > s[off + best]) {
        best = j;
      }
    }
    return best;
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + "(" + name + ")";
  }
}
