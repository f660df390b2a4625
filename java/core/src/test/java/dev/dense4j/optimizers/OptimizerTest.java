// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.optimizers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dense4j.backend.Backend;
import dev.dense4j.layers.Variable;
import dev.dense4j.tensor.Tensor;
import dev.dense4j.testing.TestBackends;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Optimizer API: the spec's check value, slots, config, registry, argument checks. */
class OptimizerTest {

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.dense4j.testing.TestBackends#all")
  void rmspropMatchesTheSpecCheckValue(Backend backend) {
    TestBackends.assumeAvailable(backend);
    // spec §6.5: lr = 0.1, w = 10, g = w gives 9.683772 after one step
    try (Tensor w = Tensor.of(new float[] {10f}, 1);
        Tensor g = Tensor.of(new float[] {10f}, 1);
        RMSprop opt = RMSprop.builder().learningRate(0.1).backend(backend).build()) {
      opt.apply(List.of(g), List.of(new Variable("w", w, null)));
      assertEquals(9.683772, w.getFlat(0), 1e-5);
    }
  }

  @Test
  void slotsFollowKerasFileOrderAndNames() {
    try (Tensor k = Tensor.zeros(2, 3);
        Tensor b = Tensor.zeros(3);
        Tensor gk = Tensor.zeros(2, 3);
        Tensor gb = Tensor.zeros(3);
        Adam adam = Adam.builder().amsgrad(true).name("adam").backend(Backend.REFERENCE).build();
        RMSprop rms = RMSprop.builder().momentum(0.5).centered(true).name("rmsprop").backend(Backend.REFERENCE).build()) {
      List<Variable> vars = List.of(new Variable("dense/kernel", k, null), new Variable("dense/bias", b, null));
      assertTrue(adam.slotVariables().isEmpty(), "no slots before the first step");
      adam.apply(List.of(gk, gb), vars);
      rms.apply(List.of(gk, gb), vars);
      assertEquals(List.of("adam/dense_kernel_momentum", "adam/dense_kernel_velocity", "adam/dense_bias_momentum",
          "adam/dense_bias_velocity", "adam/dense_kernel_velocity_hat", "adam/dense_bias_velocity_hat"),
          adam.slotVariables().stream().map(Variable::path).toList());
      assertEquals(List.of("rmsprop/dense_kernel_velocity", "rmsprop/dense_bias_velocity",
          "rmsprop/dense_kernel_momentum", "rmsprop/dense_bias_momentum", "rmsprop/dense_kernel_average_gradient",
          "rmsprop/dense_bias_average_gradient"), rms.slotVariables().stream().map(Variable::path).toList());
    }
  }

  @Test
  void sgdWithoutMomentumHasNoSlots() {
    try (Tensor w = Tensor.zeros(2);
        Tensor g = Tensor.zeros(2);
        SGD sgd = SGD.builder().backend(Backend.REFERENCE).build()) {
      sgd.apply(List.of(g), List.of(new Variable("d/kernel", w, null)));
      assertTrue(sgd.slotVariables().isEmpty());
    }
  }

  @Test
  void configHasKerasKeysInOrderAndFloat32LearningRate() {
    try (Adam adam = new Adam()) {
      Map<String, Object> c = adam.getConfig();
      assertEquals(List.of("name", "learning_rate", "weight_decay", "clipnorm", "global_clipnorm", "clipvalue",
          "use_ema", "ema_momentum", "ema_overwrite_frequency", "loss_scale_factor", "gradient_accumulation_steps",
          "beta_1", "beta_2", "epsilon", "amsgrad"), List.copyOf(c.keySet()));
      assertEquals(0.0010000000474974513, (double) c.get("learning_rate"));
      assertEquals(1e-7, c.get("epsilon"));
    }
    try (AdamW w = new AdamW(); SGD s = SGD.builder().learningRate(new ExponentialDecay(0.1, 10, 0.9)).build()) {
      assertEquals(0.004, w.getConfig().get("weight_decay"));
      assertEquals("AdamW", w.className());
      Map<?, ?> lr = (Map<?, ?>) s.getConfig().get("learning_rate");
      assertEquals("ExponentialDecay", lr.get("class_name"));
      assertEquals(10L, ((Map<?, ?>) lr.get("config")).get("decay_steps"));
    }
  }

