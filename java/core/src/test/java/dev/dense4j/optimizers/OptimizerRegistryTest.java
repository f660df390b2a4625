// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.optimizers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.dense4j.backend.Backend;
import dev.dense4j.layers.Dense;
import dev.dense4j.losses.MeanSquaredError;
import dev.dense4j.models.Sequential;
import dev.dense4j.testing.TestBackends;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Optimizer config round trips, registration, and the backend an optimizer takes from its owner. */
class OptimizerRegistryTest {

  @Test
  void builtInsRoundTrip() {
    List<Optimizer> all = List.of(
        SGD.builder().learningRate(0.2).momentum(0.9).nesterov(true).clipnorm(1.5).name("s").build(),
        Adam.builder().learningRate(new ExponentialDecay(0.01, 100, 0.9, true)).amsgrad(true).beta2(0.99).build(),
        AdamW.builder().weightDecay(0.01).globalClipnorm(2).epsilon(1e-6).build(),
        RMSprop.builder().rho(0.8).momentum(0.5).centered(true).clipvalue(0.3).build());
    for (Optimizer o : all) {
      try (o) {
        Map<String, Object> envelope = Optimizers.serialize(o);
        assertEquals("keras.optimizers", envelope.get("module"), o.className());
        try (Optimizer back = Optimizers.fromConfig(envelope)) {
          assertEquals(o.getClass(), back.getClass());
          assertEquals(o.getConfig(), back.getConfig());
        }
      }
    }
  }

  @Test
  void registeredOptimizerResolvesByNameAndConfig() {
    Optimizers.register("OptimizerRegistryTest>FastSgd", c -> SGD.builder()
        .learningRate(c.get("learning_rate") instanceof Number n ? n.doubleValue() : 0.5).momentum(0.9).build());
    try (Optimizer byName = Optimizers.get("FastSgd")) {
      assertInstanceOf(SGD.class, byName);
      assertEquals(0.5, byName.learningRate());
      assertEquals(0.9, ((SGD) byName).momentum());
    }
    Map<String, Object> envelope = Map.of("class_name", "FastSgd", "config", Map.of("learning_rate", 0.25),
        "registered_name", "OptimizerRegistryTest>FastSgd");
    try (Optimizer back = Optimizers.fromConfig(envelope)) {
      assertEquals(0.25, back.learningRate());
    }
    try (Optimizer upper = Optimizers.get("ADAM")) {
      assertInstanceOf(Adam.class, upper, "built-in names match in any case");
    }
    assertEquals("Optimizers.register: name must be non-blank and not a built-in; received registeredName=adam",
        assertThrows(IllegalArgumentException.class, () -> Optimizers.register("adam", c -> new SGD())).getMessage());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.dense4j.testing.TestBackends#all")
  void compileHandsTheModelsBackendDown(Backend backend) {
    TestBackends.assumeAvailable(backend);
    Backend other = backend == Backend.NATIVE ? Backend.REFERENCE : Backend.NATIVE;
    try (Sequential m = new Sequential()) {
      m.add(Dense.builder(2).backend(backend).build());
      SGD plain = new SGD();
      m.compile(plain, new MeanSquaredError());
      assertEquals(backend.name().toLowerCase(java.util.Locale.ROOT), plain.kernels().name());
      if (other.isAvailable()) {
        SGD pinned = SGD.builder().backend(other).build();
        m.compile(pinned, new MeanSquaredError());
        assertEquals(other.name().toLowerCase(java.util.Locale.ROOT), pinned.kernels().name(),
            "a backend chosen by the builder stays");
        pinned.close();
      }
    }
  }
}
