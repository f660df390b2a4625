// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.internal;


import dev.dense4j.backend.Backend;
import dev.dense4j.constraints.NonNeg;
import dev.dense4j.layers.Variable;
import dev.dense4j.losses.CategoricalCrossentropy;
import dev.dense4j.losses.Loss;
import dev.dense4j.losses.MeanSquaredError;
import dev.dense4j.losses.SparseCategoricalCrossentropy;
import dev.dense4j.metrics.BinaryAccuracy;
import dev.dense4j.metrics.Metric;
import dev.dense4j.optimizers.Adam;
import dev.dense4j.optimizers.Optimizer;
import dev.dense4j.optimizers.RMSprop;
import dev.dense4j.optimizers.SGD;
import dev.dense4j.regularizers.L1;
import dev.dense4j.regularizers.L1L2;
import dev.dense4j.regularizers.L2;
import dev.dense4j.tensor.Tensor;
import dev.dense4j.testing.Allocations;
import dev.dense4j.testing.TestBackends;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The loss, metric, regularizer and optimizer side of a training step allocates nothing after a
 * warm-up: bytes this thread allocates over many steps, measured with {@code ThreadMXBean}. An
 * allocation test, not a timing test. (Norm constraints are left out: they still copy their
 * axes per call.)
 */
class TrainingStepAllocationTest {

  private static final int WARMUP = 20_000;
  private static final int CALLS = 10_000;

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.dense4j.testing.TestBackends#all")
  void stepsAllocateNothing(Backend backend) {
    TestBackends.assumeAvailable(backend);
    Allocations.assumeMeasurable();
    WeightOps ops = WeightOps.of(backend);
    SplittableRandom rng = new SplittableRandom(42);
    try (Tensor kernel = random(rng, 24, 10); Tensor bias = random(rng, 10); Tensor kGrad = random(rng, 24, 10);
        Tensor bGrad = random(rng, 10); Tensor pred = random(rng, 32, 10); Tensor onehot = Tensor.zeros(32, 10);
        Tensor labels = Tensor.zeros(32, 1); Tensor lossGrad = Tensor.zeros(32, 10);
        Optimizer sgd = SGD.builder().learningRate(1e-6).momentum(0.9).globalClipnorm(1).backend(backend).build();
        Optimizer adam = Adam.builder().learningRate(1e-6).clipnorm(1).weightDecay(0.01).backend(backend).build();
        Optimizer rms = RMSprop.builder().learningRate(1e-6).centered(true).momentum(0.5).clipvalue(1)
            .backend(backend).build()) {
      for (int i = 0; i < 32; i++) {
        onehot.setFlat(i * 10L + i % 10, 1f);
        labels.setFlat(i, i % 10);
      }
      float[] sw = new float[32];
      java.util.Arrays.fill(sw, 0.5f);
      List<Variable> vars = List.of(new Variable("d/kernel", kernel, new NonNeg()), new Variable("d/bias", bias, null));
      List<Tensor> grads = List.of(kGrad, bGrad);
      Map<String, Runnable> calls = new LinkedHashMap<>();
      for (Optimizer o : List.of(sgd, adam, rms)) {
        calls.put(o.className() + ".apply", () -> o.apply(grads, vars));
      }
      for (Loss l : List.of(new MeanSquaredError(), new CategoricalCrossentropy(true),
          new SparseCategoricalCrossentropy(true))) {
        Tensor target = l instanceof SparseCategoricalCrossentropy ? labels : onehot;
        calls.put(l.className() + ".valueAndGradient", () -> l.valueAndGradient(target, pred, sw, lossGrad));
        calls.put(l.className() + ".call", () -> l.call(target, pred, null));
      }
      Metric acc = new BinaryAccuracy();
      calls.put("BinaryAccuracy.update", () -> acc.update(onehot, pred, null));
      L1L2 l1l2 = new L1L2(1e-3, 1e-3);
      L2 l2 = new L2(1e-3);
      L1 l1 = new L1(1e-3);
      calls.put("regularizer gradients", () -> {
        ops.addGradient(l1l2, kernel, kGrad);
        ops.addGradient(l2, bias, bGrad);
        ops.addGradient(l1, pred, lossGrad, 1f / 32);
      });
      calls.put("regularizer penalties", () -> {
        ops.penalty(l1l2, kernel);
        ops.penalty(l2, bias);
      });
      // warm every call up first, so that no measurement sees the recompilation another call's
      // profile causes (the optimizers share apply, the losses their row pass)
      for (Runnable r : calls.values()) {
        for (int i = 0; i < WARMUP; i++) {
          r.run();
        }
      }
      calls.forEach(TrainingStepAllocationTest::assertAllocatesNothing);
    }
  }

  private static Tensor random(SplittableRandom rng, int... shape) {
    Tensor t = Tensor.zeros(shape);
    for (long i = 0; i < t.size(); i++) {
      t.setFlat(i, (float) rng.nextDouble(-1, 1));
    }
    return t;
  }

  private static void assertAllocatesNothing(String what, Runnable call) {
    Allocations.assertAllocatesNothing(what, WARMUP / 4, CALLS, call);
  }

}
