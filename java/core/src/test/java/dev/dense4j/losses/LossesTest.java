// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.losses;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dense4j.tensor.Tensor;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Loss values at spec reference points, reductions, sample weights, gradients, registry, config. */
class LossesTest {

  static double call(Loss loss, float[] t, int[] ts, float[] p, int[] ps, float[] sw) {
    try (Tensor yt = Tensor.of(t, ts); Tensor yp = Tensor.of(p, ps)) {
      return loss.call(yt, yp, sw);
    }
  }

  @Test
  void binaryCrossentropyClipsInFloat32() {
    // spec §7.3: Keras' own test expects 3.98559, reproduced only with the float32 clip (1 − 2⁻²³)
    double v = call(new BinaryCrossentropy(), new float[] {1, 0, 1, 0}, new int[] {2, 2},
        new float[] {1, 1, 1, 0}, new int[] {2, 2}, null);
    assertEquals(3.98559, v, 1e-5);
  }

  @Test
  void binaryCrossentropyFromLogitsIsStable() {
    double v = call(new BinaryCrossentropy(true), new float[] {0, 1}, new int[] {1, 2},
        new float[] {100, -100}, new int[] {1, 2}, null);
    assertEquals(100, v, 1e-9);
  }

  @Test
  void labelSmoothing() {
    // y = 1 smoothed by 0.2 over 2 classes: 0.9 and 0.1; p = [0.5, 0.5] gives log 2
    double cce = call(new CategoricalCrossentropy(false, 0.2), new float[] {1, 0}, new int[] {1, 2},
        new float[] {0.5f, 0.5f}, new int[] {1, 2}, null);
    assertEquals(Math.log(2), cce, 1e-7);
    double bce = call(new BinaryCrossentropy(false, 0.2), new float[] {1}, new int[] {1, 1},
        new float[] {0.9f}, new int[] {1, 1}, null);
    assertEquals(-(0.9 * Math.log(0.9f) + 0.1 * Math.log(1 - 0.9f)), bce, 1e-7);
  }

  @Test
  void categoricalCrossentropyRenormalisesProbabilities() {
    double v = call(new CategoricalCrossentropy(), new float[] {0, 1}, new int[] {1, 2},
        new float[] {1, 3}, new int[] {1, 2}, null);
    assertEquals(-Math.log(0.75), v, 1e-7);
  }

