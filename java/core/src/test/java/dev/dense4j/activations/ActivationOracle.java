// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.activations;

import java.util.Arrays;

/**
 * Keras 3's activation formulas (spec §2.2–2.3) in float64, written independently of the library
 * (different but equivalent forms where a choice exists), as the test oracle.
 */
final class ActivationOracle {

  private ActivationOracle() {}

  static final double SELU_ALPHA = 1.6732632423543772848170429916717;
  static final double SELU_SCALE = 1.0507009873554804934193349852946;

  static double sigmoid(double x) {
    return 0.5 * (1 + Math.tanh(x / 2));
  }

  static double softplus(double x) {
    return x > 30 ? x + Math.exp(-x) : Math.log1p(Math.exp(x));
  }

  static double erf(double x) {
    // Abramowitz–Stegun 7.1.28 is too coarse; integrate exp(-t²) with composite Simpson instead
    if (Double.isNaN(x)) {
      return x;
    }
    if (Math.abs(x) >= 6) {
      return Math.copySign(1, x); // erfc(6) = 2e-17 is below half a double ulp of 1
    }
    double a = Math.abs(x);
    int n = 2000;
    double h = a / n;
    double s = 1 + Math.exp(-a * a);
    for (int i = 1; i < n; i++) {
      double t = i * h;
      s += (i % 2 == 1 ? 4 : 2) * Math.exp(-t * t);
    }
    return Math.copySign(2 / Math.sqrt(Math.PI) * s * h / 3, x);
  }

  static double relu(double x, double slope, double max, double thr) {
    // spec §2.3, step by step
    if (slope != 0 && Double.isInfinite(max) && thr == 0) {
      return Math.max(x, slope * x);
    }
    double p = thr != 0 ? (x > thr ? x : 0) : Math.max(x, 0);
    if (!Double.isInfinite(max)) {
      p = Math.min(Math.max(p, 0), max);
    }
    return slope != 0 ? p - slope * Math.max(thr - x, 0) : p;
  }

  static double elementwise(String name, double x) {
    return switch (name) {
      case "linear" -> x;
      case "relu" -> Math.max(x, 0);
      case "leaky_relu" -> x >= 0 ? x : 0.2 * x;
      case "relu6" -> Math.min(Math.max(x, 0), 6);
      case "elu" -> x > 0 ? x : Math.expm1(x);
      case "selu" -> x > 0 ? SELU_SCALE * x : SELU_SCALE * SELU_ALPHA * Math.expm1(x);
      case "celu" -> Math.max(x, 0) + Math.expm1(Math.min(x, 0));
      case "sigmoid" -> sigmoid(x);
      case "hard_sigmoid" -> Math.min(Math.max(x / 6 + 0.5, 0), 1);
      case "sparse_sigmoid" -> x <= -1 ? 0 : x >= 1 ? 1 : 0.5 * (x + 1);
      case "log_sigmoid" -> -softplus(-x);
      case "tanh" -> Math.tanh(x);
      case "hard_tanh" -> Math.min(Math.max(x, -1), 1);
      case "tanh_shrink" -> x - Math.tanh(x);
      case "softplus" -> softplus(x);
      case "softsign" -> x / (1 + Math.abs(x));
      case "squareplus" -> 0.5 * (x + Math.sqrt(x * x + 4));
      case "sparse_plus" -> x <= -1 ? 0 : x >= 1 ? x : 0.25 * (x + 1) * (x + 1);
      case "silu" -> x * sigmoid(x);
      case "hard_silu" -> x * Math.min(Math.max(x / 6 + 0.5, 0), 1);
      case "gelu" -> 0.5 * x * (1 + erf(x / Math.sqrt(2)));
      case "mish" -> x * Math.tanh(softplus(x));
      case "exponential" -> Math.exp(x);
      case "soft_shrink" -> x > 0.5 ? x - 0.5 : x < -0.5 ? x + 0.5 : 0;
      case "hard_shrink" -> Math.abs(x) > 0.5 ? x : 0;
      default -> throw new IllegalArgumentException("not element-wise: " + name);
    };
  }

  static double geluTanh(double x) {
    return 0.5 * x * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (x + 0.044715 * x * x * x)));
  }

  static double[] softmax(double[] z) {
    double m = Arrays.stream(z).max().orElse(0);
    double s = Arrays.stream(z).map(v -> Math.exp(v - m)).sum();
    return Arrays.stream(z).map(v -> Math.exp(v - m) / s).toArray();
  }

  static double[] logSoftmax(double[] z) {
    double m = Arrays.stream(z).max().orElse(0);
    double lse = m + Math.log(Arrays.stream(z).map(v -> Math.exp(v - m)).sum());
    return Arrays.stream(z).map(v -> v - lse).toArray();
  }

  static double[] glu(double[] z) {
    int h = z.length / 2;
    double[] out = new double[h];
    for (int j = 0; j < h; j++) {
      out[j] = z[j] * sigmoid(z[j + h]);
    }
    return out;
  }

  /** Sparsemax by bisection on tau (sum of max(z - tau, 0) = 1), a different route from sorting. */
  static double[] sparsemax(double[] z) {
    double lo = Arrays.stream(z).max().orElse(0) - 1;
    double hi = lo + 1;
    for (int it = 0; it < 200; it++) {
      double mid = 0.5 * (lo + hi);
      double s = 0;
      for (double v : z) {
        s += Math.max(v - mid, 0);
      }
      if (s > 1) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    double tau = 0.5 * (lo + hi);
    return Arrays.stream(z).map(v -> Math.max(v - tau, 0)).toArray();
  }
}
