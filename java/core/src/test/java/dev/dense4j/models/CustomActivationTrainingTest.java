// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.dense4j.activations.Activation;
import dev.dense4j.activations.Activations;
import dev.dense4j.backend.Backend;
import dev.dense4j.layers.ActivationLayer;
import dev.dense4j.layers.Dense;
import dev.dense4j.losses.MeanSquaredError;
import dev.dense4j.optimizers.SGD;
import dev.dense4j.tensor.Tensor;
import dev.dense4j.testing.TestBackends;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A custom activation that supplies its derivative trains in an activation layer: a custom
 * softsign (x / (1 + |x|), derivative 1 / (1 + |x|)²) gives the weights of the built-in softsign;
 * without a derivative, fit names the activation.
 */
class CustomActivationTrainingTest {

  /** softsign written by a user, with or without its derivative. */
  static Activation softsign(boolean derivative) {
    return new Activation() {
      @Override
      public String name() {
        return "my_softsign";
      }

      @Override
      public void apply(float[] v, int offset, int rows, int cols) {
        for (int i = offset; i < offset + rows * cols; i++) {
          v[i] = v[i] / (1 + Math.abs(v[i]));
        }
      }

      @Override
      public boolean hasDerivative() {
        return derivative;
      }

      @Override
      public void backward(float[] z, float[] y, float[] dy, float[] dz, int rows, int cols) {
        if (!derivative) {
          Activation.super.backward(z, y, dy, dz, rows, cols);
        }
        for (int i = 0; i < rows * cols; i++) {
          float d = 1 + Math.abs(z[i]);
          dz[i] = dy[i] / (d * d);
        }
      }
    };
  }

  private static Sequential model(Backend backend, Activation act) {
    Sequential m = new Sequential("m", backend);
    m.add(Dense.builder(6).name("h").backend(backend).build()).add(new ActivationLayer("a", act))
        .add(Dense.builder(2).name("o").backend(backend).build());
    m.build(-1, TrainingData.FEATURES);
    m.compile(new SGD(0.1), new MeanSquaredError());
    return m;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.dense4j.testing.TestBackends#all")
  void aCustomActivationWithItsDerivativeTrainsLikeTheBuiltIn(Backend backend) {
    TestBackends.assumeAvailable(backend);
    Tensor[] d = TrainingData.classification(32, 12);
    float[] targets = TestModels.random(new java.util.SplittableRandom(3), 64, 1);
    try (Tensor x = d[0]; Tensor labels = d[1]; Tensor y = Tensor.of(targets, 32, 2);
        Sequential custom = model(backend, softsign(true)); Sequential builtin = model(backend, Activations.get("softsign"))) {
      builtin.setWeights(custom.getWeights());
      FitOptions o = new FitOptions().epochs(3).batchSize(8).seed(1).verbosity(Verbosity.SILENT);
      custom.fit(x, y, o);
      builtin.fit(x, y, o);
      List<float[]> a = custom.getWeights();
      List<float[]> b = builtin.getWeights();
      for (int i = 0; i < a.size(); i++) {
        assertArrayEquals(b.get(i), a.get(i), 2e-5f, "weight " + i);
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.dense4j.testing.TestBackends#all")
  void withoutADerivativeFitSaysSo(Backend backend) {
    TestBackends.assumeAvailable(backend);
    try (Sequential m = model(backend, softsign(false)); Tensor x = Tensor.zeros(4, TrainingData.FEATURES);
        Tensor y = Tensor.zeros(4, 2)) {
      var e = assertThrows(IllegalArgumentException.class, () -> m.fit(x, y, new FitOptions().verbosity(Verbosity.SILENT)));
      assertEquals("Activation 'a': training needs the derivative of custom activation 'my_softsign' (implement "
          + "Activation.hasDerivative() and backward()); received activation=my_softsign", e.getMessage());
    }
  }
}
