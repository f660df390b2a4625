// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dense4j.activations.Activation;
import dev.dense4j.backend.Backend;
import dev.dense4j.tensor.Tensor;
import dev.dense4j.testing.TestBackends;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class DenseTest {

  @Test
  void defaultsFollowKeras() {
    try (Dense d = Dense.builder(5).build()) {
      assertEquals("linear", d.activation().name());
      assertTrue(d.useBias());
      assertEquals("GlorotUniform", d.kernelInitializer().className());
      assertEquals("Zeros", d.biasInitializer().className());
      assertNull(d.kernelRegularizer());
      assertNull(d.activityRegularizer());
      assertNull(d.kernelConstraint());
      assertTrue(d.trainable());
      assertTrue(d.name().startsWith("dense"), d.name());
    }
  }

  @Test
  void buildCreatesKernelInputByUnitsAndZeroBias() {
    try (Dense d = Dense.builder(7).build().build(3, 5)) {
      assertArrayEquals(new int[] {5, 7}, d.kernel().shape());
      assertArrayEquals(new float[7], d.bias().toArray());
      float limit = (float) Math.sqrt(6.0 / (5 + 7));
      for (float w : d.kernel().toArray()) {
        assertTrue(Math.abs(w) <= limit, "glorot_uniform limit " + limit + ", got " + w);
      }
      assertEquals(2, d.getWeights().size());
    }
    try (Dense d = Dense.builder(7).useBias(false).build().build(5)) {
      assertNull(d.bias());
      assertEquals(1, d.getWeights().size());
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.dense4j.testing.TestBackends#all")
  void gluHalvesTheWidth(Backend backend) {
    TestBackends.assumeAvailable(backend);
    try (Dense d = Dense.builder(4).activation("glu").backend(backend).build().build(-1, 2)) {
      d.setWeights(List.of(new float[] {1, 0, 0, 0, 0, 1, 0, 0}, new float[] {0, 0, 0, 0}));
      float[] y = d.call(new float[] {2, 3, 4, 5}, 2, 2);
      assertArrayEquals(new int[] {2, 2}, d.computeOutputShape(2, 2));
      double s0 = 1 / (1 + Math.exp(-0.0));
      assertArrayEquals(new float[] {(float) (2 * s0), (float) (3 * s0), (float) (4 * s0), (float) (5 * s0)}, y, 1e-6f);
      try (Tensor x = Tensor.of(new float[] {2, 3, 4, 5}, 2, 2); Tensor t = d.call(x)) {
        assertArrayEquals(y, t.toArray(), 0f);
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.dense4j.testing.TestBackends#all")
  void customActivationTakesTheUnfusedPath(Backend backend) {
    TestBackends.assumeAvailable(backend);
    Activation cube = new Activation() {
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
    try (Dense d = Dense.builder(2).activation(cube).backend(backend).build().build(-1, 2)) {
      d.setWeights(List.of(new float[] {1, 0, 0, 1}, new float[] {1, -1}));
      assertArrayEquals(new float[] {27, 8}, d.call(new float[] {2, 3}, 1, 2), 0f);
      try (Tensor x = Tensor.of(new float[] {2, 3, 0, 0}, 2, 2); Tensor t = d.call(x)) {
        assertArrayEquals(new float[] {27, 8, 1, -1}, t.toArray(), 0f);
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.dense4j.testing.TestBackends#all")
  void zeroRowsGiveAnEmptyOutput(Backend backend) {
    TestBackends.assumeAvailable(backend);
    try (Dense d = Dense.builder(3).backend(backend).build().build(-1, 4)) {
      assertEquals(0, d.call(new float[0], 0, 4).length);
      try (Tensor x = Tensor.zeros(0, 4); Tensor y = d.call(x)) {
        assertArrayEquals(new int[] {0, 3}, y.shape());
      }
    }
  }

  @Test
  void autoNamesCountUp() {
    String a = Dense.builder(1).build().name();
    String b = Dense.builder(1).build().name();
    assertTrue(b.matches("dense_\\d+"), b);
    assertTrue(!a.equals(b));
  }
}
