// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dense4j.backend.Backend;
import dev.dense4j.constraints.Constraint;
import dev.dense4j.initializers.GlorotUniform;
import dev.dense4j.layers.Dense;
import dev.dense4j.layers.Variable;
import dev.dense4j.losses.MeanSquaredError;
import dev.dense4j.optimizers.SGD;
import dev.dense4j.tensor.Tensor;
import dev.dense4j.testing.TestBackends;
import dev.dense4j.testing.TestConstraints;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Constraints run right after every update (spec §5.3): checked after each optimizer step through
 * a callback, against the same run without the constraint.
 */
class ConstraintTrainingTest {

  static final double MAX_NORM = 0.5;

  /** Regression onto targets far from 0, which pulls the weights and biases out of any small box. */
  static Tensor[] data() {
    SplittableRandom rng = new SplittableRandom(7);
    float[] x = new float[64 * 4];
    float[] y = new float[64 * 2];
    for (int s = 0; s < 64; s++) {
      for (int f = 0; f < 4; f++) {
        x[s * 4 + f] = (float) rng.nextDouble(-1, 1);
      }
      y[s * 2] = 3 * x[s * 4] - 2 * x[s * 4 + 1] - 4;
      y[s * 2 + 1] = -3 * x[s * 4 + 2] + 2;
    }
    return new Tensor[] {Tensor.of(x, 64, 4), Tensor.of(y, 64, 2)};
  }

  /** Trains a Dense(2) with the given constraints and checks {@code after} after every step. */
  static void train(Backend backend, Constraint kernel, Constraint bias, Callback after) {
    Tensor[] d = data();
    try (Sequential m = new Sequential()) {
      m.add(Dense.builder(2).kernelInitializer(new GlorotUniform(3L)).kernelConstraint(kernel).biasConstraint(bias)
          .backend(backend).build());
      m.compile(SGD.builder().learningRate(0.1).backend(backend).build(), new MeanSquaredError());
      m.fit(d[0], d[1], new FitOptions().epochs(5).batchSize(16).seed(1).verbosity(Verbosity.SILENT).callbacks(after));
    } finally {
      d[0].close();
      d[1].close();
    }
  }

  static double maxColumnNorm(Sequential m) {
    Tensor k = m.variables().get(0).value();
    double max = 0;
    for (int j = 0; j < k.dim(1); j++) {
      max = Math.max(max, TestConstraints.columnNorm(k, j));
    }
    return max;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.dense4j.testing.TestBackends#all")
  void maxNormHoldsAfterEveryStepAndIsNeededForIt(Backend backend) {
    TestBackends.assumeAvailable(backend);
    double[] unconstrained = {0};
    int[] steps = {0};
    train(backend, TestConstraints.maxNorm(MAX_NORM), null, new Callback() {
      @Override
      public void onTrainBatchEnd(Sequential model, int batch, Map<String, Double> logs) {
        steps[0]++;
        double n = maxColumnNorm(model);
        assertTrue(n <= MAX_NORM * (1 + 1e-6), "column norm " + n + " after step " + steps[0]);
      }
    });
    assertTrue(steps[0] == 20, "steps: " + steps[0]);
    train(backend, null, null, new Callback() {
      @Override
      public void onTrainBatchEnd(Sequential model, int batch, Map<String, Double> logs) {
        unconstrained[0] = Math.max(unconstrained[0], maxColumnNorm(model));
      }
    });
    assertTrue(unconstrained[0] > 2 * MAX_NORM, "without the constraint the norm reaches " + unconstrained[0]);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.dense4j.testing.TestBackends#all")
  void nonNegBiasAndClippedKernelHoldAfterEveryUpdate(Backend backend) {
    TestBackends.assumeAvailable(backend);
    boolean[] biasWentNegative = {false};
    train(backend, TestConstraints.clip(-0.1, 0.1), TestConstraints.nonNeg(), new Callback() {
      @Override
      public void onTrainBatchEnd(Sequential model, int batch, Map<String, Double> logs) {
        for (float v : model.variables().get(0).value().toArray()) {
          assertTrue(v >= -0.1f && v <= 0.1f, "kernel value " + v);
        }
        for (float v : model.variables().get(1).value().toArray()) {
          assertTrue(v >= 0, "bias value " + v);
        }
      }
    });
    train(backend, null, null, new Callback() {
      @Override
      public void onTrainBatchEnd(Sequential model, int batch, Map<String, Double> logs) {
        biasWentNegative[0] |= model.variables().get(1).value().getFlat(0) < 0;
      }
    });
    assertTrue(biasWentNegative[0], "the data pulls the first bias below 0 without the constraint");
  }

  @Test
  void onlyVariablesThatReceivedAGradientAreProjected() {
    try (Tensor a = Tensor.of(new float[] {3, 4}, 2, 1);
        Tensor b = Tensor.of(new float[] {3, 4}, 2, 1);
        Tensor g = Tensor.zeros(2, 1);
        SGD sgd = SGD.builder().backend(Backend.REFERENCE).build()) {
      Variable va = new Variable("d/a", a, TestConstraints.maxNorm(1));
      Variable vb = new Variable("d/b", b, TestConstraints.maxNorm(1));
      sgd.apply(List.of(g), List.of(va));
      assertTrue(TestConstraints.columnNorm(a, 0) <= 1 + 1e-6, "projected: " + TestConstraints.columnNorm(a, 0));
      assertArrayEquals(new float[] {3, 4}, b.toArray(), "no gradient, no projection");
    }
  }

  @Test
  void frozenLayersAreNeitherUpdatedNorProjected() {
    Tensor[] d = data();
    try (Sequential m = new Sequential()) {
      m.add(Dense.builder(3).kernelInitializer(new GlorotUniform(5L)).kernelConstraint(TestConstraints.clip(0, 0))
          .trainable(false).backend(Backend.REFERENCE).build());
      m.add(Dense.builder(2).kernelInitializer(new GlorotUniform(6L)).backend(Backend.REFERENCE).build());
      m.build(-1, 4);
      float[] frozen = m.getWeights().get(0);
      float[] trained = m.getWeights().get(2);
      m.compile(SGD.builder().learningRate(0.05).backend(Backend.REFERENCE).build(), new MeanSquaredError());
      m.fit(d[0], d[1], new FitOptions().epochs(2).seed(1).verbosity(Verbosity.SILENT));
      assertArrayEquals(frozen, m.getWeights().get(0), "frozen kernel unchanged, constraint not applied");
      assertTrue(!java.util.Arrays.equals(trained, m.getWeights().get(2)), "the trainable layer learned");
    } finally {
      d[0].close();
      d[1].close();
    }
  }
}
