// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.models;

import dev.dense4j.backend.Backend;
import dev.dense4j.initializers.GlorotUniform;
import dev.dense4j.layers.Dense;
import dev.dense4j.tensor.Tensor;
import java.util.SplittableRandom;

/** Seeded synthetic data and small models for the training tests. */
final class TrainingData {

  private TrainingData() {}

  static final int FEATURES = 8;
  static final int CLASSES = 3;

  /** {@code n} samples of 8 features in [-1, 1); the label is the argmax of a fixed linear map. */
  static Tensor[] classification(int n, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    double[] w = new double[FEATURES * CLASSES];
    for (int i = 0; i < w.length; i++) {
      w[i] = rng.nextDouble(-1, 1);
    }
    float[] x = new float[n * FEATURES];
    float[] y = new float[n];
    for (int s = 0; s < n; s++) {
      double[] score = new double[CLASSES];
      for (int f = 0; f < FEATURES; f++) {
        x[s * FEATURES + f] = (float) rng.nextDouble(-1, 1);
        for (int c = 0; c < CLASSES; c++) {
          score[c] += x[s * FEATURES + f] * w[f * CLASSES + c];
        }
      }
      int best = 0;
      for (int c = 1; c < CLASSES; c++) {
        best = score[c] > score[best] ? c : best;
      }
      y[s] = best;
    }
    return new Tensor[] {Tensor.of(x, n, FEATURES), Tensor.of(y, n)};
  }

  /** 8 → 16 relu → 3 softmax, seeded initializers, on a backend. */
  static Sequential mlp(Backend backend, long seed) {
    Sequential m = new Sequential();
    m.add(Dense.builder(16).activation("relu").kernelInitializer(new GlorotUniform(seed)).backend(backend).build());
    m.add(Dense.builder(CLASSES).activation("softmax").kernelInitializer(new GlorotUniform(seed + 1))
        .backend(backend).build());
    m.build(-1, FEATURES);
    return m;
  }
}
