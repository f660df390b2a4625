// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.cli.serve;

import dev.dense4j.layers.Dense;
import dev.dense4j.models.Sequential;
import dev.dense4j.testing.Float64Forward;
import java.util.List;

/** Small models built in code, and their outputs from the shared float64 oracle. */
final class ServeModels {

  private ServeModels() {}

  /** 4 → Dense(2, linear) with weights w[p][j] = version · (p + 1) · (j + 1) / 10 and bias version / 100. */
  static Sequential mlp(int version) {
    Dense d = Dense.builder(2).name("out").build();
    d.build(4);
    float[] w = new float[8];
    for (int p = 0; p < 4; p++) {
      for (int j = 0; j < 2; j++) {
        w[p * 2 + j] = version * (p + 1) * (j + 1) / 10f;
      }
    }
    d.setWeights(List.of(w, new float[] {version / 100f, version / 100f}));
    return new Sequential("served_v" + version).add(d).build(-1, 4);
  }

  /** A model of other output shape: 4 → 3. */
  static Sequential wider() {
    Dense d = Dense.builder(3).build();
    d.build(4);
    return new Sequential("wider").add(d).build(-1, 4);
  }

  /** The outputs of {@link #mlp} for rows {@code x}: the float64 oracle, rounded to float32 like the JSON reply. */
  static float[][] expected(int version, float[][] x) {
    double[][] rows = new double[x.length][];
    for (int i = 0; i < x.length; i++) {
      rows[i] = new double[x[i].length];
      for (int p = 0; p < x[i].length; p++) {
        rows[i][p] = x[i][p];
      }
    }
    try (Sequential model = mlp(version)) {
      double[][] want = Float64Forward.run(model, rows);
      float[][] y = new float[want.length][];
      for (int i = 0; i < want.length; i++) {
        y[i] = new float[want[i].length];
        for (int j = 0; j < want[i].length; j++) {
          y[i][j] = (float) want[i][j];
        }
      }
      return y;
    }
  }
}