  @Test
  void sparseCategoricalCrossentropyAndIgnoreClass() {
    float[] p = {0.2f, 0.8f, 0.6f, 0.4f, 0.5f, 0.5f};
    int[] ps = {3, 2};
    double all = call(new SparseCategoricalCrossentropy(), new float[] {1, 0, 1}, new int[] {3}, p, ps, null);
    assertEquals(-(Math.log(0.8f) + Math.log(0.6f) + Math.log(0.5)) / 3, all, 1e-7);
    Loss ignore = new SparseCategoricalCrossentropy(false, 1, Reduction.SUM_OVER_BATCH_SIZE, "scce");
    double masked = call(ignore, new float[] {1, 0, 1}, new int[] {3}, p, ps, null);
    assertEquals(-Math.log(0.6f), masked, 1e-7, "mean over the one position that is not ignored");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> call(new SparseCategoricalCrossentropy(), new float[] {2, 0, 1}, new int[] {3}, p, ps, null));
    assertEquals("SparseCategoricalCrossentropy: expected class indices in [0, 2); received label 2.0", e.getMessage());
  }

  @Test
  void reductionsAndSampleWeights() {
    float[] t = {0, 0, 0, 0, 0, 0};
    float[] p = {1, 1, 2, 2, 3, 3}; // per-sample MSE: 1, 4, 9
    int[] s = {3, 2};
    float[] sw = {1, 0.5f, 2};
    assertEquals((1 + 4 + 9) / 3.0, call(new MeanSquaredError(), t, s, p, s, null), 1e-9);
    // sum_over_batch_size divides by the number of values, not by the sum of weights (spec §7.1)
    assertEquals((1 + 2 + 18) / 3.0, call(new MeanSquaredError(), t, s, p, s, sw), 1e-9);
    assertEquals(1 + 2 + 18, call(new MeanSquaredError(Reduction.SUM, "mse"), t, s, p, s, sw), 1e-9);
    assertEquals((1 + 2 + 18) / 3.5, call(new MeanSquaredError(Reduction.MEAN_WITH_SAMPLE_WEIGHT, "mse"), t, s, p, s, sw),
        1e-9);
    try (Tensor yt = Tensor.of(t, s); Tensor yp = Tensor.of(p, s)) {
      Loss none = new MeanAbsoluteError(Reduction.NONE, "mae");
      assertArrayEquals(new float[] {1, 1, 6}, none.perSample(yt, yp, sw));
      assertThrows(IllegalStateException.class, () -> none.call(yt, yp));
    }
  }

  @Test
  void rankThreeCountsEveryPosition() {
    // (batch 2, time 2, 1): four per-sample values; weights per batch entry broadcast over time
    float[] p = {1, 2, 3, 4};
    int[] s = {2, 2, 1};
    double v = call(new MeanAbsoluteError(), new float[4], s, p, s, new float[] {1, 3});
    assertEquals((1 + 2 + 3 * 3 + 4 * 3) / 4.0, v, 1e-9);
  }

  static Stream<Loss> losses() {
    return Stream.of(new MeanSquaredError(), new MeanAbsoluteError(), new BinaryCrossentropy(false, 0.1),
        new BinaryCrossentropy(true), new CategoricalCrossentropy(false, 0.1), new CategoricalCrossentropy(true),
        new SparseCategoricalCrossentropy(), new SparseCategoricalCrossentropy(true),
        new MeanSquaredError(Reduction.MEAN_WITH_SAMPLE_WEIGHT, "mse"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("losses")
  void gradientMatchesFiniteDifferencesOfTheValue(Loss loss) {
    SplittableRandom rng = new SplittableRandom(42);
    int rows = 4;
    int cols = 3;
    float[] p = new float[rows * cols];
    for (int i = 0; i < p.length; i++) {
      p[i] = (float) rng.nextDouble(0.1, 0.9); // valid probabilities and logits alike
    }
    boolean sparse = loss.targetWidth(cols) == 1;
    float[] t = new float[sparse ? rows : rows * cols];
    for (int r = 0; r < rows; r++) {
      int c = rng.nextInt(cols);
      if (sparse) {
        t[r] = c;
      } else {
        t[r * cols + c] = 1;
      }
    }
    int[] ts = sparse ? new int[] {rows} : new int[] {rows, cols};
    float[] sw = {0.5f, 1, 2, 1.5f};
    try (Tensor yt = Tensor.of(t, ts); Tensor yp = Tensor.of(p, rows, cols); Tensor g = Tensor.zeros(rows, cols)) {
      double value = loss.valueAndGradient(yt, yp, sw, g);
      assertEquals(loss.call(yt, yp, sw), value, 1e-12);
      float[] grad = g.toArray();
      float h = 1f / 1024; // exact in float at these magnitudes
      for (int i = 0; i < p.length; i++) {
        float keep = p[i];
        yp.setFlat(i, keep + h);
        double up = loss.call(yt, yp, sw);
        yp.setFlat(i, keep - h);
        double down = loss.call(yt, yp, sw);
        yp.setFlat(i, keep);
        double fd = (up - down) / (2 * h);
        assertEquals(fd, grad[i], 2e-3 * Math.max(1, Math.abs(fd)), loss.className() + " gradient " + i);
      }
    }
  }

  @Test
  void fusionWithTheLastActivation() {
    assertInstanceOf(CategoricalCrossentropy.class, new CategoricalCrossentropy(false, 0.1).fusedWith("softmax"));
    assertEquals(true, ((CategoricalCrossentropy) new CategoricalCrossentropy(false, 0.1).fusedWith("softmax")).fromLogits());
    assertEquals(true, ((SparseCategoricalCrossentropy) new SparseCategoricalCrossentropy().fusedWith("softmax")).fromLogits());
    assertEquals(true, ((BinaryCrossentropy) new BinaryCrossentropy().fusedWith("sigmoid")).fromLogits());
    assertNull(new BinaryCrossentropy().fusedWith("softmax"));
    assertNull(new CategoricalCrossentropy(true).fusedWith("softmax"), "already from logits");
    assertNull(new MeanSquaredError().fusedWith("softmax"));
  }

  @Test
  void registryAndConfigRoundTrip() {
    for (String name : List.of("mse", "MSE", "mean_squared_error", "MeanSquaredError")) {
      assertInstanceOf(MeanSquaredError.class, Losses.get(name), name);
    }
    assertInstanceOf(MeanAbsoluteError.class, Losses.get("mae"));
    assertInstanceOf(BinaryCrossentropy.class, Losses.get("bce"));
    assertInstanceOf(SparseCategoricalCrossentropy.class, Losses.get("sparse_categorical_crossentropy"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Losses.get("hinge"));
    // other tests may register losses of their own: the built-ins are known, the message lists every name
    assertTrue(Losses.names().containsAll(List.of("BCE", "BinaryCrossentropy", "CategoricalCrossentropy", "MAE", "MSE",
        "MeanAbsoluteError", "MeanSquaredError", "SparseCategoricalCrossentropy", "bce", "binary_crossentropy",
        "categorical_crossentropy", "mae", "mean_absolute_error", "mean_squared_error", "mse",
        "sparse_categorical_crossentropy")));
    assertEquals("Unknown loss 'hinge'; known: " + String.join(", ", Losses.names())
        + " (register custom ones with Losses.register)", e.getMessage());
    for (Loss l : losses().toList()) {
      Map<String, Object> c = l.getConfig();
      assertEquals(c, Losses.fromConfig(l.className(), c).getConfig(), l.className());
    }
    assertEquals(List.of("name", "reduction", "from_logits", "label_smoothing", "axis"),
        List.copyOf(new BinaryCrossentropy().getConfig().keySet()));
    assertEquals("sum_over_batch_size", new MeanSquaredError().getConfig().get("reduction"));
  }

  @Test
  void argumentChecks() {
    assertEquals("BinaryCrossentropy: label_smoothing must be in [0, 1]; received label_smoothing=1.5",
        assertThrows(IllegalArgumentException.class, () -> new BinaryCrossentropy(false, 1.5)).getMessage());
    assertEquals("Loss: reduction must be one of [sum_over_batch_size, mean, sum, mean_with_sample_weight, none]; "
        + "received reduction=avg", assertThrows(IllegalArgumentException.class, () -> Reduction.of("avg")).getMessage());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> call(new MeanSquaredError(),
        new float[3], new int[] {3, 1}, new float[4], new int[] {2, 2}, null));
    assertEquals("MeanSquaredError: expected y_true with 4 values and batch size 2 for predictions of shape [2, 2]; "
        + "received shape [3, 1]", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> call(new MeanSquaredError(),
        new float[4], new int[] {2, 2}, new float[4], new int[] {2, 2}, new float[3]));
    assertEquals("MeanSquaredError: expected 2 sample weights (one per batch entry); received sample_weight.length=3",
        e.getMessage());
  }
}
