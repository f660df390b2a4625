// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.constraints;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dense4j.backend.Backend;
import dev.dense4j.internal.WeightOps;
import dev.dense4j.tensor.Tensor;
import dev.dense4j.testing.TestBackends;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * MaxNorm, MinMaxNorm, UnitNorm and NonNeg against a float64 implementation of spec §5.1, on both
 * backends, over shapes and axes that take every path (row kernel, column kernel per block, the
 * generic one).
 */
class NormConstraintsTest {

  private static final double EPS = 1e-7f;

  /** shape, axes (as Keras would take them). */
  private static final Object[][] LAYOUTS = {
      {new int[] {7, 13}, new int[] {0}}, {new int[] {7, 13}, new int[] {1}}, {new int[] {7, 13}, new int[] {-1}},
      {new int[] {300, 257}, new int[] {0}}, {new int[] {257, 300}, new int[] {1}},
      {new int[] {1, 1}, new int[] {0}}, {new int[] {0, 5}, new int[] {0}}, {new int[] {9}, new int[] {0}},
      {new int[] {6, 4}, new int[] {0, 1}}, {new int[] {2, 3, 4}, new int[] {0, 1}},
      {new int[] {2, 3, 4}, new int[] {1, 2}}, {new int[] {2, 3, 4}, new int[] {1}},
      {new int[] {2, 3, 4}, new int[] {0, 2}}, {new int[] {3, 5}, new int[] {}}};

  static Stream<Arguments> cases() {
    List<Arguments> out = new ArrayList<>();
    TestBackends.all().forEach(b -> {
      for (Object[] layout : LAYOUTS) {
        int[] shape = (int[]) layout[0];
        int[] axes = (int[]) layout[1];
        String where = " " + Arrays.toString(shape) + " axis " + Arrays.toString(axes);
        out.add(Arguments.of(b, Named.of("MaxNorm(1.5)" + where, new MaxNorm(1.5, axes)), shape, axes, 0.0, 1.5, 1.0));
        out.add(Arguments.of(b, Named.of("MinMaxNorm(0.8, 1.2, 0.7)" + where, new MinMaxNorm(0.8, 1.2, 0.7, axes)),
            shape, axes, 0.8, 1.2, 0.7));
        out.add(Arguments.of(b, Named.of("MinMaxNorm()" + where, new MinMaxNorm(0, 1, 1, axes)), shape, axes,
            0.0, 1.0, 1.0));
        out.add(Arguments.of(b, Named.of("UnitNorm" + where, new UnitNorm(axes)), shape, axes, Double.NaN,
            Double.NaN, Double.NaN));
      }
    });
    return out.stream();
  }

  @ParameterizedTest
  @MethodSource("cases")
  void matchesTheFormula(Backend backend, Constraint c, int[] shape, int[] axes, double min, double max, double rate) {
    TestBackends.assumeAvailable(backend);
    float[] w = weights(shape);
    double[] want = oracle(w, shape, axes, min, max, rate);
    try (Tensor t = Tensor.of(w, shape)) {
      WeightOps.of(backend).apply(c, t);
      float[] got = t.toArray();
      for (int i = 0; i < got.length; i++) {
        assertEquals(want[i], got[i], 1e-6 * (1 + Math.abs(want[i])), "element " + i);
      }
    }
  }

  // random weights whose slice norms fall below, inside and above the bounds; one all-zero slice
  private static float[] weights(int[] shape) {
    SplittableRandom rng = new SplittableRandom(42);
    float[] w = new float[(int) Tensor.elementCount(shape)];
    double scale = 2.0 / Math.sqrt(Math.max(1, w.length / Math.max(1, shape.length == 0 ? 1 : shape[0])));
    for (int i = 0; i < w.length; i++) {
      w[i] = (float) ((rng.nextDouble() * 2 - 1) * scale * (1 + (i % 3)));
    }
    if (w.length > 0) {
      w[0] = 0;
    }
    return w;
  }

