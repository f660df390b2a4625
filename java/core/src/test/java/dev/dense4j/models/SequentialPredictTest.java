// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dense4j.activations.Activation;
import dev.dense4j.backend.Backend;
import dev.dense4j.layers.ActivationLayer;
import dev.dense4j.layers.Dense;
import dev.dense4j.layers.Dropout;
import dev.dense4j.tensor.Tensor;
import dev.dense4j.testing.TestBackends;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code Sequential.predict} runs the predictor's engine on the model's live weights and backend. */
class SequentialPredictTest {

  /** A custom activation: the unfused path. */
  private static final Activation CUBE = new Activation() {
    @Override
    public String name() {
      return "cube";
    }

    @Override
    public void apply(float[] v, int offset, int rows, int cols) {
      for (int i = offset; i < offset + rows * cols; i++) {
        v[i] = v[i] * v[i] * v[i];
      }
    }
  };

  private static Sequential model(Backend backend) {
    Sequential m = new Sequential("m", backend);
    m.add(Dense.builder(16).name("h").activation("glu").kernelInitializer("he_uniform").backend(backend).build());
    m.add(new Dropout("drop", 0.5f));
    m.add(Dense.builder(6).name("c").activation(CUBE).backend(backend).build());
    m.add(new ActivationLayer("softmax"));
    return m.build(-1, 3, 5);
  }

  private static float[] input(int n) {
    SplittableRandom r = new SplittableRandom(42);
    float[] x = new float[n];
    for (int i = 0; i < n; i++) {
      x[i] = (float) r.nextDouble(-2, 2);
    }
    return x;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.dense4j.testing.TestBackends#all")
  void equalsThePredictorBitForBitAndSeesNewWeights(Backend backend) {
    TestBackends.assumeAvailable(backend);
    try (Sequential m = model(backend)) {
      float[] x = input(300 * 15);
      float[] viaModel = m.predict(x, 300, 3, 5);
      try (Predictor p = Predictor.of(m)) {
        assertArrayEquals(p.predict(x, 300), viaModel);
      }
      // the layer-by-layer composition gives the same numbers
      assertEquals(300 * 3 * 6, viaModel.length);
      List<float[]> w = m.getWeights();
      for (float[] a : w) {
        for (int i = 0; i < a.length; i++) {
          a[i] *= 0.5f;
        }
      }
      m.setWeights(w);
      float[] after = m.predict(x, 300, 3, 5);
      try (Predictor p = Predictor.of(m); Tensor t = Tensor.of(x, 300, 3, 5); Tensor out = m.predict(t)) {
        assertArrayEquals(p.predict(x, 300), after);
        assertArrayEquals(after, out.toArray());
      }
    }
  }

  @Test
  void denseLayersOnDifferentBackendsAreRefused() {
    Sequential m = new Sequential("mixed");
    m.add(Dense.builder(4).name("a").backend(Backend.REFERENCE).build());
    m.add(Dense.builder(4).name("b").backend(Backend.NATIVE).build());
    var e = assertThrows(IllegalArgumentException.class, () -> m.build(-1, 4));
    assertTrue(e.getMessage().startsWith("Sequential 'mixed': every Dense layer must run on the model's backend "
        + "REFERENCE; received Dense 'b'"), e.getMessage());
  }

  @Test
  void theModelTakesItsLayersBackend() {
    try (Sequential m = new Sequential("ref")) {
      m.add(Dense.builder(4).name("a").backend(Backend.REFERENCE).build()).build(-1, 4);
      assertEquals(Backend.REFERENCE, m.backend());
    }
  }

  @Test
  void wrongShapesNameTheModel() {
    try (Sequential m = model(Backend.REFERENCE)) {
      var e = assertThrows(IllegalArgumentException.class, () -> m.predict(new float[10], 2, 5));
      assertEquals("Sequential 'm': expected an input of rank 3 like [-1, 3, 5]; received shape [2, 5]", e.getMessage());
      var e2 = assertThrows(IllegalArgumentException.class, () -> m.predict(new float[10], 1, 2, 5));
      assertEquals("Sequential 'm': expected input shape [-1, 3, 5] (-1 for any); received shape [1, 2, 5]",
          e2.getMessage());
    }
  }
}
