// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.models;

import dev.dense4j.backend.Backend;
import dev.dense4j.layers.Dense;
import java.util.List;
import java.util.SplittableRandom;

/** Seeded Dense models and a float64 forward pass to check them against. */
final class TestModels {

  private TestModels() {}

  /** Dense layers of the given widths and activations, weights uniform in [-scale, scale) from {@code seed}. */
  static Sequential mlp(Backend backend, long seed, int[] widths, String... activations) {
    SplittableRandom rng = new SplittableRandom(seed);
    Sequential model = new Sequential();
    for (int i = 0; i < activations.length; i++) {
      Dense d = Dense.builder(widths[i + 1]).activation(activations[i]).backend(backend).build();
      d.build(widths[i]);
      double scale = 1.0 / Math.sqrt(widths[i]);
      d.setWeights(List.of(random(rng, widths[i] * widths[i + 1], scale), random(rng, widths[i + 1], 0.1)));
      model.add(d);
    }
    return model.build(-1, widths[0]);
  }

  static float[] random(SplittableRandom rng, int n, double scale) {
    float[] a = new float[n];
    for (int i = 0; i < n; i++) {
      a[i] = (float) ((rng.nextDouble() * 2 - 1) * scale);
    }
    return a;
  }

  /** The model's output for {@code batch} rows in float64 (linear, relu, tanh), rounded to float32 per layer. */
  static double[] float64Forward(Sequential model, float[] x, int batch) {
    double[] h = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      h[i] = x[i];
    }
    for (var layer : model.layers()) {
      Dense d = (Dense) layer;
      float[] w = d.getWeights().get(0);
      float[] b = d.getWeights().get(1);
      int in = d.inputDim();
      int units = d.units();
      double[] out = new double[batch * units];
      for (int r = 0; r < batch; r++) {
        for (int j = 0; j < units; j++) {
          double acc = b[j];
          for (int p = 0; p < in; p++) {
            acc += h[r * in + p] * w[p * units + j];
          }
          out[r * units + j] = (float) activate(d.activation().name(), acc);
        }
      }
      h = out;
    }
    return h;
  }

  private static double activate(String name, double z) {
    return switch (name) {
      case "linear" -> z;
      case "relu" -> Math.max(0, z);
      case "tanh" -> Math.tanh(z);
      default -> throw new IllegalArgumentException("TestModels: no float64 form of " + name);
    };
  }
}
