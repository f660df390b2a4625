// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.goldens;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dense4j.backend.Backend;
import dev.dense4j.layers.Dense;
import dev.dense4j.losses.Losses;
import dev.dense4j.models.Sequential;
import dev.dense4j.optimizers.SGD;
import dev.dense4j.tensor.Tensor;
import dev.dense4j.testing.KerasGoldens;
import dev.dense4j.testing.TestBackends;
import dev.dense4j.testing.Tolerance;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Where Keras' backends differ: a saturated softmax (sigmoid) Dense layer, one SGD step with
 * categorical (binary) cross-entropy. Keras' TensorFlow backend trains from the logits, its JAX
 * backend from clipped probabilities; dense4j follows TensorFlow (README, Training), so it matches
 * the TensorFlow golden, and the JAX golden differs from it by far more than the tolerance.
 */
class KerasBackendDifferenceGoldensTest {

  static final Tolerance KERAS = new Tolerance(1e-5, 2e-6);

  static final Map<String, Object> GOLDEN = KerasGoldens.load("backend_differences.json");

  static Stream<Arguments> cases() {
    return KerasGoldens.cases("backend_differences.json").stream().flatMap(c -> TestBackends.all()
        .map(b -> Arguments.of(Named.of(c.get("activation") + " + " + c.get("loss"), c), b)));
  }

  @ParameterizedTest(name = "{0} on {1}")
  @MethodSource("cases")
  @SuppressWarnings("unchecked")
  void followsKerasTensorFlowBackend(Map<String, Object> golden, Backend backend) {
    TestBackends.assumeAvailable(backend);
    Map<String, Object> tf = (Map<String, Object>) golden.get("tensorflow");
    Map<String, Object> jax = (Map<String, Object>) golden.get("jax");
    Object x = GOLDEN.get("x");
    try (Sequential model = new Sequential();
        Tensor tx = Tensor.of(KerasGoldens.data(x), KerasGoldens.shape(x));
        Tensor ty = Tensor.of(KerasGoldens.data(golden.get("y")), KerasGoldens.shape(golden.get("y")))) {
      model.add(Dense.builder(3).activation((String) golden.get("activation")).backend(backend).build())
          .build(-1, KerasGoldens.shape(x)[1]);
      model.setWeights(List.of(KerasGoldens.data(GOLDEN.get("kernel")), KerasGoldens.data(GOLDEN.get("bias"))));
      model.compile(SGD.builder().learningRate(0.1).backend(backend).build(), Losses.get((String) golden.get("loss")));
      double loss = model.trainOnBatch(tx, ty);
      String what = golden.get("activation") + " on " + backend;
      KERAS.check(what + " loss (Keras on TensorFlow)", (float) loss, ((Number) tf.get("loss")).doubleValue());
      List<float[]> w = model.getWeights();
      KerasGoldens.check(KERAS, what + " kernel (Keras on TensorFlow)", w.get(0), KerasGoldens.data(tf.get("kernel")));
      KerasGoldens.check(KERAS, what + " bias (Keras on TensorFlow)", w.get(1), KerasGoldens.data(tf.get("bias")));
      double jaxLoss = ((Number) jax.get("loss")).doubleValue();
      assertTrue(!KERAS.accepts((float) loss, jaxLoss), what + ": the JAX golden no longer differs (" + jaxLoss
          + " vs " + loss + "); the backends may have converged");
    }
  }
}
