// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.metrics;

import static java.lang.foreign.ValueLayout.JAVA_FLOAT;

import dev.dense4j.tensor.Tensor;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;

/**
 * A metric that is the weighted mean of one value per row of predictions (Keras'
 * {@code MeanMetricWrapper}): {@code Σ w·v / Σ w}.
 */
abstract class MeanRowMetric implements Metric {

  private final String name;
  private double total;
  private double count;

  MeanRowMetric(String name) {
    this.name = name;
  }

  /** The value of one row: predictions {@code p[pOff…pOff+cols)}, targets from {@code t[tOff…]}. */
  abstract double rowValue(MemorySegment t, long tOff, MemorySegment p, long pOff, int cols);

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
    int[] ps = yPred.shape();
    if (ps.length < 2) {
      throw new IllegalArgumentException("Metric '" + name + "': expected predictions of rank >= 2; received shape "
          + Arrays.toString(ps));
    }
    int cols = ps[ps.length - 1];
    long rows = cols == 0 ? 0 : yPred.size() / cols;
    int tw = targetWidth(cols);
    if (yTrue.size() != rows * tw) {
      throw new IllegalArgumentException("Metric '" + name + "': expected y_true with " + rows * tw
          + " values for predictions of shape " + Arrays.toString(ps) + "; received shape "
          + Arrays.toString(yTrue.shape()));
    }
    if (rows == 0) {
      return;
    }
    long perSample = rows / ps[0];
    MemorySegment t = yTrue.segment();
    MemorySegment p = yPred.segment();
    for (long i = 0; i < rows; i++) {
      double w = sampleWeight == null ? 1
          : sampleWeight.length == rows ? sampleWeight[(int) i] : sampleWeight[(int) (i / perSample)];
      total += w * rowValue(t, i * tw, p, i * cols, cols);
      count += w;
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

  static float get(MemorySegment s, long i) {
    return s.getAtIndex(JAVA_FLOAT, i);
  }

  /** The first index of the largest value (NaN never wins), as argmax. */
  static int argmax(MemorySegment s, long off, int cols) {
    int best = 0;
    for (int j = 1; j < cols; j++) {
      if (get(s, off + j) > get(s, off + best)) {
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
