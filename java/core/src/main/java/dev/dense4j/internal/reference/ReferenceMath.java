// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.internal.reference;

import dev.dense4j.internal.ActivationKind;

/**
 * The Keras 3 activation formulas in float64 (spec §2.2–2.3), written for clarity, not speed: the
 * pure-Java backend rounds these to float32.
 */
public final class ReferenceMath {

  private ReferenceMath() {}

  static final double SELU_ALPHA = 1.6732632423543772848170429916717;
  static final double SELU_SCALE = 1.0507009873554804934193349852946;

  /** An element-wise activation at {@code x}; not for the row-wise kinds. */
  public static double apply(ActivationKind kind, double p0, double p1, double p2, double x) {
    return switch (kind) {
      case LINEAR -> x;
      case RELU -> relu(x, p0, p1, p2);
      case LEAKY_RELU -> x >= 0 ? x : p0 * x;
      case RELU6 -> Math.min(Math.max(x, 0), 6);
      case ELU -> x > 0 ? x : p0 * Math.expm1(x);
      case SELU -> x > 0 ? SELU_SCALE * x : SELU_SCALE * SELU_ALPHA * Math.expm1(x);
      case CELU -> Math.max(x, 0) + p0 * Math.expm1(Math.min(x, 0) / p0);
      case SIGMOID -> sigmoid(x);
      case HARD_SIGMOID -> clip(p0 * x + p1, 0, 1);
      case SPARSE_SIGMOID -> x <= -1 ? 0 : x >= 1 ? 1 : (x + 1) / 2;
      case LOG_SIGMOID -> -softplus(-x);
      case TANH -> Math.tanh(x);
      case HARD_TANH -> clip(x, -1, 1);
      case TANH_SHRINK -> x - Math.tanh(x);
      case SOFTPLUS -> softplus(x);
      case SOFTSIGN -> x / (1 + Math.abs(x));
      case SQUAREPLUS -> (x + Math.sqrt(x * x + p0)) / 2;
      case SPARSE_PLUS -> x <= -1 ? 0 : x >= 1 ? x : (x + 1) * (x + 1) / 4;
      case SILU -> x * sigmoid(x);
      case HARD_SILU -> x * clip(p0 * x + p1, 0, 1);
      case GELU -> p0 != 0
          ? 0.5 * x * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (x + 0.044715 * x * x * x)))
          : 0.5 * x * (1 + erf(x / Math.sqrt(2)));
      case MISH -> x * Math.tanh(softplus(x));
      case EXPONENTIAL -> Math.exp(x);
      case SOFT_SHRINK -> x > p0 ? x - p0 : x < -p0 ? x + p0 : 0;
      case HARD_SHRINK -> Math.abs(x) > p0 ? x : 0;
      case THRESHOLD -> x > p0 ? x : p1;
      case SOFTMAX, LOG_SOFTMAX, GLU, SPARSEMAX ->
          throw new IllegalArgumentException(kind + " works along rows, not element by element");
    };
  }

  /** Keras' relu with negative_slope {@code s}, max_value {@code m} (+inf: none), threshold {@code t}. */
  static double relu(double x, double s, double m, double t) {
    if (s != 0 && m == Double.POSITIVE_INFINITY && t == 0) {
      return x >= 0 ? x : s * x;
    }
    double p = t != 0 ? (x > t ? x : 0) : Math.max(x, 0);
    if (m != Double.POSITIVE_INFINITY) {
      p = clip(p, 0, m);
    }
    return s != 0 ? p - s * Math.max(t - x, 0) : p;
  }

  static double clip(double x, double lo, double hi) {
    return Double.isNaN(x) ? x : Math.min(Math.max(x, lo), hi);
  }

  static double sigmoid(double x) {
    return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
  }

  static double softplus(double x) {
    return Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
  }

  /** erf(x) to about 1e-15 (Taylor series near 0, continued fraction for erfc in the tails). */
  static double erf(double x) {
    if (Double.isNaN(x)) {
      return x;
    }
    double a = Math.abs(x);
    double r;
    if (a < 2.5) {
      // erf(a) = 2/sqrt(pi) * sum_k (-1)^k a^(2k+1) / (k! (2k+1))
      double term = a;
      double sum = a;
      for (int k = 1; k < 80 && Math.abs(term) > 1e-18 * Math.abs(sum); k++) {
        term *= -a * a / k;
        sum += term / (2 * k + 1);
      }
      r = 2 / Math.sqrt(Math.PI) * sum;
    } else if (a < 27) {
      // erfc(a) = exp(-a^2)/sqrt(pi) * 1/(a + 1/2/(a + 1/(a + 3/2/(a + 2/(a + ...)))))
      double f = a;
      for (int k = 60; k >= 1; k--) {
        f = a + (k / 2.0) / f;
      }
      r = 1 - Math.exp(-a * a) / Math.sqrt(Math.PI) / f;
    } else {
      r = 1;
    }
    return Math.copySign(r, x);
  }

  /** A row-wise activation over {@code row[0..n)}; returns the number of outputs written to {@code out}. */
  public static int applyRow(ActivationKind kind, double[] row, int n, double[] out) {
    switch (kind) {
      case SOFTMAX, LOG_SOFTMAX -> {
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < n; j++) {
          max = Math.max(max, row[j]);
        }
        double sum = 0;
        for (int j = 0; j < n; j++) {
          sum += Math.exp(row[j] - max);
        }
        for (int j = 0; j < n; j++) {
          out[j] = kind == ActivationKind.SOFTMAX
              ? Math.exp(row[j] - max) / sum
              : row[j] - max - Math.log(sum);
        }
        return n;
      }
      case GLU -> {
        int h = n / 2;
        for (int j = 0; j < h; j++) {
          out[j] = row[j] * sigmoid(row[j + h]);
        }
        return h;
      }
      case SPARSEMAX -> {
        // relative to the row's maximum (shift-invariant), so huge logits keep the top in the support
        double[] z = java.util.Arrays.copyOf(row, n);
        java.util.Arrays.sort(z);
        double top = Double.isFinite(z[n - 1]) ? z[n - 1] : 0;
        for (int j = 0; j < n; j++) {
          z[j] -= top;
        }
        double cum = 0;
        double tau = 0;
        for (int k = 1; k <= n; k++) {
          double zk = z[n - k];
          cum += zk;
          if (zk - (cum - 1) / k > 0) {
            tau = (cum - 1) / k;
          }
        }
        for (int j = 0; j < n; j++) {
          out[j] = Math.max((row[j] - top) - tau, 0);
        }
        return n;
      }
      default -> throw new IllegalArgumentException(kind + " is element-wise");
    }
  }
}
