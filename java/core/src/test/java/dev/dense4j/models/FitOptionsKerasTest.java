// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.dense4j.backend.Backend;
import dev.dense4j.losses.SparseCategoricalCrossentropy;
import dev.dense4j.optimizers.Adam;
import dev.dense4j.tensor.Tensor;
import dev.dense4j.testing.TestBackends;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Keras' fit arguments {@code initial_epoch}, {@code class_weight} and a scalar sample weight,
 * each against the equivalent run written with the arguments dense4j already had.
 */
class FitOptionsKerasTest {

  private static List<float[]> train(Backend backend, Tensor x, Tensor y, Consumer<FitOptions> options, List<Integer> epochs) {
    try (Sequential m = TrainingData.mlp(backend, 3)) {
      m.compile(new Adam(0.01), new SparseCategoricalCrossentropy());
      FitOptions o = new FitOptions().epochs(2).batchSize(16).seed(4).verbosity(Verbosity.SILENT);
      options.accept(o);
      History h = m.fit(x, y, o);
      if (epochs != null) {
        assertEquals(epochs, h.epochs());
      }
      return m.getWeights();
    }
  }

  private static void assertSame(List<float[]> a, List<float[]> b) {
    for (int i = 0; i < a.size(); i++) {
      assertArrayEquals(a.get(i), b.get(i), 0f, "weight " + i);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.dense4j.testing.TestBackends#all")
  void initialEpochRunsTheRemainingEpochsAndNumbersThemFromThere(Backend backend) {
    TestBackends.assumeAvailable(backend);
    Tensor[] d = TrainingData.classification(64, 8);
    try (Tensor x = d[0]; Tensor y = d[1]) {
      List<float[]> resumed = train(backend, x, y, o -> o.epochs(5).initialEpoch(3), List.of(3, 4));
      List<float[]> two = train(backend, x, y, o -> o.epochs(2), List.of(0, 1));
      assertSame(two, resumed);
      train(backend, x, y, o -> o.epochs(2).initialEpoch(2), List.of()); // nothing left to run
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.dense4j.testing.TestBackends#all")
  void classWeightIsThePerSampleWeightOfEachLabel(Backend backend) {
    TestBackends.assumeAvailable(backend);
    Tensor[] d = TrainingData.classification(64, 9);
    try (Tensor x = d[0]; Tensor y = d[1]) {
      float[] labels = y.toArray();
      float[] w = new float[labels.length];
      for (int i = 0; i < w.length; i++) {
        w[i] = labels[i] == 0 ? 3f : labels[i] == 2 ? 0.5f : 1f; // class 1 is not in the map: weight 1
      }
      Map<Integer, Double> cw = Map.of(0, 3.0, 2, 0.5);
      List<float[]> byClass = train(backend, x, y, o -> o.classWeight(cw), null);
      List<float[]> bySample = train(backend, x, y, o -> o.sampleWeight(w), null);
      assertSame(bySample, byClass);
      try (Sequential m = TrainingData.mlp(backend, 3)) {
        m.compile(new Adam(), new SparseCategoricalCrossentropy());
        var e = assertThrows(IllegalArgumentException.class, () -> m.fit(x, y, new FitOptions().classWeight(cw)
            .sampleWeight(w).verbosity(Verbosity.SILENT)));
        assertEquals("Sequential '" + m.name() + "' fit: class_weight and sample_weight cannot be used at the same time; "
            + "received both", e.getMessage());
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.dense4j.testing.TestBackends#all")
  void aScalarSampleWeightWeighsEverySample(Backend backend) {
    TestBackends.assumeAvailable(backend);
    Tensor[] d = TrainingData.classification(48, 10);
    try (Tensor x = d[0]; Tensor y = d[1]) {
      float[] w = new float[48];
      Arrays.fill(w, 0.25f);
      assertSame(train(backend, x, y, o -> o.sampleWeight(w), null), train(backend, x, y, o -> o.sampleWeight(0.25f), null));
    }
  }
}
