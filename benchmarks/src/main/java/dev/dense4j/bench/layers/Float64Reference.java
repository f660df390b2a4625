// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.bench.layers;

import dev.dense4j.bench.impl.DenseImpl.Problem;

/**
 * {@code y = act(x · W + b)} (or {@code x · W} alone) in float64 with naive loops, written here
 * apart from every benchmarked implementation, and how far a correct float32 result may be from it.
 *
 * <p>The bound on the pre-activation {@code z} is the worst case of any float32 summation order,
 * FMA or not: {@code γ(k + 1) · (Σ|x·w| + |b|)} with {@code γ(n) = n·u / (1 − n·u)}, {@code u = 2⁻²⁴}
 * (k products and the bias). The activations used here change an error in {@code z} by at most
 * {@link #LIPSCHITZ} times (gelu's steepest slope is 1.129); softmax moves {@code y_j} by at most
 * {@code 2 · y_j · max|δz|} plus its own float32 sum over the row. On top: a few ulp of the
 * activation itself and the Java baselines' erf (|error| < 1.5e-7).
 */
record Float64Reference(double[] y, double[] tolerance) {

  static final double U = 0x1p-24;
  static final double LIPSCHITZ = 1.13;
  static final double ACTIVATION_RELATIVE = 1e-5;
  static final double ACTIVATION_ABSOLUTE = 1e-6;

  /** The reference for {@code p}: with its bias and activation when {@code epilogue}, else {@code x · W} only. */
  static Float64Reference of(Problem p, boolean epilogue) {
    int m = p.batch();
    int n = p.units();
    int k = p.inputDim();
    double[] z = new double[m * n];
    double[] magnitude = new double[m * n];
    float[] x = p.x();
    float[] w = p.kernel();
    for (int i = 0; i < m; i++) {
      for (int q = 0; q < k; q++) {
        double xv = x[i * k + q];
        for (int j = 0; j < n; j++) {
          double t = xv * w[q * n + j];
          z[i * n + j] += t;
          magnitude[i * n + j] += Math.abs(t);
        }
      }
    }
    double zGamma = gamma(k + 1);
    double[] tol = new double[m * n];
    if (!epilogue) {
      for (int i = 0; i < m * n; i++) {
        tol[i] = zGamma * magnitude[i];
      }
      return new Float64Reference(z, tol);
    }
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        z[i * n + j] += p.bias()[j];
        magnitude[i * n + j] += Math.abs(p.bias()[j]);
      }
    }
    double[] y = new double[m * n];
    for (int i = 0; i < m; i++) {
      activateRow(p.activation(), z, magnitude, zGamma, i * n, n, y, tol);
    }
    return new Float64Reference(y, tol);
  }

  private static void activateRow(String act, double[] z, double[] magnitude, double zGamma, int off, int n,
      double[] y, double[] tol) {
    if (act.equals("softmax")) {
      double max = Double.NEGATIVE_INFINITY;
      double zBound = 0;
      for (int j = off; j < off + n; j++) {
        max = Math.max(max, z[j]);
        zBound = Math.max(zBound, zGamma * magnitude[j]);
      }
      double sum = 0;
      for (int j = off; j < off + n; j++) {
        y[j] = Math.exp(z[j] - max);
        sum += y[j];
      }
      for (int j = off; j < off + n; j++) {
        y[j] /= sum;
        tol[j] = (2 * zBound + gamma(n) + ACTIVATION_RELATIVE) * y[j] + ACTIVATION_ABSOLUTE;
      }
      return;
    }
    for (int j = off; j < off + n; j++) {
      double v = z[j];
      y[j] = switch (act) {
        case "linear" -> v;
        case "relu" -> Math.max(v, 0);
        case "tanh" -> Math.tanh(v);
        case "gelu" -> 0.5 * v * (1 + erf(v / Math.sqrt(2)));
        default -> throw new IllegalArgumentException("Float64Reference: no float64 form of activation " + act);
      };
      tol[j] = LIPSCHITZ * zGamma * magnitude[j] + ACTIVATION_RELATIVE * Math.abs(y[j]) + ACTIVATION_ABSOLUTE;
    }
  }

  /** {@code γ(n) = n·u / (1 − n·u)}: the relative error bound of n float32 operations in a row. */
  static double gamma(int n) {
    return n * U / (1 - n * U);
  }

  /**
   * erf in float64 from its everywhere-convergent series of positive terms,
   * {@code erf(x) = 2/√π · e^(−x²) · Σ 2ⁿ x^(2n+1) / (1·3·…·(2n+1))} (Abramowitz–Stegun 7.1.6):
   * no cancellation, so about 1e-15 relative; {@code |x| ≥ 6} gives ±1 (erfc(6) < 3e-17).
   */
  static double erf(double x) {
    double a = Math.abs(x);
    if (a >= 6) {
      return Math.copySign(1, x);
    }
    double term = a;
    double sum = a;
    for (int n = 1; term > 1e-17 * sum; n++) {
      term *= 2 * a * a / (2 * n + 1);
      sum += term;
    }
    return Math.copySign(2 / Math.sqrt(Math.PI) * Math.exp(-a * a) * sum, x);
  }
}
