// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.metrics;

import java.util.Map;

/**
 * Keras' {@code BinaryAccuracy(threshold=0.5)}: per row, the fraction of entries where
 * {@code y_true} equals {@code y_pred > threshold ? 1 : 0}.
 */
public final class BinaryAccuracy extends MeanRowMetric {

  private final double threshold;

  public BinaryAccuracy() {
    this("binary_accuracy", 0.5);
  }

  public BinaryAccuracy(String name, double threshold) {
    super(name);
    this.threshold = threshold;
  }

  @Override
  double rowValue(float[] t, int tOff, float[] p, int pOff, int cols) {
    int hits = 0;
    for (int j = 0; j < cols; j++) {
      float predicted = p[pOff + j] > threshold ? 1f : 0f;
      hits += t[tOff + j] == predicted ? 1 : 0;
    }
    return (double) hits / cols;
  }

  public double threshold() {
    return threshold;
  }

  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> c = super.getConfig();
    c.put("threshold", threshold);
    return c;
  }

  @Override
  public boolean higherIsBetter() {
    return true;
  }
}