  @Test
  void defaultsAreKeras() {
    try (SGD s = new SGD(); Adam a = new Adam(); RMSprop r = new RMSprop(); AdamW w = new AdamW()) {
      assertEquals((float) 0.01, s.learningRate());
      assertEquals((float) 0.001, a.learningRate());
      assertEquals(0.9, a.beta1());
      assertEquals(0.999, a.beta2());
      assertEquals(0.9, r.rho());
      assertEquals(1e-7, r.epsilon());
      assertEquals((float) 0.001, w.learningRate());
    }
  }

  @Test
  void exponentialDecayFollowsKeras() {
    ExponentialDecay smooth = new ExponentialDecay(0.1, 4, 0.5);
    ExponentialDecay stairs = new ExponentialDecay(0.1, 4, 0.5, true);
    assertEquals(0.1, smooth.at(0));
    assertEquals(0.1 * Math.pow(0.5, 0.75), smooth.at(3), 1e-15);
    assertEquals(0.1, stairs.at(3));
    assertEquals(0.05, stairs.at(4));
  }

  @Test
  void registryResolvesLowerCasedClassNames() {
    try (Optimizer a = Optimizers.get("Adam"); Optimizer s = Optimizers.get("sgd"); Optimizer r = Optimizers.get("rmsprop");
        Optimizer w = Optimizers.get("adamw")) {
      assertInstanceOf(Adam.class, a);
      assertInstanceOf(SGD.class, s);
      assertInstanceOf(RMSprop.class, r);
      assertInstanceOf(AdamW.class, w);
    }
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Optimizers.get("adagrad"));
    // other tests may register optimizers of their own: the built-ins are known, the message lists every name
    assertTrue(Optimizers.names().containsAll(List.of("Adam", "AdamW", "RMSprop", "SGD", "adam", "adamw", "rmsprop",
        "sgd")));
    assertEquals("Unknown optimizer 'adagrad'; known: " + String.join(", ", Optimizers.names())
        + " (register custom ones with Optimizers.register)", e.getMessage());
  }

  @Test
  void argumentChecksNameTheArgument() {
    assertMessage("SGD: momentum must be in [0, 1]; received momentum=1.5", () -> SGD.builder().momentum(1.5));
    assertMessage("Adam: beta_1 must be in [0, 1); received beta_1=1.0", () -> Adam.builder().beta1(1));
    assertMessage("RMSprop: rho must be in [0, 1]; received rho=-0.1", () -> RMSprop.builder().rho(-0.1));
    assertMessage("Adam: clipnorm must be finite and >= 0; received clipnorm=-1.0", () -> Adam.builder().clipnorm(-1));
    assertMessage("Optimizer: learning_rate must be finite and >= 0; received learning_rate=NaN",
        () -> SGD.builder().learningRate(Double.NaN));
    assertMessage("SGD: only one of clipnorm, clipvalue and global_clipnorm can be set; received clipnorm=1.0, "
        + "clipvalue=0.5, global_clipnorm=null", () -> SGD.builder().clipnorm(1).clipvalue(0.5).build());
    assertMessage("ExponentialDecay: decay_steps must be > 0; received decay_steps=0", () -> new ExponentialDecay(0.1, 0, 0.5));
  }

  @Test
  void applyChecksGradientsAgainstVariables() {
    try (Tensor w = Tensor.zeros(2, 2);
        Tensor g = Tensor.zeros(4);
        SGD sgd = SGD.builder().backend(Backend.REFERENCE).build()) {
      List<Variable> vars = List.of(new Variable("d/kernel", w, null));
      assertMessage("SGD: expected one gradient per variable (1); received 0 gradients", () -> sgd.apply(List.of(), vars));
      assertMessage("SGD: gradient of d/kernel must have shape [2, 2]; received shape [4]", () -> sgd.apply(List.of(g), vars));
      sgd.close();
      IllegalStateException e = assertThrows(IllegalStateException.class, () -> sgd.apply(List.of(g), vars));
      assertTrue(e.getMessage().endsWith("is closed"), e.getMessage());
    }
  }

  static void assertMessage(String message, org.junit.jupiter.api.function.Executable call) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
    assertEquals(message, e.getMessage());
  }
}
