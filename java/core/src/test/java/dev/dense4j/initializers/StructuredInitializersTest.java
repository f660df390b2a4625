// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.initializers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dense4j.tensor.Tensor;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Zeros, Ones, Constant and Identity exactly; Orthogonal's orthonormality and QR convention. */
class StructuredInitializersTest {

  private static float[] values(Initializer init, int... shape) {
    try (Tensor t = Tensor.zeros(shape)) {
      t.copyFrom(filled(t.size(), 7f)); // make sure every element gets written
      init.initialize(t);
      return t.toArray();
    }
  }

  private static float[] filled(long n, float v) {
    float[] a = new float[(int) n];
    Arrays.fill(a, v);
    return a;
  }

  @Test
  void constantsAreExact() {
    assertArrayEquals(filled(5000, 0f), values(new Zeros(), 100, 50));
    assertArrayEquals(filled(5000, 1f), values(new Ones(), 100, 50));
    assertArrayEquals(filled(5000, 0.25f), values(new Constant(0.25), 100, 50));
    assertArrayEquals(filled(6, (float) 0.1), values(new Constant(0.1), 6));
    assertArrayEquals(filled(1, 0f), values(new Constant(), new int[0]));
  }

  @Test
  void identityIsEyeTimesGain() {
    assertArrayEquals(new float[] {2.5f, 0, 0, 0, 0, 0, 2.5f, 0, 0, 0, 0, 0, 2.5f, 0, 0},
        values(new Identity(2.5), 3, 5));
    assertArrayEquals(new float[] {1, 0, 0, 1, 0, 0}, values(new Identity(), 3, 2));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> values(new Identity(), 2, 2, 2));
    assertTrue(e.getMessage().contains("Identity") && e.getMessage().contains("[2, 2, 2]"), e.getMessage());
  }

  /** Wᵀ·W = gain²·I for tall shapes, W·Wᵀ = gain²·I for wide ones; rank 3 flattens leading axes. */
  @ParameterizedTest
  @CsvSource({"50x20, 1.0", "20x50, 1.0", "37x37, 1.5", "1x9, 1.0", "9x1, 2.0", "4x5x6, 1.0", "3x4x30, 0.5"})
  void orthogonalHasOrthonormalColumnsOrRows(String dims, double gain) {
    int[] shape = Arrays.stream(dims.split("x")).mapToInt(Integer::parseInt).toArray();
    float[] w = values(new Orthogonal(gain, 3L), shape);
    int cols = shape[shape.length - 1];
    int rows = w.length / cols;
    boolean tall = rows >= cols;
    int k = Math.min(rows, cols);
    for (int i = 0; i < k; i++) {
      for (int j = 0; j < k; j++) {
        double dot = 0;
        for (int t = 0; t < Math.max(rows, cols); t++) {
          dot += tall ? (double) w[t * cols + i] * w[t * cols + j] : (double) w[i * cols + t] * w[j * cols + t];
        }
        assertEquals(i == j ? gain * gain : 0, dot, 1e-5 * gain * gain, "(" + i + ", " + j + ")");
      }
    }
  }

  /**
   * The Q is that of the QR decomposition of the drawn normal matrix A with R's diagonal made
   * positive: Qᵀ·A = R is upper triangular with a positive diagonal. A is what RandomNormal(0, 1)
   * with the same seed draws (the documented stream).
   */
  @Test
  void orthogonalIsTheQrFactorWithPositiveDiagonal() {
    int rows = 30;
    int cols = 8;
    float[] q = values(new Orthogonal(1.0, 77L), rows, cols);
    float[] a = values(new RandomNormal(0, 1, 77L), rows, cols);
    for (int i = 0; i < cols; i++) {
      for (int j = 0; j < cols; j++) {
        double r = 0;
        for (int t = 0; t < rows; t++) {
          r += (double) q[t * cols + i] * a[t * cols + j];
        }
        if (i > j) {
          assertEquals(0, r, 1e-4, "R below the diagonal at (" + i + ", " + j + ")");
        } else if (i == j) {
          assertTrue(r > 0, "R diagonal positive at " + i + ": " + r);
        }
      }
    }
  }

  @Test
  void orthogonalNeedsRankTwo() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> values(new Orthogonal(), 5));
    assertTrue(e.getMessage().contains("rank >= 2") && e.getMessage().contains("[5]"), e.getMessage());
  }
}
