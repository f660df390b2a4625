// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dense4j.backend.Backend;
import dev.dense4j.initializers.GlorotUniform;
import dev.dense4j.tensor.Tensor;
import dev.dense4j.testing.TestBackends;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The training session API of Dense: shapes, frozen layers, views, argument checks. */
class DenseTrainingTest {

  static Dense dense(int units, String act, boolean trainable, Backend backend) {
    return Dense.builder(units).name("d").activation(act).trainable(trainable)
        .kernelInitializer(new GlorotUniform(1L)).backend(backend).build().build(4);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.dense4j.testing.TestBackends#all")
  void linearLayerGradientsAreTheMatrixProducts(Backend backend) {
    TestBackends.assumeAvailable(backend);
    SplittableRandom rng = new SplittableRandom(3);
    float[] x = new float[2 * 3 * 4];
    float[] g = new float[2 * 3 * 5];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) rng.nextDouble(-1, 1);
    }
    for (int i = 0; i < g.length; i++) {
      g[i] = (float) rng.nextDouble(-1, 1);
    }
    try (Dense d = dense(5, "linear", true, backend);
        DenseTraining t = d.startTraining(2, 3, 4);
        Tensor xt = Tensor.of(x, 2, 3, 4);
        Tensor gt = Tensor.of(g, 2, 3, 5)) {
      Tensor y = t.forward(xt);
      assertArrayEquals(new int[] {2, 3, 5}, y.shape());
      assertArrayEquals(d.call(x, 2, 3, 4), y.toArray(), "training forward = inference forward");
      Tensor dx = t.backward(gt, true);
      assertArrayEquals(new int[] {2, 3, 4}, dx.shape());
      float[] w = d.kernel().toArray();
      float[] dW = t.gradients().get(0).toArray();
      float[] db = t.gradients().get(1).toArray();
      for (int i = 0; i < 4; i++) {
        for (int j = 0; j < 5; j++) {
          double s = 0;
          for (int r = 0; r < 6; r++) {
            s += (double) x[r * 4 + i] * g[r * 5 + j];
          }
          assertEquals(s, dW[i * 5 + j], 1e-5, "dW");
        }
      }
      for (int j = 0; j < 5; j++) {
        double s = 0;
        for (int r = 0; r < 6; r++) {
          s += g[r * 5 + j];
        }
        assertEquals(s, db[j], 1e-5, "db");
      }
      float[] dxv = dx.toArray();
      for (int r = 0; r < 6; r++) {
        for (int i = 0; i < 4; i++) {
          double s = 0;
          for (int j = 0; j < 5; j++) {
            s += (double) g[r * 5 + j] * w[i * 5 + j];
          }
          assertEquals(s, dxv[r * 4 + i], 1e-5, "dx");
        }
      }
      assertEquals(List.of("d/kernel", "d/bias"), t.trainableVariables().stream().map(Variable::path).toList());
    }
  }

  @Test
  void frozenLayersComputeOnlyTheInputGradient() {
    try (Dense d = dense(3, "tanh", false, Backend.REFERENCE);
        DenseTraining t = d.startTraining(2, 4);
        Tensor x = Tensor.zeros(2, 4);
        Tensor g = Tensor.zeros(2, 3)) {
      t.forward(x);
      assertTrue(t.trainableVariables().isEmpty());
      assertTrue(t.gradients().isEmpty());
      assertArrayEquals(new int[] {2, 4}, t.backward(g, true).shape());
      assertNull(t.backward(g, false));
      assertEquals(2, d.variables().size(), "a frozen layer still has its weights");
    }
  }

  @Test
  void gluHalvesTheOutputAndKeepsFullWidthGradients() {
    try (Dense d = dense(6, "glu", true, Backend.REFERENCE);
        DenseTraining t = d.startTraining(3, 4);
        Tensor x = Tensor.of(new float[] {1, 2, 3, 4, -1, 0, 1, 2}, 2, 4);
        Tensor g = Tensor.of(new float[] {1, 1, 1, 1, 1, 1}, 2, 3)) {
      Tensor y = t.forward(x);
      assertArrayEquals(new int[] {2, 3}, y.shape());
      assertArrayEquals(d.call(x.toArray(), 2, 4), y.toArray());
      assertArrayEquals(new int[] {2, 6}, t.preActivation().shape());
      t.backward(g, true);
      assertArrayEquals(new int[] {4, 6}, t.gradients().get(0).shape());
    }
  }

  @Test
  void emptyBatchesGiveZeroGradients() {
    try (Dense d = dense(3, "relu", true, Backend.REFERENCE);
        DenseTraining t = d.startTraining(2, 4);
        Tensor x = Tensor.zeros(0, 4);
        Tensor g = Tensor.zeros(0, 3)) {
      assertEquals(0, t.forward(x).size());
      assertEquals(0, t.backward(g, true).size());
      for (float v : t.gradients().get(0).toArray()) {
        assertEquals(0f, v);
      }
    }
  }

  @Test
  void misuseIsReportedClearly() {
    try (Dense d = dense(3, "relu", true, Backend.REFERENCE);
        DenseTraining t = d.startTraining(2, 4);
        Tensor big = Tensor.zeros(3, 4);
        Tensor wrong = Tensor.zeros(2, 5);
        Tensor g = Tensor.zeros(2, 2)) {
      assertEquals("Dense 'd': backward needs a forward pass first",
          assertThrows(IllegalStateException.class, () -> t.backward(g, true)).getMessage());
      assertEquals("Dense 'd': this training session holds 2 rows; received shape [3, 4]",
          assertThrows(IllegalArgumentException.class, () -> t.forward(big)).getMessage());
      assertEquals("Dense 'd': expected last input dimension 4; received shape [2, 5]",
          assertThrows(IllegalArgumentException.class, () -> t.forward(wrong)).getMessage());
      try (Tensor x = Tensor.zeros(2, 4)) {
        t.forward(x);
      }
      assertEquals("Dense 'd': expected a gradient of shape [2, 3]; received shape [2, 2]",
          assertThrows(IllegalArgumentException.class, () -> t.backward(g, true)).getMessage());
      assertEquals("Dense 'd': expected a maximum input shape of rank >= 2 ending in 4; received shape [4]",
          assertThrows(IllegalArgumentException.class, () -> d.startTraining(4)).getMessage());
      assertEquals("Dense 'd': training needs concrete dimensions; received shape [-1, 4]",
          assertThrows(IllegalArgumentException.class, () -> d.startTraining(-1, 4)).getMessage());
      t.close();
      assertEquals("Dense 'd': training session is closed",
          assertThrows(IllegalStateException.class, () -> t.forward(big)).getMessage());
    }
    try (Dense unbuilt = Dense.builder(2).name("u").build()) {
      assertThrows(IllegalStateException.class, () -> unbuilt.startTraining(1, 2));
      assertTrue(unbuilt.variables().isEmpty());
    }
  }
}
