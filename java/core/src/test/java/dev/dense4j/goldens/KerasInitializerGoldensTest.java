// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.goldens;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dense4j.initializers.Initializer;
import dev.dense4j.initializers.Initializers;
import dev.dense4j.tensor.Tensor;
import dev.dense4j.testing.KerasGoldens;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each initializer, built from the config Keras serialised, fills a 64 × 48 kernel whose
 * statistics match those of Keras' kernel: the two draw from different random streams, so random
 * initializers are compared within sampling error (mean within 6 standard errors, standard
 * deviation within 6%, the bounds of bounded distributions within 12% of a standard deviation,
 * the mean of diag(WᵀW), which is gain² for an orthogonal kernel, within 6%);
 * deterministic ones exactly.
 */
class KerasInitializerGoldensTest {

  static Stream<Named<Map<String, Object>>> cases() {
    return KerasGoldens.cases("initializers.json").stream()
        .map(c -> Named.of(String.valueOf(((Map<?, ?>) c.get("config")).get("class_name"))
            + ((Map<?, ?>) c.get("config")).get("config"), c));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  @SuppressWarnings("unchecked")
  void statisticsMatchKeras(Map<String, Object> golden) {
    Map<String, Object> config = (Map<String, Object>) golden.get("config");
    Initializer init = Initializers.fromConfig(config);
    int[] shape = golden.get("shape") instanceof List<?> l
        ? l.stream().mapToInt(v -> ((Number) v).intValue()).toArray() : null;
    double[] s;
    try (Tensor t = Tensor.zeros(shape)) {
      init.initialize(t);
      s = stats(t.toArray(), shape[0], shape[1]);
    }
    double mean = d(golden, "mean");
    double std = d(golden, "std");
    String name = init.toString();
    if (std == 0 || name.startsWith("Identity")) {
      assertEquals(mean, s[0], 1e-6, name + " mean");
      assertEquals(std, s[1], 1e-6, name + " std");
      assertEquals(d(golden, "min"), s[2], 1e-6, name + " min");
      assertEquals(d(golden, "max"), s[3], 1e-6, name + " max");
      return;
    }
    int n = shape[0] * shape[1];
    assertEquals(mean, s[0], 6 * std / Math.sqrt(n), name + " mean");
    assertEquals(std, s[1], 0.06 * std, name + " standard deviation");
    assertEquals(d(golden, "gram_diagonal_mean"), s[4], 0.06 * d(golden, "gram_diagonal_mean") + 1e-6,
        name + " mean of diag(WᵀW)");
    // bounded distributions only: RandomNormal and Orthogonal's (nearly) Gaussian entries have no bound
    if (!List.of("RandomNormal", "Orthogonal").contains(config.get("class_name"))) {
      assertEquals(d(golden, "min"), s[2], 0.12 * std, name + " min");
      assertEquals(d(golden, "max"), s[3], 0.12 * std, name + " max");
    }
    assertTrue(s[1] > 0, name + " is not constant");
  }

  /** mean, std, min, max and the mean of diag(WᵀW) of a rows × cols matrix. */
  private static double[] stats(float[] w, int rows, int cols) {
    double sum = 0;
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (float v : w) {
      sum += v;
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    double mean = sum / w.length;
    double sq = 0;
    for (float v : w) {
      sq += (v - mean) * (v - mean);
    }
    double diag = 0;
    for (int c = 0; c < cols; c++) {
      for (int r = 0; r < rows; r++) {
        diag += (double) w[r * cols + c] * w[r * cols + c];
      }
    }
    return new double[] {mean, Math.sqrt(sq / w.length), min, max, diag / cols};
  }

  private static double d(Map<String, Object> g, String key) {
    return ((Number) g.get(key)).doubleValue();
  }
}
