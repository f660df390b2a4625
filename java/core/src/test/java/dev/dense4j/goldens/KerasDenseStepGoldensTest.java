// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.goldens;

import dev.dense4j.backend.Backend;
import dev.dense4j.layers.Dense;
import dev.dense4j.losses.MeanSquaredError;
import dev.dense4j.models.Sequential;
import dev.dense4j.optimizers.SGD;
import dev.dense4j.regularizers.L1L2;
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
 * Gradients through Dense as Keras computes them: one {@code train_on_batch} with SGD(learning
 * rate 1) and mean squared error from the same weights, so the new weights are the old ones minus
 * Keras' gradients (with kernel, bias and activity penalties in three cases); the loss too.
 */
class KerasDenseStepGoldensTest {

  /** Weights of order 1 after one step whose gradient sums five float32 rows. */
  static final Tolerance KERAS = new Tolerance(1e-5, 2e-6);

  static final Map<String, Object> GOLDEN = KerasGoldens.load("dense_sgd_step.json");

  static Stream<Arguments> cases() {
    return KerasGoldens.cases("dense_sgd_step.json").stream().flatMap(c -> TestBackends.all()
        .map(b -> Arguments.of(Named.of(c.get("activation") + " " + c.get("regularizers"), c), b)));
  }

  @ParameterizedTest(name = "{0} on {1}")
  @MethodSource("cases")
  @SuppressWarnings("unchecked")
  void matchesKeras(Map<String, Object> golden, Backend backend) {
    TestBackends.assumeAvailable(backend);
    Map<String, Map<String, Number>> regs = (Map<String, Map<String, Number>>) golden.get("regularizers");
    Dense.Builder b = Dense.builder(6).name("dense").activation((String) golden.get("activation")).backend(backend);
    regs.forEach((key, r) -> {
      L1L2 penalty = new L1L2(value(r, "l1"), value(r, "l2"));
      switch (key) {
        case "kernel_regularizer" -> b.kernelRegularizer(penalty);
        case "bias_regularizer" -> b.biasRegularizer(penalty);
        case "activity_regularizer" -> b.activityRegularizer(penalty);
        default -> throw new IllegalArgumentException("dense_sgd_step.json: unknown key " + key);
      }
    });
    Object x = GOLDEN.get("x");
    try (Sequential model = new Sequential();
        Tensor tx = Tensor.of(KerasGoldens.data(x), KerasGoldens.shape(x));
        Tensor ty = Tensor.of(KerasGoldens.data(golden.get("y")), KerasGoldens.shape(golden.get("y")))) {
      model.add(b.build()).build(-1, KerasGoldens.shape(x)[1]);
      model.setWeights(List.of(KerasGoldens.data(GOLDEN.get("kernel")), KerasGoldens.data(GOLDEN.get("bias"))));
      model.compile(SGD.builder().learningRate(1.0).backend(backend).build(), new MeanSquaredError());
      double loss = model.trainOnBatch(tx, ty);
      String what = golden.get("activation") + " " + regs + " on " + backend;
      KERAS.check(what + " loss", (float) loss, ((Number) golden.get("loss")).doubleValue());
      List<float[]> w = model.getWeights();
      KerasGoldens.check(KERAS, what + " kernel", w.get(0), KerasGoldens.data(golden.get("kernel")));
      KerasGoldens.check(KERAS, what + " bias", w.get(1), KerasGoldens.data(golden.get("bias")));
    }
  }

  private static double value(Map<String, Number> r, String key) {
    return r.containsKey(key) ? r.get(key).doubleValue() : 0.0;
  }
}
