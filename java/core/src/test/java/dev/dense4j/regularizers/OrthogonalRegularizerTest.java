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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * OrthogonalRegularizer against a float64 implementation of spec §4.2, and its gradient against
 * central finite differences of that implementation, on both backends.
 */
class OrthogonalRegularizerTest {

  private static final double EPS = 1e-7f;

  static Stream<Arguments> cases() {
    List<Arguments> out = new ArrayList<>();
    TestBackends.all().forEach(b -> {
      for (String mode : List.of("rows", "columns")) {
        for (int[] shape : new int[][] {{2, 3}, {5, 4}, {3, 9}, {16, 16}, {13, 7}}) {
          out.add(Arguments.of(b, mode, shape));
        }
      }
    });
    return out.stream();
  }

  // factor · 0.5 · Σ_{i≠j} |P_ij| / (n(n−1)/2) with normalized rows (or columns)
  static double oracle(double factor, boolean rows, double[] x, int r0, int c0) {
    int n = rows ? r0 : c0;
    int len = rows ? c0 : r0;
    double[][] u = new double[n][len];
    for (int i = 0; i < n; i++) {
      double s = 0;
      for (int k = 0; k < len; k++) {
        double v = rows ? x[i * c0 + k] : x[k * c0 + i];
        s += v * v;
      }
      double d = Math.sqrt(Math.max(s, EPS * EPS));
      for (int k = 0; k < len; k++) {
        u[i][k] = (rows ? x[i * c0 + k] : x[k * c0 + i]) / d;
      }
    }
    double sum = 0;
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        if (i != j) {
          double p = 0;
          for (int k = 0; k < len; k++) {
            p += u[i][k] * u[j][k];
          }
          sum += Math.abs(p);
        }
      }
    }
    return factor * 0.5 * sum / (n * (n - 1.0) / 2.0);
  }

  @ParameterizedTest
  @MethodSource("cases")
  void valueAndGradient(Backend backend, String mode, int[] shape) {
    TestBackends.assumeAvailable(backend);
    SplittableRandom rng = new SplittableRandom(42);
    int size = shape[0] * shape[1];
    float[] x = new float[size];
    for (int i = 0; i < size; i++) {
      x[i] = (float) (rng.nextDouble() * 2 - 1);
    }
    double[] xd = new double[size];
    for (int i = 0; i < size; i++) {
      xd[i] = x[i];
    }
    float factorF = 0.3f;
    boolean rows = mode.equals("rows");
    OrthogonalRegularizer r = new OrthogonalRegularizer(0.3, mode);
    try (Tensor xt = Tensor.of(x, shape); Tensor g = Tensor.zeros(shape)) {
      double want = oracle(factorF, rows, xd, shape[0], shape[1]);
      assertEquals(want, WeightOps.of(backend).penalty(r, xt), 1e-6 * Math.max(1, want));
      WeightOps.of(backend).addGradient(r, xt, g);
      float[] got = g.toArray();
      double h = 1e-6;
      for (int i = 0; i < size; i++) {
        double keep = xd[i];
        xd[i] = keep + h;
        double up = oracle(factorF, rows, xd, shape[0], shape[1]);
        xd[i] = keep - h;
        double down = oracle(factorF, rows, xd, shape[0], shape[1]);
        xd[i] = keep;
        double fd = (up - down) / (2 * h);
        assertEquals(fd, got[i], 2e-4 * (1 + Math.abs(fd)), "d/dx[" + i + "]");
      }
    }
  }

  /** Orthogonal rows give 0; identical rows give factor (mean |cos| = 1). */
  @ParameterizedTest
  @MethodSource("dev.dense4j.testing.TestBackends#all")
  void extremes(Backend backend) {
    TestBackends.assumeAvailable(backend);
    try (Tensor eye = Tensor.of(new float[] {1, 0, 0, 0, 2, 0}, 2, 3);
        Tensor same = Tensor.of(new float[] {1, 2, 3, 2, 4, 6, -1, -2, -3}, 3, 3);
        Tensor one = Tensor.of(new float[] {1, 2, 3}, 1, 3)) {
      assertEquals(0.0, WeightOps.of(backend).penalty(new OrthogonalRegularizer(0.5, "rows"), eye), 1e-7);
      assertEquals((double) 0.5f, WeightOps.of(backend).penalty(new OrthogonalRegularizer(0.5, "rows"), same), 1e-6);
      assertTrue(Double.isNaN(WeightOps.of(backend).penalty(new OrthogonalRegularizer(), one)), "n = 1 divides by zero, as Keras");
    }
  }

  @Test
  void checksRankModeAndFactor() {
    try (Tensor x = Tensor.zeros(2, 3, 4)) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> new OrthogonalRegularizer().penalty(x));
      assertTrue(e.getMessage().contains("rank 2") && e.getMessage().contains("[2, 3, 4]"), e.getMessage());
    }
    IllegalArgumentException m = assertThrows(IllegalArgumentException.class, () -> new OrthogonalRegularizer(0.1, "cols"));
    assertTrue(m.getMessage().contains("mode=cols"), m.getMessage());
    IllegalArgumentException f = assertThrows(IllegalArgumentException.class, () -> new OrthogonalRegularizer(-0.1, "rows"));
    assertTrue(f.getMessage().contains("factor=-0.1"), f.getMessage());
  }
}
