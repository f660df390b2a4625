// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.bench.impl;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * A JDK Vector API kernel: per row, blocks of four vectors of outputs accumulate
 * {@code x[q] · W[q, j..]} over q with FMA, then bias and activation.
 */
final class VectorApiImpl implements DenseImpl {

  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

  private final Problem p;
  private final float[] y;

  VectorApiImpl(Problem p) {
    this.p = p;
    this.y = new float[p.batch() * p.units()];
  }

  @Override
  public void run() {
    int n = p.units();
    int k = p.inputDim();
    float[] x = p.x();
    float[] w = p.kernel();
    float[] b = p.bias();
    int l = S.length();
    int block = 4 * l;
    for (int i = 0; i < p.batch(); i++) {
      int xo = i * k;
      int yo = i * n;
      int j = 0;
      for (; j + block <= n; j += block) {
        FloatVector a0 = FloatVector.fromArray(S, b, j);
        FloatVector a1 = FloatVector.fromArray(S, b, j + l);
        FloatVector a2 = FloatVector.fromArray(S, b, j + 2 * l);
        FloatVector a3 = FloatVector.fromArray(S, b, j + 3 * l);
        for (int q = 0; q < k; q++) {
          FloatVector xv = FloatVector.broadcast(S, x[xo + q]);
          int wo = q * n + j;
          a0 = FloatVector.fromArray(S, w, wo).fma(xv, a0);
          a1 = FloatVector.fromArray(S, w, wo + l).fma(xv, a1);
          a2 = FloatVector.fromArray(S, w, wo + 2 * l).fma(xv, a2);
          a3 = FloatVector.fromArray(S, w, wo + 3 * l).fma(xv, a3);
        }
        a0.intoArray(y, yo + j);
        a1.intoArray(y, yo + j + l);
        a2.intoArray(y, yo + j + 2 * l);
        a3.intoArray(y, yo + j + 3 * l);
      }
      for (; j < n; j++) { // scalar tail
        float acc = b[j];
        for (int q = 0; q < k; q++) {
          acc += x[xo + q] * w[q * n + j];
        }
        y[yo + j] = acc;
      }
      if (p.activation().equals("relu")) {
        int c = 0;
        for (; c + l <= n; c += l) {
          FloatVector.fromArray(S, y, yo + c).lanewise(VectorOperators.MAX, 0f).intoArray(y, yo + c);
        }
        for (; c < n; c++) {
          y[yo + c] = Math.max(y[yo + c], 0f);
        }
      } else {
        Activations.applyRow(p.activation(), y, yo, n);
      }
    }
  }

  @Override
  public float[] output() {
    return y.clone();
  }

  @Override
  public void close() {}
}
