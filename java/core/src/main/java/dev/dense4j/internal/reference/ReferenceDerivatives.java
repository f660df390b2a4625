// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.internal.reference;

import static dev.dense4j.internal.reference.ReferenceMath.SELU_ALPHA;
import static dev.dense4j.internal.reference.ReferenceMath.SELU_SCALE;
import static dev.dense4j.internal.reference.ReferenceMath.sigmoid;
import static dev.dense4j.internal.reference.ReferenceMath.softplus;

import dev.dense4j.internal.ActivationKind;

/**
 * Derivatives of the Keras 3 activations in float64, from the pre-activation alone: the
 * reference for {@code d4j_f32_act_backward}. At a kink the one-sided derivative of the branch
 * that holds the point in the forward formula is used, as the native kernels do.
 */
public final class ReferenceDerivatives {

  private ReferenceDerivatives() {}

  private static final double INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);
  private static final double SQRT_2_OVER_PI = Math.sqrt(2 / Math.PI);
  private static final double GELU_C = 0.044715;

  /** {@code act'(x)} for an element-wise kind. */
  public static double derivative(ActivationKind kind, double p0, double p1, double p2, double x) {
    return switch (kind) {
      case LINEAR -> 1;
      case RELU -> relu(x, p0, p1, p2);
      case LEAKY_RELU -> x >= 0 ? 1 : p0;
      case RELU6 -> x > 0 && x < 6 ? 1 : 0;
      case ELU -> x > 0 ? 1 : p0 * Math.exp(x);
      case SELU -> x > 0 ? SELU_SCALE : SELU_SCALE * SELU_ALPHA * Math.exp(x);
      case CELU -> x > 0 ? 1 : Math.exp(x / p0);
      case SIGMOID -> sigmoid(x) * sigmoid(-x);
      case HARD_SIGMOID -> inside(p0 * x + p1) ? p0 : 0;
      case SPARSE_SIGMOID -> x > -1 && x < 1 ? 0.5 : 0;
      case LOG_SIGMOID -> sigmoid(-x);
      case TANH -> 1 - Math.tanh(x) * Math.tanh(x);
      case HARD_TANH -> x > -1 && x < 1 ? 1 : 0;
      case TANH_SHRINK -> Math.tanh(x) * Math.tanh(x);
      case SOFTPLUS -> sigmoid(x);
      case SOFTSIGN -> 1 / ((1 + Math.abs(x)) * (1 + Math.abs(x)));
      case SQUAREPLUS -> {
        double r = Math.sqrt(x * x + p0);
        yield r > 0 ? 0.5 * (1 + x / r) : 0.5;
      }
      case SPARSE_PLUS -> x <= -1 ? 0 : x >= 1 ? 1 : (x + 1) / 2;
      case SILU -> sigmoid(x) * (1 + x * sigmoid(-x));
      case HARD_SILU -> {
        double u = p0 * x + p1;
        yield ReferenceMath.clip(u, 0, 1) + (inside(u) ? x * p0 : 0);
      }
      case GELU -> p0 != 0 ? geluTanh(x) : geluExact(x);
      case MISH -> {
        double t = Math.tanh(softplus(x));
        yield t + x * (1 - t * t) * sigmoid(x);
      }
      case EXPONENTIAL -> Math.exp(x);
      case SOFT_SHRINK, HARD_SHRINK -> x > p0 || x < -p0 ? 1 : 0;
      case THRESHOLD -> x > p0 ? 1 : 0;
      case SOFTMAX, LOG_SOFTMAX, GLU, SPARSEMAX ->
          throw new IllegalArgumentException(kind + " works along rows, not element by element");
    };
  }

  private static boolean inside(double u) {
    return u > 0 && u < 1;
  }

  // Keras' relu (spec §2.3): p = x > t ? x : 0, clipped to [0, m] when m is finite, minus s·max(t - x, 0)
  private static double relu(double x, double s, double m, double t) {
    if (s != 0 && m == Double.POSITIVE_INFINITY && t == 0) {
      return x >= 0 ? 1 : s;
    }
    double p = x > t ? x : 0;
    boolean passes = x > t && (m == Double.POSITIVE_INFINITY || (p >= 0 && p <= m));
    return (passes ? 1 : 0) + (t - x > 0 ? s : 0);
  }

  private static double geluExact(double x) {
    return 0.5 * (1 + ReferenceMath.erf(x / Math.sqrt(2))) + x * INV_SQRT_2PI * Math.exp(-0.5 * x * x);
  }

  private static double geluTanh(double x) {
    double t = Math.tanh(SQRT_2_OVER_PI * (x + GELU_C * x * x * x));
    double du = SQRT_2_OVER_PI * (1 + 3 * GELU_C * x * x);
    return 0.5 * (1 + t) + 0.5 * x * (1 - t * t) * du;
  }

  /**
   * {@code dz = J(z)ᵀ·dy} over one row for a row-wise kind: {@code z} has n values, {@code dy}
   * has the output width (n/2 for GLU). The row's output is recomputed from {@code z} in float64.
   */
  public static void rowJvp(ActivationKind kind, double[] z, int n, double[] dy, double[] dz) {
    double[] y = new double[n];
    ReferenceMath.applyRow(kind, z, n, y);
    switch (kind) {
      case SOFTMAX -> {
        double dot = 0;
        for (int j = 0; j < n; j++) {
          dot += y[j] * dy[j];
        }
        for (int j = 0; j < n; j++) {
          dz[j] = y[j] * (dy[j] - dot);
        }
      }
      case LOG_SOFTMAX -> {
        double sum = 0;
        for (int j = 0; j < n; j++) {
          sum += dy[j];
        }
        for (int j = 0; j < n; j++) {
          dz[j] = dy[j] - Math.exp(y[j]) * sum;
        }
      }
      case GLU -> {
        int h = n / 2;
        for (int j = 0; j < h; j++) {
          double s = sigmoid(z[j + h]);
          dz[j] = dy[j] * s;
          dz[j + h] = dy[j] * z[j] * s * (1 - s);
        }
      }
      case SPARSEMAX -> sparsemaxJvp(y, n, dy, dz);
      default -> throw new IllegalArgumentException(kind + " is element-wise");
    }
  }

  private static void sparsemaxJvp(double[] y, int n, double[] dy, double[] dz) {
    double sum = 0;
    int count = 0;
    for (int j = 0; j < n; j++) {
      if (y[j] > 0) {
        sum += dy[j];
        count++;
      }
    }
    double mean = count > 0 ? sum / count : 0;
    for (int j = 0; j < n; j++) {
      dz[j] = y[j] > 0 ? dy[j] - mean : 0;
    }
  }
}
