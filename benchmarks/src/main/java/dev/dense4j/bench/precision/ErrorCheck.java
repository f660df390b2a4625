// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.bench.precision;

import dev.dense4j.bench.impl.DenseImpl.Problem;

/**
 * The error of a result against float64 of the float layer, over its first rows (the float64
 * evaluation of a 256 x 4096 x 4096 layer would outlast the benchmark): printed for every
 * implementation, and fatal for the fp32 ones beyond the float32 rounding bound.
 */
final class ErrorCheck {

  static final int ROWS = 8;

  private ErrorCheck() {}

  static void report(String impl, Problem p, boolean epilogue, float[] got) {
    int rows = Math.min(ROWS, p.batch());
    int n = p.units();
    int k = p.inputDim();
    double worst = 0;
    double scale = 0;
    double bound = 0;
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < n; j++) {
        double z = 0;
        double mag = 0;
        for (int q = 0; q < k; q++) {
          double t = (double) p.x()[i * k + q] * p.kernel()[q * n + j];
          z += t;
          mag += Math.abs(t);
        }
        if (epilogue) {
          z = Math.max(0, z + p.bias()[j]);
          mag += Math.abs(p.bias()[j]);
        }
        worst = Math.max(worst, Math.abs(got[i * n + j] - z));
        scale = Math.max(scale, Math.abs(z));
        bound = Math.max(bound, (k + 2) * 0x1p-24 * mag);
      }
    }
    System.out.printf("%n%s (%dx%d->%d): max abs error %.3g over the first %d rows, %.3g of max |y| %.3g%n", impl,
        p.batch(), k, n, worst, rows, worst / scale, scale);
    if ((impl.equals("raw_blas") || impl.endsWith("f32")) && !(worst <= bound)) {
      throw new IllegalStateException(impl + ": max abs error " + worst + " beyond the float32 bound " + bound);
    }
  }
}
