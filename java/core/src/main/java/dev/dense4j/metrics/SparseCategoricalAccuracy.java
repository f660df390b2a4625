// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.metrics;

/** Keras' {@code SparseCategoricalAccuracy}: 1 where the class index equals {@code argmax(y_pred)}, per row. */
public final class SparseCategoricalAccuracy extends MeanRowMetric {

  public SparseCategoricalAccuracy() {
    this("sparse_categorical_accuracy");
  }

  public SparseCategoricalAccuracy(String name) {
    super(name);
  }

  @Override
  int targetWidth(int cols) {
    return 1;
  }

  @Override
  double rowValue(float[] t, int tOff, float[] p, int pOff, int cols) {
    return t[tOff] == argmax(p, pOff, cols) ? 1 : 0;
  }

  @Override
  public boolean higherIsBetter() {
    return true;
  }
}
