// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.testing;

import dev.dense4j.activations.Activation;
import dev.dense4j.layers.ActivationLayer;
import dev.dense4j.layers.BatchNormalization;
import dev.dense4j.layers.Dense;
import dev.dense4j.layers.LayerNormalization;
import dev.dense4j.layers.Normalization;
import dev.dense4j.layers.Rescaling;
import dev.dense4j.layers.Dropout;
import dev.dense4j.layers.ELU;
import dev.dense4j.layers.Flatten;
import dev.dense4j.layers.Layer;
import dev.dense4j.layers.LeakyReLU;
import dev.dense4j.layers.ReLU;
import dev.dense4j.layers.Softmax;
import dev.dense4j.models.Sequential;
import java.util.List;
import java.util.function.DoubleUnaryOperator;

/**
 * An independent float64 forward pass over a model's weights, with the Keras formulas written
 * out here (Keras 2's hard_sigmoid when asked): the oracle for models built in code and for
 * loaded models whose source ships no predictions. It reads only the weights
 * ({@link Dense#getWeights()}) and the layers' settings, never dense4j's forward code.
 */
public final class Float64Forward {

  private Float64Forward() {}

  /** {@code rows} rows of the model's input width → rows of its output width, Keras 3 formulas. */
  public static double[][] run(Sequential model, double[][] x) {
    return run(model, x, false, false);
  }

  /** Like {@link #run(Sequential, double[][])}, with Keras 2's hard_sigmoid when {@code keras2HardSigmoid}. */
  public static double[][] run(Sequential model, double[][] x, boolean keras2HardSigmoid) {
    return run(model, x, keras2HardSigmoid, false);
  }

  /**
   * {@code batch} row-major rows of {@code x} → the flat output, with each layer's output rounded
   * to float32 as the model stores it between layers (only the arithmetic inside a layer is float64).
   */
  public static double[] runFloat32Between(Sequential model, float[] x, int batch) {
    int width = batch == 0 ? 0 : x.length / batch;
    double[][] rows = new double[batch][width];
    for (int i = 0; i < batch * width; i++) {
      rows[i / width][i % width] = x[i];
    }
    double[][] y = run(model, rows, false, true);
    int w = y.length == 0 ? 0 : y[0].length;
    double[] flat = new double[batch * w];
    for (int r = 0; r < y.length; r++) {
      System.arraycopy(y[r], 0, flat, r * w, w);
    }
    return flat;
  }

  private static double[][] run(Sequential model, double[][] x, boolean keras2, boolean float32Between) {
    double[][] h = x;
    for (Layer l : model.layers()) {
      h = switch (l) {
        case Dense d -> dense(d, h, keras2);
        case ActivationLayer a -> act(a.activation(), h, keras2);
        case ReLU r -> map(h, v -> relu(v, r.negativeSlope(), r.maxValue(), r.threshold()));
        case LeakyReLU r -> map(h, v -> v >= 0 ? v : r.negativeSlope() * v);
        case ELU e -> map(h, v -> v > 0 ? v : e.alpha() * Math.expm1(v));
        case Softmax s -> softmax(h);
        case Dropout d -> h;
        case Flatten f -> h;
        case BatchNormalization b -> batchNorm(b, h);
        case LayerNormalization n -> layerNorm(n, h);
        case Normalization n -> normalization(n, h);
        case Rescaling r -> map(h, v -> v * (double) r.scale() + r.offset());
        default -> throw new AssertionError("Float64Forward: no float64 form of layer " + l);
      };
      if (float32Between) {
        h = map(h, v -> (float) v);
      }
    }
    return h;
  }

  // Keras: gamma·(x − moving_mean) / sqrt(moving_variance + epsilon) + beta
  private static double[][] batchNorm(BatchNormalization b, double[][] x) {
    double[][] y = new double[x.length][];
    for (int r = 0; r < x.length; r++) {
      y[r] = new double[x[r].length];
      for (int j = 0; j < x[r].length; j++) {
        double g = b.gamma() == null ? 1 : b.gamma().getFlat(j);
        double be = b.beta() == null ? 0 : b.beta().getFlat(j);
        y[r][j] = g * (x[r][j] - b.movingMean().getFlat(j)) / Math.sqrt(b.movingVariance().getFlat(j) + (double) b.epsilon())
            + be;
      }
    }
    return y;
  }

