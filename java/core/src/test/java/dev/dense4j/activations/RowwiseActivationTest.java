// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.activations;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.dense4j.backend.Backend;
import dev.dense4j.testing.TestBackends;
import dev.dense4j.testing.Tolerance;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** softmax, log_softmax, glu and sparsemax along the last axis, on every backend. */
class RowwiseActivationTest {

  static final Tolerance TOL = new Tolerance(2e-6, 2e-7);
  static final int[] WIDTHS = {1, 2, 7, 8, 9, 13, 16, 17, 64, 257};

  static Stream<Arguments> cases() {
    List<Arguments> all = new ArrayList<>();
    TestBackends.all().forEach(b -> {
      for (String name : new String[] {"softmax", "log_softmax", "glu", "sparsemax"}) {
        for (double scale : new double[] {1, 30, 1e4}) {
          all.add(Arguments.of(b, name, scale));
        }
      }
    });
    return all.stream();
  }

  @ParameterizedTest(name = "{0} {1} scale={2}")
  @MethodSource("cases")
  void matchesFloat64(Backend backend, String name, double scale) {
    TestBackends.assumeAvailable(backend);
    Function<double[], double[]> oracle = switch (name) {
      case "softmax" -> ActivationOracle::softmax;
      case "log_softmax" -> ActivationOracle::logSoftmax;
      case "glu" -> ActivationOracle::glu;
      default -> ActivationOracle::sparsemax;
    };
    SplittableRandom rng = new SplittableRandom(42);
    for (int n : WIDTHS) {
      if (name.equals("glu") && n % 2 == 1) {
        continue;
      }
      int m = 3;
      float[] y = new float[m * n];
      float[] bias = new float[n];
      for (int i = 0; i < y.length; i++) {
        y[i] = (float) (rng.nextDouble(-1, 1) * scale);
      }
      for (int j = 0; j < n; j++) {
        bias[j] = (float) rng.nextDouble(-1, 1);
      }
      float[] x = y.clone();
      ActivationAccuracyTest.run(backend, (BuiltinActivation) Activations.get(name), y, m, n, bias);
      for (int i = 0; i < m; i++) {
        double[] z = new double[n];
        for (int j = 0; j < n; j++) {
          z[j] = x[i * n + j] + bias[j];
        }
        double[] want = oracle.apply(z);
        double sum = 0;
        for (int j = 0; j < want.length; j++) {
          // sparsemax's threshold is a difference of inputs: scale the absolute error with them
          Tolerance tol = name.equals("sparsemax") || name.equals("log_softmax")
              ? new Tolerance(TOL.relative(), 4e-7 * Math.max(1, scale)) : TOL;
          tol.check(name + " n=" + n + " row " + i + " col " + j, y[i * n + j], want[j]);
          sum += y[i * n + j];
        }
        if (name.equals("softmax") || name.equals("sparsemax")) {
          assertEquals(1.0, sum, 1e-5 * Math.max(1, n / 16.0), name + " row sums to 1, n=" + n);
        }
        if (name.equals("glu")) {
          for (int j = n / 2; j < n; j++) {
            // the second half keeps the biased pre-activation, as documented
            assertEquals(x[i * n + j] + bias[j], y[i * n + j], 0f, "glu keeps column " + j);
          }
        }
      }
    }
  }

  /** Huge logits keep the top of the row in the support, on both backends (the exact limits). */
  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.dense4j.testing.TestBackends#all")
  void sparsemaxOfHugeLogits(Backend backend) {
    TestBackends.assumeAvailable(backend);
    float[][] rows = {{1e20f, 0, 0}, {-1e20f, 0, 0}, {3e19f, 1, -2}, {1e30f, 1e30f, -1e30f}};
    float[][] want = {{1, 0, 0}, {0, 0.5f, 0.5f}, {1, 0, 0}, {0.5f, 0.5f, 0}};
    for (int r = 0; r < rows.length; r++) {
      float[] y = rows[r].clone();
      ActivationAccuracyTest.run(backend, (BuiltinActivation) Activations.get("sparsemax"), y, 1, 3, null);
      for (int j = 0; j < 3; j++) {
        assertEquals(want[r][j], y[j], 0f, backend + " row " + r + " column " + j);
      }
    }
  }
}
