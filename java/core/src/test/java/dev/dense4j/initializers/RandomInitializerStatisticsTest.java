// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.initializers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dense4j.tensor.Tensor;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every random initializer against the distribution the spec gives it: mean, standard deviation,
 * and the exact bounds where there are any, with tolerances derived from the sample size.
 */
class RandomInitializerStatisticsTest {

  private static final int ROWS = 200;
  private static final int COLS = 250; // fan_in 200, fan_out 250, fan_avg 225
  private static final int N = ROWS * COLS;
  private static final double TRUNC = 0.87962566103423978;
  private static final double NONE = Double.NaN;

  /** name, initializer, mean, std of the values, lower bound, upper bound (NaN: unbounded). */
  static Stream<Arguments> cases() {
    double s200 = Math.sqrt(1.0 / 200);
    double s225 = Math.sqrt(1.0 / 225);
    double s250 = Math.sqrt(1.0 / 250);
    return Stream.of(
        uniform("RandomUniform(-0.2, 0.6)", () -> new RandomUniform(-0.2, 0.6, 11L), -0.2, 0.6),
        uniform("RandomUniform()", () -> new RandomUniform(-0.05, 0.05, 12L), -0.05, 0.05),
        normal("RandomNormal(0.3, 0.7)", () -> new RandomNormal(0.3, 0.7, 13L), 0.3, 0.7),
        normal("RandomNormal()", () -> new RandomNormal(0.0, 0.05, 14L), 0.0, 0.05),
        truncated("TruncatedNormal(0.1, 0.5)", () -> new TruncatedNormal(0.1, 0.5, 15L), 0.1, 0.5),
        uniform("GlorotUniform", () -> new GlorotUniform(16L), -Math.sqrt(6.0 / 450), Math.sqrt(6.0 / 450)),
        truncated("GlorotNormal", () -> new GlorotNormal(17L), 0, Math.sqrt(2.0 / 450) / TRUNC),
        uniform("HeUniform", () -> new HeUniform(18L), -Math.sqrt(6.0 / 200), Math.sqrt(6.0 / 200)),
        truncated("HeNormal", () -> new HeNormal(19L), 0, Math.sqrt(2.0 / 200) / TRUNC),
        uniform("LecunUniform", () -> new LecunUniform(20L), -Math.sqrt(3.0 / 200), Math.sqrt(3.0 / 200)),
        truncated("LecunNormal", () -> new LecunNormal(21L), 0, Math.sqrt(1.0 / 200) / TRUNC),
        truncated("VarianceScaling() fan_in truncated", () -> new VarianceScaling(1.0, "fan_in",
            "truncated_normal", 22L), 0, s200 / TRUNC),
        truncated("VarianceScaling(3, fan_out, normal)", () -> new VarianceScaling(3.0, "fan_out", "normal",
            23L), 0, Math.sqrt(3) * s250 / TRUNC),
        normal("VarianceScaling(0.5, fan_avg, untruncated)", () -> new VarianceScaling(0.5, "fan_avg",
            "untruncated_normal", 24L), 0, Math.sqrt(0.5) * s225),
        uniform("VarianceScaling(2, fan_out, UNIFORM)", () -> new VarianceScaling(2.0, "fan_out", "UNIFORM", 25L),
            -Math.sqrt(6.0) * s250, Math.sqrt(6.0) * s250),
        // fans from axes: shape (200, 250) with input_axes [1], output_axes [0] swaps them
        uniform("VarianceScaling(1, fan_in, uniform, axes [1]/[0])", () -> new VarianceScaling(1.0, "fan_in",
            "uniform", 26L, new int[] {1}, new int[] {0}), -Math.sqrt(3) * s250, Math.sqrt(3) * s250));
  }

  private static Arguments uniform(String name, Supplier<Initializer> init, double lo, double hi) {
    return Arguments.of(Named.of(name, init), (lo + hi) / 2, (hi - lo) / Math.sqrt(12), lo, hi);
  }

  private static Arguments normal(String name, Supplier<Initializer> init, double mean, double sd) {
    return Arguments.of(Named.of(name, init), mean, sd, NONE, NONE);
  }

  // stddev is the parameter before truncation at ±2·stddev
  private static Arguments truncated(String name, Supplier<Initializer> init, double mean, double stddev) {
    return Arguments.of(Named.of(name, init), mean, stddev * TRUNC, mean - 2 * stddev, mean + 2 * stddev);
  }

  @ParameterizedTest
  @MethodSource("cases")
  void matchesTheSpecDistribution(Supplier<Initializer> init, double mean, double sd, double lo, double hi) {
    float[] v;
    try (Tensor t = Tensor.zeros(ROWS, COLS)) {
      init.get().initialize(t);
      v = t.toArray();
    }
    double sum = 0;
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (float x : v) {
      sum += x;
      min = Math.min(min, x);
      max = Math.max(max, x);
    }
    double m = sum / N;
    double ss = 0;
    for (float x : v) {
      ss += (x - m) * (x - m);
    }
    double s = Math.sqrt(ss / (N - 1));
    // five standard errors: the mean's sd/sqrt(N); the sample std's about sd/sqrt(2N) or less
    assertEquals(mean, m, 5 * sd / Math.sqrt(N), "mean");
    assertEquals(1.0, s / sd, 5 / Math.sqrt(2.0 * N), "std / expected std");
    if (!Double.isNaN(lo)) {
      assertTrue(min >= (float) lo && max <= (float) hi, "values in [" + lo + ", " + hi + "]: " + min + ".." + max);
      // the extremes come close to the bounds: P(no value within delta of a bound) < e^-20
      double delta = (hi - lo) * 20.0 / N / 0.05;
      assertTrue(min - lo < delta && hi - max < delta, "extremes " + min + ", " + max + " near the bounds");
    }
  }
}
