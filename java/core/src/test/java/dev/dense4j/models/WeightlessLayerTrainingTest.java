// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dense4j.activations.Activations;
import dev.dense4j.backend.Backend;
import dev.dense4j.layers.ActivationLayer;
import dev.dense4j.layers.Dense;
import dev.dense4j.layers.ELU;
import dev.dense4j.layers.Flatten;
import dev.dense4j.layers.Layer;
import dev.dense4j.layers.LeakyReLU;
import dev.dense4j.layers.ReLU;
import dev.dense4j.layers.Softmax;
import dev.dense4j.losses.MeanSquaredError;
import dev.dense4j.optimizers.SGD;
import dev.dense4j.tensor.Tensor;
import dev.dense4j.testing.TestBackends;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The backward pass of the weightless layers (Activation, ReLU, LeakyReLU, ELU, Softmax, Flatten)
 * between two Dense layers: every weight gradient against central finite differences of a float64
 * forward pass written here from Keras' formulas (spec §2), on both backends.
 */
class WeightlessLayerTrainingTest {

  static final int B = 3;
  static final int T = 2; // rank-3 inputs (b, T, D) for Flatten
  static final int D = 4;
  static final int H = 5;
  static final int OUT = 3;

  /** A layer, its float64 row function (null: element-wise {@code f}), and whether inputs are rank 3. */
  record Case(Supplier<Layer> layer, DoubleUnaryOperator f, boolean softmax, boolean rank3) {}

  static Stream<Arguments> cases() {
    List<Named<Case>> c = new ArrayList<>();
    c.add(Named.of("ReLU(max 0.6, slope 0.2, threshold 0.05)", new Case(() -> new ReLU(null, 0.6f, 0.2f, 0.05f),
        x -> x >= 0.05 ? Math.min(x, 0.6) : 0.2 * (x - 0.05), false, false)));
    c.add(Named.of("LeakyReLU(0.3)", new Case(LeakyReLU::new, x -> x >= 0 ? x : 0.3 * x, false, false)));
    c.add(Named.of("ELU(0.5)", new Case(() -> new ELU(null, 0.5f), x -> x > 0 ? x : 0.5 * Math.expm1(x), false, false)));
    c.add(Named.of("Activation(tanh)", new Case(() -> new ActivationLayer("tanh"), Math::tanh, false, false)));
    c.add(Named.of("Softmax", new Case(Softmax::new, null, true, false)));
    c.add(Named.of("Flatten", new Case(Flatten::new, x -> x, false, true)));
    List<Arguments> out = new ArrayList<>();
    TestBackends.all().forEach(b -> c.forEach(k -> out.add(Arguments.of(b, k))));
    return out.stream();
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("cases")
  void weightGradientsMatchFiniteDifferences(Backend backend, Case k) {
    TestBackends.assumeAvailable(backend);
    SplittableRandom rng = new SplittableRandom(7);
    int[] xShape = k.rank3() ? new int[] {B, T, D} : new int[] {B, D};
    int rows = k.rank3() ? B * T : B;
    float[] x = TestModels.random(rng, rows * D, 1.0);
    float[] y = TestModels.random(rng, B * OUT, 1.0);
    float[] w1 = TestModels.random(rng, D * H, 0.8);
    float[] b1 = TestModels.random(rng, H, 0.2);
    int flatH = k.rank3() ? T * H : H;
    float[] w2 = TestModels.random(rng, flatH * OUT, 0.8);
    float[] b2 = TestModels.random(rng, OUT, 0.2);
    try (Sequential m = new Sequential("m", backend); Tensor tx = Tensor.of(x, xShape); Tensor ty = Tensor.of(y, B, OUT)) {
      m.add(Dense.builder(H).name("d1").backend(backend).build()).add(k.layer().get())
          .add(Dense.builder(OUT).name("d2").backend(backend).build());
      m.build(k.rank3() ? new int[] {-1, T, D} : new int[] {-1, D});
      m.setWeights(List.of(w1, b1, w2, b2));
      m.compile(new SGD(), new MeanSquaredError());
      try (TrainingSession s = new TrainingSession(m, m.loss(), xShape)) {
        double loss = s.step(tx, ty, null, true);
        double[][] w = {toDouble(w1), toDouble(b1), toDouble(w2), toDouble(b2)};
        assertEquals(objective(k, x, y, w, rows, flatH), loss, 1e-5 * Math.max(1, Math.abs(loss)), "loss");
        for (int v = 0; v < w.length; v++) {
          float[] g = s.gradients().get(v).toArray();
          for (int i = 0; i < g.length; i++) {
            double keep = w[v][i];
            double step = 1e-6;
            w[v][i] = keep + step;
            double up = objective(k, x, y, w, rows, flatH);
            w[v][i] = keep - step;
            double down = objective(k, x, y, w, rows, flatH);
            w[v][i] = keep;
            double expected = (up - down) / (2 * step);
            assertEquals(expected, g[i], 2e-4 + 2e-3 * Math.abs(expected), "variable " + v + " index " + i);
          }
        }
      }
    }
  }

  // mean squared error of d2(layer(d1(x))) in float64
  private static double objective(Case k, float[] x, float[] y, double[][] w, int rows, int flatH) {
    double[] h = new double[rows * H];
    for (int r = 0; r < rows; r++) {
      for (int j = 0; j < H; j++) {
        double z = w[1][j];
        for (int i = 0; i < D; i++) {
          z += x[r * D + i] * w[0][i * H + j];
        }
        h[r * H + j] = z;
      }
      if (k.softmax()) {
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < H; j++) {
          max = Math.max(max, h[r * H + j]);
        }
        double sum = 0;
        for (int j = 0; j < H; j++) {
          sum += Math.exp(h[r * H + j] - max);
        }
        for (int j = 0; j < H; j++) {
          h[r * H + j] = Math.exp(h[r * H + j] - max) / sum;
        }
      } else {
        for (int j = 0; j < H; j++) {
          h[r * H + j] = k.f().applyAsDouble(h[r * H + j]);
        }
      }
    }
    double se = 0;
    for (int b = 0; b < B; b++) { // after Flatten, sample b is the flatH values from b · flatH
      for (int o = 0; o < OUT; o++) {
        double z = w[3][o];
        for (int i = 0; i < flatH; i++) {
          z += h[b * flatH + i] * w[2][i * OUT + o];
        }
        double d = z - y[b * OUT + o];
        se += d * d;
      }
    }
    return se / (B * OUT);
  }

