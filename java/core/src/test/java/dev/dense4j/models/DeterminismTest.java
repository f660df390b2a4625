// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.dense4j.backend.Backend;
import dev.dense4j.losses.SparseCategoricalCrossentropy;
import dev.dense4j.metrics.Metrics;
import dev.dense4j.optimizers.Adam;
import dev.dense4j.tensor.Tensor;
import dev.dense4j.testing.TestBackends;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The same seed gives bit-identical weights and history across runs; another seed does not. */
class DeterminismTest {

  static List<float[]> run(Backend backend, long seed, double[] lossOut) {
    Tensor[] d = TrainingData.classification(200, 11);
    try (Sequential m = TrainingData.mlp(backend, 100)) {
      m.compile(Adam.builder().learningRate(0.01).backend(backend).build(), new SparseCategoricalCrossentropy(),
          Metrics.get("accuracy"));
      History h = m.fit(d[0], d[1], new FitOptions().epochs(3).batchSize(16).seed(seed).validationSplit(0.2)
          .verbosity(Verbosity.SILENT));
      lossOut[0] = h.get("loss").getLast();
      return m.getWeights();
    } finally {
      d[0].close();
      d[1].close();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.dense4j.testing.TestBackends#all")
  void sameSeedSameBits(Backend backend) {
    TestBackends.assumeAvailable(backend);
    double[] l1 = new double[1];
    double[] l2 = new double[1];
    double[] l3 = new double[1];
    List<float[]> a = run(backend, 5, l1);
    List<float[]> b = run(backend, 5, l2);
    List<float[]> c = run(backend, 6, l3);
    for (int i = 0; i < a.size(); i++) {
      assertArrayEquals(a.get(i), b.get(i), "weight " + i);
    }
    assertEquals(l1[0], l2[0]);
    assertFalse(Arrays.equals(a.get(0), c.get(0)), "another shuffling seed trains differently");
  }
}
