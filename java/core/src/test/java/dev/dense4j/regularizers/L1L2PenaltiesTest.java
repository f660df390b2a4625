// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.regularizers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dense4j.backend.Backend;
import dev.dense4j.internal.WeightOps;
import dev.dense4j.tensor.Tensor;
import dev.dense4j.testing.TestBackends;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** L1, L2 and L1L2 values and gradients against the spec formulas in float64, on both backends. */
class L1L2PenaltiesTest {

  private static final double REL = 1e-6; // float32 inputs, float64 sums
  private static final double GRAD_ABS = 1e-6;

  private static final int[][] SHAPES = {{1, 1}, {7, 13}, {257, 3}, {64, 64}, {17}, {2, 3, 5}, {}, {0, 4}, {1100, 1000}};

  static Stream<Arguments> cases() {
    List<Arguments> out = new ArrayList<>();
    TestBackends.all().forEach(backend -> {
      for (int[] shape : SHAPES) {
        String s = java.util.Arrays.toString(shape);
        out.add(Arguments.of(backend, Named.of("L1(0.01) " + s, new L1(0.01)), 0.01f, 0.0, shape));
        out.add(Arguments.of(backend, Named.of("L2(0.3) " + s, new L2(0.3)), 0.0, 0.3, shape));
        out.add(Arguments.of(backend, Named.of("L1L2(0.02, 0.05) " + s, new L1L2(0.02, 0.05)), 0.02, 0.05, shape));
        out.add(Arguments.of(backend, Named.of("L1L2() " + s, new L1L2()), 0.0, 0.0, shape));
      }
    });
    return out.stream();
  }

  @ParameterizedTest
  @MethodSource("cases")
  void valueAndGradientMatchTheFormula(Backend backend, Regularizer r, double l1, double l2, int[] shape) {
    TestBackends.assumeAvailable(backend);
    SplittableRandom rng = new SplittableRandom(42);
    int n = (int) Tensor.elementCount(shape);
    float[] x = new float[n];
    float[] g0 = new float[n];
    for (int i = 0; i < n; i++) {
      x[i] = i % 11 == 0 ? 0f : (float) (rng.nextDouble() * 4 - 2); // zeros: sign(0) = 0
      g0[i] = (float) rng.nextDouble();
    }
    double abs = 0;
    double sq = 0;
    for (float v : x) {
      abs += Math.abs((double) v);
      sq += (double) v * v;
    }
    double expected = l1 * abs + l2 * sq;
    try (Tensor xt = Tensor.of(x, shape); Tensor g = Tensor.of(g0, shape)) {
      assertEquals(expected, WeightOps.of(backend).penalty(r, xt), REL * Math.max(1, expected));
      WeightOps.of(backend).addGradient(r, xt, g);
      float[] got = g.toArray();
      for (int i = 0; i < n; i++) {
        double want = g0[i] + l1 * Math.signum((double) x[i]) + 2 * l2 * x[i];
        assertEquals(want, got[i], GRAD_ABS * (1 + Math.abs(want)), "element " + i);
      }
    }
  }

  /** The worked numbers of Keras' docs: L2(2.0) on ones(5, 5) is 50; L1(0.01) on ones(5, 5) is 0.25. */
  @ParameterizedTest
  @MethodSource("dev.dense4j.testing.TestBackends#all")
  void kerasDocExamples(Backend backend) {
    TestBackends.assumeAvailable(backend);
    float[] ones = new float[25];
    java.util.Arrays.fill(ones, 1f);
    try (Tensor x = Tensor.of(ones, 5, 5)) {
      assertEquals(50.0, WeightOps.of(backend).penalty(new L2(2.0), x), 1e-12);
      assertEquals(0.25, WeightOps.of(backend).penalty(new L1(0.01), x), 1e-8);
    }
  }

  /** A zero factor skips its term, so an infinite weight gives no NaN (0 · inf). */
  @ParameterizedTest
  @MethodSource("dev.dense4j.testing.TestBackends#all")
  void zeroFactorSkipsItsTerm(Backend backend) {
    TestBackends.assumeAvailable(backend);
    try (Tensor x = Tensor.of(new float[] {Float.POSITIVE_INFINITY, 1f}, 1, 2)) {
      assertEquals(Double.POSITIVE_INFINITY, WeightOps.of(backend).penalty(new L1(0.5), x));
      assertEquals(0.0, WeightOps.of(backend).penalty(new L1L2(), x));
    }
  }

  @Test
  void gradientShapeMustMatch() {
    try (Tensor x = Tensor.zeros(3, 4); Tensor g = Tensor.zeros(4, 3)) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new L2().addGradient(x, g));
      assertTrue(e.getMessage().startsWith("L2: grad must have the shape of x [3, 4]")
          && e.getMessage().contains("[4, 3]"), e.getMessage());
    }
  }
}