  private static double[] toDouble(float[] a) {
    double[] d = new double[a.length];
    for (int i = 0; i < a.length; i++) {
      d[i] = a[i];
    }
    return d;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.dense4j.testing.TestBackends#all")
  void gluOnAnOddWidthIsKerasErrorInTrainingToo(Backend backend) {
    TestBackends.assumeAvailable(backend);
    ActivationLayer glu = new ActivationLayer("g", Activations.get("glu"));
    var e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> glu.startTraining(backend, 1, 3));
    assertEquals("glu: the axis size must be divisible by 2; received size=3", e.getMessage());
    try (var t = glu.startTraining(backend, 2, 4); Tensor x = Tensor.of(new float[] {1, 2, 0, 0, 3, 4, 0, 0}, 2, 4)) {
      assertArrayEquals(new float[] {0.5f, 1f, 1.5f, 2f}, t.forward(x).toArray(), 1e-6f); // a · sigmoid(0)
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.dense4j.testing.TestBackends#all")
  void anActivationLayerTrainsLikeTheSameActivationInsideDense(Backend backend) {
    TestBackends.assumeAvailable(backend);
    Tensor[] data = TrainingData.classification(64, 3);
    try (Sequential fused = new Sequential("fused", backend); Sequential split = new Sequential("split", backend);
        Tensor x = data[0]; Tensor y = data[1]) {
      fused.add(Dense.builder(16).name("h").activation("elu").backend(backend).build())
          .add(Dense.builder(3).name("o").activation("softmax").backend(backend).build()).build(-1, 8);
      split.add(Dense.builder(16).name("h").backend(backend).build()).add(new ActivationLayer(null, Activations.get("elu")))
          .add(Dense.builder(3).name("o").activation("softmax").backend(backend).build()).build(-1, 8);
      split.setWeights(fused.getWeights());
      fused.compile(new SGD(0.1), new dev.dense4j.losses.SparseCategoricalCrossentropy());
      split.compile(new SGD(0.1), new dev.dense4j.losses.SparseCategoricalCrossentropy());
      FitOptions o = new FitOptions().epochs(3).batchSize(16).seed(5).verbosity(Verbosity.SILENT);
      History a = fused.fit(x, y, o);
      History b = split.fit(x, y, o);
      List<float[]> wa = fused.getWeights();
      List<float[]> wb = split.getWeights();
      for (int i = 0; i < wa.size(); i++) {
        assertArrayEquals(wa.get(i), wb.get(i), 1e-6f, "weight " + i);
      }
      assertEquals(a.history().get("loss").getLast(), b.history().get("loss").getLast(), 1e-6);
      assertTrue(b.history().get("loss").getLast() < b.history().get("loss").getFirst());
    }
  }
}
