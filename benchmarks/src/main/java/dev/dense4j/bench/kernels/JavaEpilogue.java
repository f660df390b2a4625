// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.bench.kernels;

/** The epilogue as a plain Java loop with {@link Math} functions: the libm-style baseline. */
final class JavaEpilogue {

  private JavaEpilogue() {}

  static void biasAct(String act, float[] y, float[] bias, int rows, int cols) {
    for (int i = 0; i < rows; i++) {
      int o = i * cols;
      for (int j = 0; j < cols; j++) {
        y[o + j] += bias[j];
      }
      switch (act) {
        case "relu" -> {
          for (int j = o; j < o + cols; j++) {
            y[j] = Math.max(y[j], 0f);
          }
        }
        case "sigmoid" -> {
          for (int j = o; j < o + cols; j++) {
            y[j] = (float) (1 / (1 + Math.exp(-y[j])));
          }
        }
        case "tanh" -> {
          for (int j = o; j < o + cols; j++) {
            y[j] = (float) Math.tanh(y[j]);
          }
        }
        case "gelu" -> {
          for (int j = o; j < o + cols; j++) {
            double v = y[j];
            y[j] = (float) (0.5 * v * (1 + erf(v * 0.7071067811865476)));
          }
        }
        case "softmax" -> {
          float max = Float.NEGATIVE_INFINITY;
          for (int j = o; j < o + cols; j++) {
            max = Math.max(max, y[j]);
          }
          double sum = 0;
          for (int j = o; j < o + cols; j++) {
            y[j] = (float) Math.exp(y[j] - max);
            sum += y[j];
          }
          float inv = (float) (1 / sum);
          for (int j = o; j < o + cols; j++) {
            y[j] *= inv;
          }
        }
        default -> throw new IllegalArgumentException(act);
      }
    }
  }

  // Abramowitz–Stegun 7.1.26
  private static double erf(double x) {
    double t = 1 / (1 + 0.3275911 * Math.abs(x));
    double poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
    return Math.copySign(1 - poly * Math.exp(-x * x), x);
  }
}
