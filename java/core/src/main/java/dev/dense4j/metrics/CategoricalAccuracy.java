// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.metrics;

/** Keras' {@code CategoricalAccuracy}: 1 where {@code argmax(y_true) == argmax(y_pred)}, per row. */
public final class CategoricalAccuracy extends MeanRowMetric {

  public CategoricalAccuracy() {
    this("categorical_accuracy");
  }

  public CategoricalAccuracy(String name) {
    super(name);
  }

  @Override
  double rowValue(float[] t, int tOff, float[] p, int pOff, int cols) {
    return argmax(t, tOff, cols) == argmax(p, pOff, cols) ? 1 : 0;
  }

  @Override
  public boolean higherIsBetter() {
    return true;
  }
}
