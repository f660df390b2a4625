// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.optimizers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.dense4j.backend.Backend;
import dev.dense4j.layers.Variable;
import dev.dense4j.tensor.Tensor;
import dev.dense4j.testing.TestBackends;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The parts of Keras 3's optimizer API beyond the update rules: {@code get(None)}, {@code get(dict)},
 * {@code deserialize}, each class's {@code from_config}, schedules, a variable without a gradient,
 * {@code exclude_from_weight_decay(var_list=…)}, AdamW's builder type, and the options dense4j
 * refuses rather than drops.
 */
class OptimizerKerasApiTest {

  @Test
  void getOfNullIsNullAsInKeras() {
    assertNull(Optimizers.get((String) null));
    assertNull(Optimizers.get((Map<String, ?>) null));
  }

  @Test
  void everyOptimizerComesBackFromItsConfigAndItsSerializedForm() {
    List<Optimizer> all = List.of(
        SGD.builder().learningRate(0.05).momentum(0.8).nesterov(true).clipnorm(2).build(),
        Adam.builder().learningRate(new ExponentialDecay(0.01, 7, 0.5, true)).beta1(0.8).amsgrad(true).build(),
        AdamW.builder().learningRate(0.002).weightDecay(0.01).globalClipnorm(1.5).build(),
        RMSprop.builder().rho(0.8).momentum(0.3).centered(true).clipvalue(0.5).build());
    for (Optimizer o : all) {
      Map<String, Object> config = o.getConfig();
      Optimizer fromClass = switch (o) {
        case AdamW w -> AdamW.fromConfig(config);
        case Adam a -> Adam.fromConfig(config);
        case SGD s -> SGD.fromConfig(config);
        case RMSprop r -> RMSprop.fromConfig(config);
        default -> throw new AssertionError(o);
      };
      assertEquals(o.getClass(), fromClass.getClass());
      assertEquals(config, fromClass.getConfig(), o.className() + ".fromConfig");
      Map<String, Object> serialized = Optimizers.serialize(o);
      assertEquals(config, Optimizers.get(serialized).getConfig(), "get(dict) of " + o.className());
      assertEquals(config, Optimizers.deserialize(serialized).getConfig(), "deserialize of " + o.className());
    }
  }

  @Test
  void schedulesComeBackFromTheirConfigs() {
    ExponentialDecay d = new ExponentialDecay(0.1, 10, 0.9, true);
    @SuppressWarnings("unchecked")
    Map<String, Object> config = (Map<String, Object>) d.serialize().get("config");
    assertEquals(d, ExponentialDecay.fromConfig(config));
    assertEquals(d, LearningRateSchedule.deserialize(d.serialize()));
    Map<String, Object> other = new LinkedHashMap<>(d.serialize());
    other.put("class_name", "CosineDecay");
    var e = assertThrows(IllegalArgumentException.class, () -> LearningRateSchedule.deserialize(other));
    assertEquals("Unknown learning rate schedule 'CosineDecay'; known: ExponentialDecay", e.getMessage());
  }

  @Test
  void kerasOptionsWithoutAnImplementationAreRefusedNotDropped() {
    for (var entry : Map.of("use_ema", (Object) true, "gradient_accumulation_steps", 4, "loss_scale_factor", 128.0,
        "ema_overwrite_frequency", 10).entrySet()) {
      Map<String, Object> config = new Adam().getConfig();
      config.put(entry.getKey(), entry.getValue());
      var e = assertThrows(IllegalArgumentException.class, () -> Adam.fromConfig(config), entry.getKey());
      String want = "Adam: " + entry.getKey() + " is not supported by dense4j (must be "
          + (entry.getKey().equals("use_ema") ? "false" : "null") + "); received " + entry.getKey() + "="
          + entry.getValue();
      org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().startsWith(want), e.getMessage());
    }
  }

  @Test
  void adamWBuilderKeepsItsTypeThroughEverySetter() {
    AdamW w = AdamW.builder().learningRate(0.01).beta1(0.8).clipnorm(1).name("w").build(); // typed AdamW
    assertEquals(0.004, w.getConfig().get("weight_decay"));
    assertEquals("AdamW", w.className());
    assertEquals(0.8, w.beta1());
  }

  private static Variable variable(String path, float... values) {
    return new Variable(path, Tensor.of(values, values.length), null);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.dense4j.testing.TestBackends#all")
  void aVariableWithoutAGradientIsSkipped(Backend backend) {
    TestBackends.assumeAvailable(backend);
    Variable a = variable("d/kernel", 1, 2, 3);
    Variable b = variable("d/bias", 4, 5);
    try (Optimizer sgd = SGD.builder().learningRate(0.5).weightDecay(0.1).backend(backend).build();
        Tensor ga = Tensor.of(new float[] {1, 1, 1}, 3)) {
      List<Tensor> grads = new ArrayList<>(Arrays.asList(ga, null));
      sgd.apply(grads, List.of(a, b));
      // a: decayed w − w·0.1·0.5, then w − 0.5·g; b: untouched (no decay, no update)
      float[] expected = new float[3];
      float[] w = {1, 2, 3};
      for (int i = 0; i < 3; i++) {
        float decayed = w[i] - w[i] * (0.1f * 0.5f);
        expected[i] = decayed - 0.5f * 1f;
      }
      assertArrayEquals(expected, a.value().toArray(), 1e-6f);
      assertArrayEquals(new float[] {4, 5}, b.value().toArray(), 0f);
      assertEquals(1, sgd.iterations());
      var e = assertThrows(IllegalArgumentException.class, () -> sgd.apply(Arrays.asList(null, null), List.of(a, b)));
      assertEquals("SGD: no gradients provided for any variable; received 2 null gradients for [d/kernel, d/bias]",
          e.getMessage());
    } finally {
      a.value().close();
      b.value().close();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.dense4j.testing.TestBackends#all")
  void excludeFromWeightDecayByVariable(Backend backend) {
    TestBackends.assumeAvailable(backend);
    Variable kept = variable("d/kernel", 1, -2);
    Variable excluded = variable("e/kernel", 1, -2);
    Variable byName = variable("d/bias", 1, -2);
    try (AdamW opt = AdamW.builder().learningRate(0.1).weightDecay(0.5).backend(backend).build();
        Tensor z1 = Tensor.zeros(2); Tensor z2 = Tensor.zeros(2); Tensor z3 = Tensor.zeros(2)) {
      opt.excludeFromWeightDecay(List.of(excluded), List.of("bias"));
      opt.apply(List.of(z1, z2, z3), List.of(kept, excluded, byName)); // zero gradients: Adam moves nothing
      float lr = 0.1f;
      assertArrayEquals(new float[] {1 - 1 * 0.5f * lr, -2 - (-2) * 0.5f * lr}, kept.value().toArray(), 1e-7f);
      assertArrayEquals(new float[] {1, -2}, excluded.value().toArray(), 0f, "excluded by variable");
      assertArrayEquals(new float[] {1, -2}, byName.value().toArray(), 0f, "excluded by name");
      var e = assertThrows(IllegalStateException.class, () -> opt.excludeFromWeightDecay(List.of(kept), null));
      assertEquals("AdamW 'adamw': exclude_from_weight_decay() can only be configured before the optimizer is built; "
          + "received it after 3 variables were built", e.getMessage().replaceAll("'adamw_\\d+'", "'adamw'"));
      assertInstanceOf(Adam.class, opt);
    } finally {
      kept.value().close();
      excluded.value().close();
      byName.value().close();
    }
  }
}
