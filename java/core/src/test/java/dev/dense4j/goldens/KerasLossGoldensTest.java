// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.goldens;

import dev.dense4j.losses.Loss;
import dev.dense4j.losses.Losses;
import dev.dense4j.losses.Reduction;
import dev.dense4j.tensor.Tensor;
import dev.dense4j.testing.KerasGoldens;
import dev.dense4j.testing.Tolerance;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each loss configuration × every reduction × with and without sample weights, built from the
 * {@code get_config()} Keras returned, against Keras' value (probabilities of exactly 0 and 1 reach
 * the clip to [ε, 1 − ε]).
 */
class KerasLossGoldensTest {

  /** A reduction of a few dozen float32 terms. */
  static final Tolerance KERAS = new Tolerance(1e-5, 1e-6);

  static Stream<Named<Map<String, Object>>> cases() {
    return KerasGoldens.cases("losses.json").stream()
        .map(c -> Named.of(c.get("class_name") + "" + c.get("config") + (c.get("sample_weight") == null ? "" : " weighted"), c));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  @SuppressWarnings("unchecked")
  void matchesKeras(Map<String, Object> golden) {
    Loss loss = Losses.fromConfig((String) golden.get("class_name"), (Map<String, Object>) golden.get("config"));
    float[] weights = golden.get("sample_weight") == null ? null : KerasGoldens.data(golden.get("sample_weight"));
    try (Tensor yTrue = tensor(golden.get("y_true")); Tensor yPred = tensor(golden.get("y_pred"))) {
      if (loss.reduction() == Reduction.NONE) {
        KerasGoldens.check(KERAS, loss.toString(), loss.perSample(yTrue, yPred, weights),
            KerasGoldens.data(golden.get("value")));
      } else {
        KERAS.check(loss.toString(), (float) loss.call(yTrue, yPred, weights), ((Number) golden.get("value")).doubleValue());
      }
    }
  }

  private static Tensor tensor(Object t) {
    return Tensor.of(KerasGoldens.data(t), KerasGoldens.shape(t));
  }
}
