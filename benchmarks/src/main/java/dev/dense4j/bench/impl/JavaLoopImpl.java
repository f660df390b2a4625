// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.bench.impl;

/** A plain Java loop nest (i-k-j order so the inner loop is contiguous and auto-vectorisable). */
final class JavaLoopImpl implements DenseImpl {

  private final Problem p;
  private final float[] y;

  JavaLoopImpl(Problem p) {
    this.p = p;
    this.y = new float[p.batch() * p.units()];
  }

  @Override
  public void run() {
    int n = p.units();
    int k = p.inputDim();
    float[] x = p.x();
    float[] w = p.kernel();
    for (int i = 0; i < p.batch(); i++) {
      int yo = i * n;
      System.arraycopy(p.bias(), 0, y, yo, n);
      for (int q = 0; q < k; q++) {
        float xv = x[i * k + q];
        int wo = q * n;
        for (int j = 0; j < n; j++) {
          y[yo + j] += xv * w[wo + j];
        }
      }
      Activations.applyRow(p.activation(), y, yo, n);
    }
  }

  @Override
  public float[] output() {
    return y.clone();
  }

  @Override
  public void close() {}
}