  /** w · desired(N) / (ε + N) per slice; NaN bounds mean UnitNorm (desired = 1). */
  static double[] oracle(float[] w, int[] shape, int[] axes, double min, double max, double rate) {
    int rank = shape.length;
    boolean[] reduced = new boolean[rank];
    for (int a : axes) {
      reduced[a < 0 ? a + rank : a] = true;
    }
    // the slice of an element: its coordinates with the reduced ones zeroed, as a key
    Map<String, Double> sums = new HashMap<>();
    String[] keys = new String[w.length];
    for (int i = 0; i < w.length; i++) {
      int[] c = coordinates(i, shape);
      for (int k = 0; k < rank; k++) {
        c[k] = reduced[k] ? 0 : c[k];
      }
      keys[i] = Arrays.toString(c);
      sums.merge(keys[i], (double) w[i] * w[i], Double::sum);
    }
    double[] sq = new double[w.length];
    for (int i = 0; i < w.length; i++) {
      sq[i] = sums.get(keys[i]);
    }
    double[] out = new double[w.length];
    for (int i = 0; i < w.length; i++) {
      double n = Math.sqrt(sq[i]);
      double desired = Double.isNaN(rate) ? 1 : rate * Math.min(Math.max(n, min), max) + (1 - rate) * n;
      out[i] = w[i] * (desired / (EPS + n));
    }
    return out;
  }

  private static int[] coordinates(int flat, int[] shape) {
    int[] c = new int[shape.length];
    for (int a = shape.length - 1; a >= 0; a--) {
      c[a] = flat % shape[a];
      flat /= shape[a];
    }
    return c;
  }

  /** NonNeg as Keras computes w · [w >= 0]: -0.0 for negatives, NaN stays, -inf becomes NaN. */
  @ParameterizedTest
  @MethodSource("dev.dense4j.testing.TestBackends#all")
  void nonNeg(Backend backend) {
    TestBackends.assumeAvailable(backend);
    float[] w = {-2f, 3f, 0f, -0f, Float.NaN, Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY, 1e-30f, -1e-30f};
    try (Tensor t = Tensor.of(w, 3, 3)) {
      WeightOps.of(backend).apply(new NonNeg(), t);
      assertArrayEquals(new float[] {-0f, 3f, 0f, -0f, Float.NaN, Float.NaN, Float.POSITIVE_INFINITY, 1e-30f, -0f},
          t.toArray());
    }
    SplittableRandom rng = new SplittableRandom(42);
    float[] big = new float[1201 * 7];
    for (int i = 0; i < big.length; i++) {
      big[i] = (float) rng.nextGaussian();
    }
    try (Tensor t = Tensor.of(big, 1201, 7)) {
      WeightOps.of(backend).apply(new NonNeg(), t);
      float[] got = t.toArray();
      for (int i = 0; i < big.length; i++) {
        assertEquals(big[i] >= 0 ? big[i] : 0f, got[i], 0f);
      }
    }
  }

  /** The ε makes the norm constraints not quite idempotent, and keeps a zero column zero (spec §5.1). */
  @ParameterizedTest
  @MethodSource("dev.dense4j.testing.TestBackends#all")
  void epsilonEdges(Backend backend) {
    TestBackends.assumeAvailable(backend);
    try (Tensor t = Tensor.of(new float[] {0.6f, 0f, 0.8f, 0f}, 2, 2)) {
      WeightOps.of(backend).apply(new MaxNorm(2.0, 0), t); // column 0 has norm ~1 < 2: still scaled by N/(N+ε)
      float[] got = t.toArray();
      double n = Math.sqrt((double) 0.6f * 0.6f + (double) 0.8f * 0.8f);
      assertEquals(0.6f * n / (EPS + n), got[0], 1e-7);
      assertTrue(got[0] < 0.6f, "not idempotent: " + got[0]);
      assertEquals(0f, got[1]);
      assertEquals(0f, got[3]);
    }
  }

  @ParameterizedTest
  @MethodSource("dev.dense4j.testing.TestBackends#all")
  void identityLeavesTheWeight(Backend backend) {
    TestBackends.assumeAvailable(backend);
    float[] w = {1, -2, 3, Float.NaN};
    try (Tensor t = Tensor.of(w, 2, 2)) {
      WeightOps.of(backend).apply(new IdentityConstraint(), t);
      assertArrayEquals(w, t.toArray());
    }
  }
}
