// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.goldens;

import dev.dense4j.backend.Backend;
import dev.dense4j.layers.Variable;
import dev.dense4j.optimizers.Adam;
import dev.dense4j.optimizers.AdamW;
import dev.dense4j.optimizers.Optimizer;
import dev.dense4j.optimizers.RMSprop;
import dev.dense4j.optimizers.SGD;
import dev.dense4j.tensor.Tensor;
import dev.dense4j.testing.KerasGoldens;
import dev.dense4j.testing.TestBackends;
import dev.dense4j.testing.Tolerance;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each optimizer configuration Keras reported with {@code get_config()}: three steps on a kernel
 * and a bias with Keras' gradients, the weights after every step against Keras', on each backend.
 */
class KerasOptimizerGoldensTest {

  /** Three float32 steps with large learning rates, relative to the weight's scale. */
  static final Tolerance KERAS = new Tolerance(2e-6, 2e-6);

  static final Map<String, Object> GOLDEN = KerasGoldens.load("optimizers.json");

  static Stream<Arguments> cases() {
    return KerasGoldens.cases("optimizers.json").stream().flatMap(c -> TestBackends.all()
        .map(b -> Arguments.of(Named.of(c.get("class_name") + "" + nonNull(c), c), b)));
  }

  @ParameterizedTest(name = "{0} on {1}")
  @MethodSource("cases")
  @SuppressWarnings("unchecked")
  void matchesKeras(Map<String, Object> golden, Backend backend) {
    TestBackends.assumeAvailable(backend);
    List<Object> initial = (List<Object>) GOLDEN.get("variables");
    List<List<Object>> gradients = (List<List<Object>>) GOLDEN.get("gradients");
    List<List<Object>> steps = (List<List<Object>>) golden.get("steps");
    List<Variable> vars = new ArrayList<>();
    String[] names = {"dense/kernel", "dense/bias"};
    try (Optimizer opt = optimizer((String) golden.get("class_name"), (Map<String, Object>) golden.get("config"), backend)) {
      for (int i = 0; i < initial.size(); i++) {
        vars.add(new Variable(names[i], tensor(initial.get(i)), null));
      }
      for (int s = 0; s < steps.size(); s++) {
        List<Tensor> g = gradients.get(s).stream().map(KerasOptimizerGoldensTest::tensor).toList();
        opt.apply(g, vars);
        g.forEach(Tensor::close);
        for (int i = 0; i < vars.size(); i++) {
          KerasGoldens.check(KERAS, opt + " step " + (s + 1) + " " + names[i] + " on " + backend,
              vars.get(i).value().toArray(), KerasGoldens.data(steps.get(s).get(i)));
        }
      }
    } finally {
      vars.forEach(v -> v.value().close());
    }
  }

  /** The optimizer a Keras config describes, through the public builders. */
  static Optimizer optimizer(String className, Map<String, Object> c, Backend backend) {
    return switch (className) {
      case "SGD" -> common(SGD.builder().momentum(d(c, "momentum")).nesterov((Boolean) c.get("nesterov")), c, backend)
          .build();
      case "Adam", "AdamW" -> common((className.equals("Adam") ? Adam.builder() : AdamW.builder())
          .beta1(d(c, "beta_1")).beta2(d(c, "beta_2")).epsilon(d(c, "epsilon")).amsgrad((Boolean) c.get("amsgrad")),
          c, backend).build();
      case "RMSprop" -> common(RMSprop.builder().rho(d(c, "rho")).momentum(d(c, "momentum")).epsilon(d(c, "epsilon"))
          .centered((Boolean) c.get("centered")), c, backend).build();
      default -> throw new IllegalArgumentException("optimizers.json: unknown class " + className);
    };
  }

  /** The options every optimizer shares; null in Keras' config means unset. */
  private static <B extends Optimizer.Builder<B>> B common(B b, Map<String, Object> c, Backend backend) {
    b.learningRate(d(c, "learning_rate")).backend(backend);
    if (c.get("weight_decay") != null) {
      b.weightDecay(d(c, "weight_decay"));
    }
    if (c.get("clipnorm") != null) {
      b.clipnorm(d(c, "clipnorm"));
    }
    if (c.get("global_clipnorm") != null) {
      b.globalClipnorm(d(c, "global_clipnorm"));
    }
    if (c.get("clipvalue") != null) {
      b.clipvalue(d(c, "clipvalue"));
    }
    return b;
  }

  private static double d(Map<String, Object> c, String key) {
    return ((Number) c.get(key)).doubleValue();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> nonNull(Map<String, Object> golden) {
    Map<String, Object> c = new java.util.TreeMap<>((Map<String, Object>) golden.get("config"));
    c.values().removeIf(v -> v == null || Boolean.FALSE.equals(v));
    c.remove("name");
    return c;
  }

  private static Tensor tensor(Object t) {
    return Tensor.of(KerasGoldens.data(t), KerasGoldens.shape(t));
  }
}
