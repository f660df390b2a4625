// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dense4j.backend.Backend;
import dev.dense4j.backend.Precision;
import dev.dense4j.testing.Float64Forward;
import dev.dense4j.testing.TestBackends;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Predictors in each precision on both backends: against the float64 evaluation of the float
 * model (within each precision's error), native against reference (the same formula), the fp32
 * BLAS rows against the packed ones, and the weight memory each precision holds.
 */
class PredictorPrecisionTest {

  /** Max abs error against float64 of the float model: softmax outputs in [0, 1]. */
  static double tolerance(Precision p) {
    return switch (p) {
      case FLOAT32 -> 2e-6;
      case BFLOAT16 -> 1.5e-2;
      case INT8 -> 3e-2;
    };
  }

  static Stream<Arguments> cases() {
    return TestBackends.all().flatMap(b -> Stream.of(Precision.values()).map(p -> Arguments.of(b, p)));
  }

  @ParameterizedTest(name = "{0}, {1}")
  @MethodSource("cases")
  void predictsTheFloatModelWithinThePrecisionsError(Backend backend, Precision precision) {
    TestBackends.assumeAvailable(backend);
    try (Sequential model = TestModels.mlp(backend, 7, new int[] {37, 65, 33, 9}, "relu", "tanh", "softmax");
        Predictor p = Predictor.builder(model).precision(precision).build()) {
      assertEquals(precision, p.precision());
      for (int batch : new int[] {1, 7, 33, 130}) {
        float[] x = TestModels.random(new SplittableRandom(batch), batch * 37, 1);
        float[] y = p.predict(x, batch);
        double[] want = Float64Forward.runFloat32Between(model, x, batch);
        double worst = 0;
        for (int i = 0; i < y.length; i++) {
          worst = Math.max(worst, Math.abs(y[i] - want[i]));
        }
        assertTrue(worst <= tolerance(precision), backend + " " + precision + " batch " + batch + ": max abs error "
            + worst + " > " + tolerance(precision));
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("precisions")
  void nativeComputesWhatTheReferenceComputes(Precision precision) {
    TestBackends.assumeAvailable(Backend.NATIVE);
    int[] widths = {29, 40, 6};
    try (Sequential fast = TestModels.mlp(Backend.NATIVE, 3, widths, "tanh", "glu");
        Sequential slow = TestModels.mlp(Backend.REFERENCE, 3, widths, "tanh", "glu");
        Predictor a = Predictor.builder(fast).precision(precision).build();
        Predictor b = Predictor.builder(slow).precision(precision).build()) {
      for (int batch : new int[] {1, 5, 131}) {
        float[] x = TestModels.random(new SplittableRandom(11), batch * 29, 2);
        float[] ya = a.predict(x, batch);
        float[] yb = b.predict(x, batch);
        for (int i = 0; i < ya.length; i++) {
          assertEquals(yb[i], ya[i], 3e-5 * (1 + Math.abs(yb[i])), precision + " batch " + batch + " at " + i);
        }
      }
    }
  }

  static Stream<Named<Precision>> precisions() {
    return Stream.of(Precision.values()).map(p -> Named.of(p.name(), p));
  }

  @Test
  void fp32RowsOnTheBlasEqualThePackedRows() {
    TestBackends.assumeAvailable(Backend.NATIVE);
    int big = (int) dev.dense4j.internal.engine.DenseOp.F32_BLAS_FROM_ROWS + 3;
    try (Sequential model = TestModels.mlp(Backend.NATIVE, 5, new int[] {50, 70, 4}, "relu", "linear");
        Predictor p = Predictor.builder(model).build()) {
      float[] x = TestModels.random(new SplittableRandom(5), big * 50, 1);
      float[] all = p.predict(x, big); // one call of `big` rows: the BLAS
      float[] one = new float[4];
      for (int i = 0; i < big; i += 17) {
        float[] row = java.util.Arrays.copyOfRange(x, i * 50, i * 50 + 50);
        p.predict(row, 1, one); // one row: the packed kernel
        for (int j = 0; j < 4; j++) {
          assertEquals(all[i * 4 + j], one[j], 1e-5 * (1 + Math.abs(one[j])), "row " + i);
        }
      }
    }
  }

  @Test
  void weightBytesPerPrecision() {
    TestBackends.assumeAvailable(Backend.NATIVE);
    try (Sequential model = TestModels.mlp(Backend.NATIVE, 1, new int[] {784, 128}, "relu")) {
      long bias = 128 * 4;
      assertEquals(401_408L + 401_408L + bias, bytes(model, Precision.FLOAT32), "fp32: panels + row-major copy");
      assertEquals(200_704L + bias, bytes(model, Precision.BFLOAT16), "bf16: 392 pairs x 4 panels x 128 B");
      assertEquals(101_376L + bias, bytes(model, Precision.INT8), "int8: 4 x (256 + 196 x 128) B");
    }
  }

  private static long bytes(Sequential model, Precision precision) {
    try (Predictor p = Predictor.builder(model).precision(precision).build()) {
      return p.weightBytes();
    }
  }

  @Test
  void aNullPrecisionIsRefused() {
    try (Sequential model = TestModels.mlp(Backend.REFERENCE, 1, new int[] {3, 2}, "relu")) {
      NullPointerException e = assertThrows(NullPointerException.class, () -> Predictor.builder(model).precision(null));
      assertEquals("precision", e.getMessage());
    }
  }

  @Test
  void hotSwapMovesBetweenPrecisions() {
    Backend backend = TestBackends.all().findFirst().orElseThrow().getPayload();
    try (Sequential model = TestModels.mlp(backend, 2, new int[] {12, 8, 3}, "relu", "softmax");
        HotSwapPredictor live = new HotSwapPredictor(Predictor.builder(model).precision(Precision.INT8).build())) {
      float[] x = TestModels.random(new SplittableRandom(2), 12, 1);
      float[] int8 = live.predict(x, 1);
      live.swap(Predictor.builder(model).precision(Precision.BFLOAT16).build());
      float[] bf16 = live.predict(x, 1);
      assertEquals(Precision.BFLOAT16, live.current().precision());
      for (int j = 0; j < 3; j++) {
        assertEquals(int8[j], bf16[j], 5e-2, "output " + j);
      }
    }
  }
}
