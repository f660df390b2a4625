// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.optimizers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.dense4j.backend.Backend;
import dev.dense4j.layers.Variable;
import dev.dense4j.optimizers.OptimizerOracle.Rule;
import dev.dense4j.tensor.Tensor;
import dev.dense4j.testing.TestBackends;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each optimizer configuration, from fixed weights and gradients, against the float64 oracle after
 * every one of three steps, on both backends, within 1e-6 relative to the weight's scale. Learning
 * rates are large so that a relative error of 1e-5 in a step would show.
 */
class OptimizerStepTest {

  /** A configuration: how to build it on a backend, and the same in the oracle. */
  record Config(Function<Backend, Optimizer> make, Consumer<OptimizerOracle> oracle) {}

  static Stream<Arguments> configs() {
    List<Arguments> out = new ArrayList<>();
    add(out, "SGD", b -> SGD.builder().learningRate(0.3).backend(b).build(), o -> o.lr = s -> 0.3);
    add(out, "SGD(momentum=0.9)", b -> SGD.builder().learningRate(0.2).momentum(0.9).backend(b).build(),
        o -> { o.lr = s -> 0.2; o.momentum = 0.9; });
    add(out, "SGD(nesterov, weight_decay=0.05)", b -> SGD.builder().learningRate(0.2).momentum(0.8)
        .nesterov(true).weightDecay(0.05).backend(b).build(),
        o -> { o.lr = s -> 0.2; o.momentum = 0.8; o.nesterov = true; o.weightDecay = 0.05; });
    add(out, "SGD(global_clipnorm=0.3)", b -> SGD.builder().learningRate(0.5).globalClipnorm(0.3).backend(b)
        .build(), o -> { o.lr = s -> 0.5; o.globalClipnorm = 0.3; });
    add(out, "SGD(ExponentialDecay)", b -> SGD.builder().learningRate(new ExponentialDecay(0.4, 2, 0.5))
        .backend(b).build(), o -> o.lr = s -> 0.4 * Math.pow(0.5, s / 2.0));
    add(out, "Adam", b -> Adam.builder().learningRate(0.1).backend(b).build(), o -> {
      o.rule = Rule.ADAM;
      o.lr = s -> 0.1;
    });
    add(out, "Adam(amsgrad, clipnorm=0.5)", b -> Adam.builder().learningRate(0.05).beta1(0.8).beta2(0.99)
        .amsgrad(true).clipnorm(0.5).backend(b).build(), o -> {
          o.rule = Rule.ADAM;
          o.lr = s -> 0.05;
          o.beta1 = 0.8;
          o.beta2 = 0.99;
          o.amsgrad = true;
          o.clipnorm = 0.5;
        });
    add(out, "Adam(schedule 0.1/(1+step))", b -> Adam.builder().learningRate(s -> 0.1 / (1 + s)).backend(b)
        .build(), o -> { o.rule = Rule.ADAM; o.lr = s -> 0.1 / (1 + s); });
    add(out, "AdamW(bias excluded)", b -> AdamW.builder().learningRate(0.1).excludeFromWeightDecay("bias")
        .backend(b).build(), o -> {
          o.rule = Rule.ADAM;
          o.lr = s -> 0.1;
          o.weightDecay = 0.004;
          o.decayBias = false;
        });
    add(out, "RMSprop", b -> RMSprop.builder().learningRate(0.05).backend(b).build(),
        o -> { o.rule = Rule.RMSPROP; o.lr = s -> 0.05; });
    add(out, "RMSprop(centered, momentum=0.5, clipvalue=0.3)", b -> RMSprop.builder().learningRate(0.02)
        .centered(true).momentum(0.5).rho(0.8).clipvalue(0.3).backend(b).build(), o -> {
          o.rule = Rule.RMSPROP;
          o.lr = s -> 0.02;
          o.centered = true;
          o.momentum = 0.5;
          o.rho = 0.8;
          o.clipvalue = 0.3;
        });
    add(out, "RMSprop(momentum=0.9, weight_decay=0.1)", b -> RMSprop.builder().learningRate(0.05)
        .momentum(0.9).weightDecay(0.1).backend(b).build(), o -> {
          o.rule = Rule.RMSPROP;
          o.lr = s -> 0.05;
          o.momentum = 0.9;
          o.weightDecay = 0.1;
        });
    return out.stream();
  }

  private static void add(List<Arguments> out, String label, Function<Backend, Optimizer> make,
      Consumer<OptimizerOracle> oracle) {
    TestBackends.all().forEach(b -> out.add(Arguments.of(Named.of(label, new Config(make, oracle)), b)));
  }

  @ParameterizedTest(name = "{0} on {1}")
  @MethodSource("configs")
  void threeStepsMatchTheFloat64Rules(Config config, Backend backend) {
    TestBackends.assumeAvailable(backend);
    SplittableRandom rng = new SplittableRandom(42);
    float[][] init = {weights(rng, 12), weights(rng, 4)};
    OptimizerOracle oracle = new OptimizerOracle();
    config.oracle().accept(oracle);
    oracle.init(init);
    try (Tensor kernel = Tensor.of(init[0], 3, 4);
        Tensor bias = Tensor.of(init[1], 4);
        Tensor gk = Tensor.zeros(3, 4);
        Tensor gb = Tensor.zeros(4);
        Optimizer opt = config.make().apply(backend)) {
      List<Variable> vars = List.of(new Variable("dense/kernel", kernel, null), new Variable("dense/bias", bias, null));
      for (int step = 1; step <= 3; step++) {
        float[][] g = {gradient(rng, 12), gradient(rng, 4)};
        gk.copyFrom(g[0]);
        gb.copyFrom(g[1]);
        opt.apply(List.of(gk, gb), vars);
        oracle.step(g);
        assertClose(oracle.weights()[0], kernel.toArray(), "kernel after step " + step);
        assertClose(oracle.weights()[1], bias.toArray(), "bias after step " + step);
      }
      assertEquals(3, opt.iterations());
    }
  }

  static void assertClose(double[] expected, float[] got, String what) {
    for (int i = 0; i < got.length; i++) {
      // relative to the weight's scale: initial |w| >= 0.5, and a weight may pass near 0
      double tol = 1e-6 * Math.max(Math.abs(expected[i]), 0.5);
      if (!(Math.abs(got[i] - expected[i]) <= tol)) {
        fail(what + " [" + i + "]: expected " + expected[i] + ", got " + got[i] + " (tolerance " + tol + ")");
      }
    }
  }

  static float[] weights(SplittableRandom rng, int n) {
    float[] a = new float[n];
    for (int i = 0; i < n; i++) {
      a[i] = (float) (rng.nextDouble(0.5, 2) * (rng.nextBoolean() ? 1 : -1));
    }
    return a;
  }

  static float[] gradient(SplittableRandom rng, int n) {
    float[] a = new float[n];
    for (int i = 0; i < n; i++) {
      a[i] = (float) rng.nextDouble(-1, 1);
    }
    return a;
  }
}
