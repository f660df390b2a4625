// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.goldens;

import dev.dense4j.activations.Activation;
import dev.dense4j.activations.Activations;
import dev.dense4j.backend.Backend;
import dev.dense4j.layers.Dense;
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
 * Every activation, by name and with parameters, against Keras' own outputs: through
 * {@link Activation#apply} and through a Dense layer with an identity kernel (the fused kernel) on
 * each backend.
 */
class KerasActivationGoldensTest {

  /** float32 results of two implementations of one formula: a few ulps, plus a floor near zero. */
  static final Tolerance KERAS = new Tolerance(4e-6, 1e-6);

  static final Map<String, Object> GOLDEN = KerasGoldens.load("activations.json");

  static Stream<Arguments> cases() {
    return KerasGoldens.cases("activations.json").stream().flatMap(c -> TestBackends.all()
        .map(b -> Arguments.of(Named.of(c.get("name") + "" + c.get("params"), c), b)));
  }

  @ParameterizedTest(name = "{0} on {1}")
  @MethodSource("cases")
  void matchesKeras(Map<String, Object> golden, Backend backend) {
    TestBackends.assumeAvailable(backend);
    Activation act = activation((String) golden.get("name"), params(golden));
    int[] shape = KerasGoldens.shape(GOLDEN.get("x"));
    float[] x = KerasGoldens.data(GOLDEN.get("x"));
    float[] expected = KerasGoldens.data(golden.get("y"));
    int rows = shape[0];
    int cols = shape[1];
    float[] applied = x.clone();
    if (act.outputWidth(cols) == cols) {
      act.apply(applied, 0, rows, cols);
      KerasGoldens.check(KERAS, act + " apply", applied, expected);
    }
    try (Dense dense = Dense.builder(cols).activation(act).backend(backend).build()) {
      dense.build(-1, cols);
      float[] identity = new float[cols * cols];
      for (int i = 0; i < cols; i++) {
        identity[i * cols + i] = 1;
      }
      dense.setWeights(List.of(identity, new float[cols]));
      KerasGoldens.check(KERAS, act + " Dense on " + backend, dense.call(x, rows, cols), expected);
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Number> params(Map<String, Object> golden) {
    return (Map<String, Number>) (Map<String, ?>) golden.get("params");
  }

  /** The activation a golden names; parameters go through the public factories. */
  static Activation activation(String name, Map<String, ?> p) {
    if (p.isEmpty()) {
      return Activations.get(name);
    }
    return switch (name) {
      case "relu" -> Activations.relu(f(p, "negative_slope"), f(p, "max_value"), f(p, "threshold"));
      case "leaky_relu" -> Activations.leakyRelu(f(p, "negative_slope"));
      case "elu" -> Activations.elu(f(p, "alpha"));
      case "celu" -> Activations.celu(f(p, "alpha"));
      case "gelu" -> Activations.gelu((Boolean) p.get("approximate"));
      case "squareplus" -> Activations.squareplus(f(p, "b"));
      case "soft_shrink" -> Activations.softShrink(f(p, "threshold"));
      case "hard_shrink" -> Activations.hardShrink(f(p, "threshold"));
      case "threshold" -> Activations.threshold(f(p, "threshold"), f(p, "default_value"));
      default -> throw new IllegalArgumentException("activations.json: no factory for " + name + p);
    };
  }

  private static float f(Map<String, ?> p, String key) {
    return ((Number) p.get(key)).floatValue();
  }
}
