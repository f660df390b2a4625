// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.bench.impl;

/** The benchmarked activations in plain Java (libm via {@link Math}), for the Java baselines. */
final class Activations {

  private Activations() {}

  static void applyRow(String act, float[] y, int off, int n) {
    switch (act) {
      case "linear" -> { }
      case "relu" -> {
        for (int j = off; j < off + n; j++) {
          y[j] = Math.max(y[j], 0f);
        }
      }
      case "tanh" -> {
        for (int j = off; j < off + n; j++) {
          y[j] = (float) Math.tanh(y[j]);
        }
      }
      case "gelu" -> {
        for (int j = off; j < off + n; j++) {
          double v = y[j];
          y[j] = (float) (0.5 * v * (1 + erf(v / Math.sqrt(2))));
        }
      }
      case "softmax" -> {
        float max = Float.NEGATIVE_INFINITY;
        for (int j = off; j < off + n; j++) {
          max = Math.max(max, y[j]);
        }
        float sum = 0;
        for (int j = off; j < off + n; j++) {
          y[j] = (float) Math.exp(y[j] - max);
          sum += y[j];
        }
        for (int j = off; j < off + n; j++) {
          y[j] /= sum;
        }
      }
      default -> throw new IllegalArgumentException("activation not in the Java baselines: " + act);
    }
  }

  /** Abramowitz–Stegun 7.1.26 (|error| < 1.5e-7): what a hand-written Java baseline would use. */
  static double erf(double x) {
    double t = 1 / (1 + 0.3275911 * Math.abs(x));
    double poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
    return Math.copySign(1 - poly * Math.exp(-x * x), x);
  }
}
