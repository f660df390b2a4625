// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dense4j.backend.Backend;
import dev.dense4j.initializers.GlorotUniform;
import dev.dense4j.layers.Dense;
import dev.dense4j.layers.Dropout;
import dev.dense4j.losses.SparseCategoricalCrossentropy;
import dev.dense4j.metrics.Metrics;
import dev.dense4j.optimizers.Adam;
import dev.dense4j.tensor.Tensor;
import dev.dense4j.testing.TestBackends;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code fit} with a Dropout layer: it learns, reruns are bit-identical, inference drops nothing. */
class DropoutFitTest {

  static Sequential model(Backend backend, long seed, float rate) {
    Sequential m = new Sequential("m", backend);
    m.add(Dense.builder(32).name("h").activation("relu").kernelInitializer(new GlorotUniform(seed)).backend(backend).build());
    m.add(new Dropout("drop", rate, null, seed + 2));
    m.add(Dense.builder(TrainingData.CLASSES).name("o").activation("softmax").kernelInitializer(new GlorotUniform(seed + 1))
        .backend(backend).build());
    m.build(-1, TrainingData.FEATURES);
    m.compile(new Adam(0.01), new SparseCategoricalCrossentropy(), Metrics.get("accuracy"));
    return m;
  }

  static History train(Sequential m, Tensor x, Tensor y) {
    return m.fit(x, y, new FitOptions().epochs(15).batchSize(16).seed(9).verbosity(Verbosity.SILENT));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.dense4j.testing.TestBackends#all")
  void learnsAndTheSameSeedGivesBitIdenticalWeights(Backend backend) {
    TestBackends.assumeAvailable(backend);
    Tensor[] data = TrainingData.classification(256, 1);
    try (Tensor x = data[0]; Tensor y = data[1]; Sequential a = model(backend, 5, 0.3f); Sequential b = model(backend, 5, 0.3f);
        Sequential none = model(backend, 5, 0f)) {
      History h = train(a, x, y);
      train(b, x, y);
      train(none, x, y);
      List<float[]> wa = a.getWeights();
      List<float[]> wb = b.getWeights();
      for (int i = 0; i < wa.size(); i++) {
        assertArrayEquals(wa.get(i), wb.get(i), 0f, "weight " + i + " differs between two runs of the same seed");
      }
      assertFalse(java.util.Arrays.equals(wa.get(0), none.getWeights().get(0)), "dropout changed the training");
      assertTrue(h.get("loss").getLast() < 0.6 * h.get("loss").getFirst(), "loss fell: " + h.get("loss"));
      assertTrue(a.evaluate(x, y).get("accuracy") > 0.85, "accuracy " + a.evaluate(x, y));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.dense4j.testing.TestBackends#all")
  void evaluateAndPredictRunInInferenceMode(Backend backend) {
    TestBackends.assumeAvailable(backend);
    Tensor[] data = TrainingData.classification(40, 2);
    try (Tensor x = data[0]; Tensor y = data[1]; Sequential drop = model(backend, 7, 0.9f);
        Sequential plain = model(backend, 7, 0f)) {
      plain.setWeights(drop.getWeights());
      Map<String, Double> d = drop.evaluate(x, y);
      assertEquals(plain.evaluate(x, y), d, "evaluate drops nothing");
      assertEquals(d, drop.evaluate(x, y), "and is the same every time");
      assertArrayEquals(plain.predict(x.toArray(), 40, TrainingData.FEATURES), drop.predict(x.toArray(), 40,
          TrainingData.FEATURES), 0f);
      // trainOnBatch is training mode: with rate 0.9 its loss differs from evaluate's
      double trained = drop.trainOnBatch(x, y);
      assertTrue(Math.abs(trained - d.get("loss")) > 1e-3, "train loss " + trained + " vs evaluate " + d.get("loss"));
    }
  }
}