  /** Keras' layer normalization of one row in float64 (rms: x·gamma / sqrt(var + eps), Keras 3's rms_scaling). */
  public static double[] layerNormRow(double[] x, float[] gamma, float[] beta, double epsilon, boolean rms) {
    int c = x.length;
    double mean = 0;
    for (double v : x) {
      mean += v;
    }
    mean /= c;
    double var = 0;
    for (double v : x) {
      var += (v - mean) * (v - mean);
    }
    var /= c;
    double[] y = new double[c];
    for (int j = 0; j < c; j++) {
      double g = gamma == null ? 1 : gamma[j];
      double b = beta == null ? 0 : beta[j];
      y[j] = rms ? x[j] * g / Math.sqrt(var + epsilon) : (x[j] - mean) / Math.sqrt(var + epsilon) * g + b;
    }
    return y;
  }

  private static double[][] layerNorm(LayerNormalization n, double[][] x) {
    float[] gamma = n.gamma() == null ? null : n.gamma().toArray();
    float[] beta = n.beta() == null ? null : n.beta().toArray();
    double[][] y = new double[x.length][];
    for (int r = 0; r < x.length; r++) {
      y[r] = layerNormRow(x[r], gamma, beta, n.epsilon(), n.rmsScaling());
    }
    return y;
  }

  // Keras: (x − mean) / max(sqrt(variance), 1e-7), or mean + x·max(sqrt(variance), 1e-7) with invert
  private static double[][] normalization(Normalization n, double[][] x) {
    double[][] y = new double[x.length][];
    for (int r = 0; r < x.length; r++) {
      y[r] = new double[x[r].length];
      for (int j = 0; j < x[r].length; j++) {
        int k = n.mean().size() == 1 ? 0 : j;
        double std = Math.max(Math.sqrt(n.variance().getFlat(k)), 1e-7);
        double m = n.mean().getFlat(k);
        y[r][j] = n.invert() ? m + x[r][j] * std : (x[r][j] - m) / std;
      }
    }
    return y;
  }

  private static double[][] dense(Dense d, double[][] x, boolean keras2) {
    List<float[]> w = d.getWeights();
    float[] k = w.get(0);
    int in = d.inputDim();
    int units = d.units();
    double[][] y = new double[x.length][units];
    for (int r = 0; r < x.length; r++) {
      for (int j = 0; j < units; j++) {
        double acc = d.useBias() ? w.get(1)[j] : 0;
        for (int i = 0; i < in; i++) {
          acc += x[r][i] * k[i * units + j];
        }
        y[r][j] = acc;
      }
    }
    return act(d.activation(), y, keras2);
  }

  private static double[][] act(Activation a, double[][] h, boolean keras2) {
    return switch (a.name()) {
      case "linear" -> h;
      case "relu" -> map(h, v -> Math.max(v, 0));
      case "sigmoid" -> map(h, v -> 1 / (1 + Math.exp(-v)));
      case "tanh" -> map(h, Math::tanh);
      case "softplus" -> map(h, v -> Math.log1p(Math.exp(v)));
      case "softsign" -> map(h, v -> v / (1 + Math.abs(v)));
      case "elu" -> map(h, v -> v > 0 ? v : Math.expm1(v));
      case "selu" -> map(h, v -> 1.0507009873554805 * (v > 0 ? v : 1.6732632423543772 * Math.expm1(v)));
      case "hard_sigmoid" -> keras2 ? map(h, v -> Math.min(1, Math.max(0, 0.2 * v + 0.5)))
          : map(h, v -> Math.min(1, Math.max(0, v / 6 + 0.5)));
      case "softmax" -> softmax(h);
      default -> throw new AssertionError("Float64Forward: no float64 form of activation " + a);
    };
  }

  private static double relu(double x, double s, double m, double t) {
    double p = t != 0 ? (x > t ? x : 0) : Math.max(x, 0);
    if (m != Double.POSITIVE_INFINITY) {
      p = Math.min(Math.max(p, 0), m);
    }
    return s != 0 ? p - s * Math.max(t - x, 0) : p;
  }

  private static double[][] softmax(double[][] h) {
    double[][] y = new double[h.length][];
    for (int r = 0; r < h.length; r++) {
      double max = Double.NEGATIVE_INFINITY;
      for (double v : h[r]) {
        max = Math.max(max, v);
      }
      double sum = 0;
      y[r] = new double[h[r].length];
      for (int j = 0; j < h[r].length; j++) {
        y[r][j] = Math.exp(h[r][j] - max);
        sum += y[r][j];
      }
      for (int j = 0; j < h[r].length; j++) {
        y[r][j] /= sum;
      }
    }
    return y;
  }

  private static double[][] map(double[][] h, DoubleUnaryOperator f) {
    double[][] y = new double[h.length][];
    for (int r = 0; r < h.length; r++) {
      y[r] = new double[h[r].length];
      for (int j = 0; j < h[r].length; j++) {
        y[r][j] = f.applyAsDouble(h[r][j]);
      }
    }
    return y;
  }
}
