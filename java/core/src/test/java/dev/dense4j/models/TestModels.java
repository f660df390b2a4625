// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.models;

import dev.dense4j.backend.Backend;
import dev.dense4j.layers.Dense;
import java.util.List;
import java.util.SplittableRandom;

/** Seeded Dense models (their float64 oracle is {@link dev.dense4j.testing.Float64Forward}). */
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
}
