// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dense4j.backend.Backend;
import dev.dense4j.tensor.Tensor;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Keras' Dropout in training (its docstring: inputs set to 0 with frequency {@code rate}, the
 * others scaled by {@code 1 / (1 − rate)}; nothing dropped at inference), the backward pass, the
 * seed state and {@code noise_shape}.
 */
class DropoutTest {

  private static float[] values(int n, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = (float) (rng.nextDouble() * 4 - 2);
    }
    return v;
  }

  @Test
  void trainingDropsAboutRateAndScalesTheRestByOneOverKeep() {
    int n = 200_000;
    float[] x = values(n, 1);
    Dropout d = new Dropout("d", 0.2f, null, 42L);
    try (LayerTraining t = d.startTraining(Backend.REFERENCE, n, 1); Tensor in = Tensor.of(x, n, 1)) {
      float[] y = t.forward(in, true).toArray();
      int dropped = 0;
      float keep = 1 - 0.2f;
      for (int i = 0; i < n; i++) {
        if (y[i] == 0 && x[i] != 0) {
          dropped++;
        } else {
          assertEquals(x[i] / keep, y[i], 0f, "kept value " + i);
        }
      }
      // binomial(n, 0.2): standard deviation sqrt(n · 0.2 · 0.8) ≈ 179; allow 5 of them
      assertEquals(0.2 * n, dropped, 5 * Math.sqrt(n * 0.2 * 0.8));
      // the backward pass lets the gradient through the same mask, with the same scale
      float[] g = values(n, 2);
      try (Tensor tg = Tensor.of(g, n, 1)) {
        float[] dx = t.backward(tg, true).toArray();
        for (int i = 0; i < n; i++) {
          float expected = y[i] == 0 && x[i] != 0 ? 0f : g[i] / keep;
          assertEquals(expected, dx[i], 0f, "gradient " + i);
        }
      }
    }
  }

  @Test
  void inferenceModeAndRateZeroAreTheIdentityBothWays() {
    float[] x = values(12, 3);
    try (Tensor in = Tensor.of(x, 3, 4); Tensor g = Tensor.of(values(12, 4), 3, 4)) {
      Dropout d = new Dropout("d", 0.5f, null, 1L);
      try (LayerTraining t = d.startTraining(Backend.REFERENCE, 3, 4)) {
        assertSame(in, t.forward(in, false));
        assertSame(g, t.backward(g, true));
        assertSame(in, t.forward(in)); // the one-argument forward is inference mode
      }
      assertArrayEquals(new long[] {1, 0}, d.seedState(), "inference draws no mask");
      try (LayerTraining t = new Dropout("z", 0f, null, 1L).startTraining(Backend.REFERENCE, 3, 4)) {
        assertSame(in, t.forward(in, true));
        assertSame(g, t.backward(g, true));
      }
      float[] y = new float[12];
      d.call(x, new int[] {3, 4}, y);
      assertArrayEquals(x, y);
    }
  }

  @Test
  void rateOneDropsEverything() {
    try (LayerTraining t = new Dropout("d", 1f, null, 9L).startTraining(Backend.REFERENCE, 2, 3);
        Tensor in = Tensor.of(values(6, 5), 2, 3)) {
      assertArrayEquals(new float[6], t.forward(in, true).toArray());
    }
  }

  @Test
  void theSameSeedGivesTheSameMasksAndEachStepANewOne() {
    float[] x = values(64, 6);
    Dropout a = new Dropout("a", 0.5f, null, 123L);
    Dropout b = new Dropout("b", 0.5f, null, 123L);
    try (LayerTraining ta = a.startTraining(Backend.REFERENCE, 8, 8); LayerTraining tb = b.startTraining(Backend.NATIVE, 8, 8);
        Tensor in = Tensor.of(x, 8, 8)) {
      float[] a1 = ta.forward(in, true).toArray();
      float[] b1 = tb.forward(in, true).toArray();
      assertArrayEquals(a1, b1, "same seed, same first mask, whatever the backend");
      float[] a2 = ta.forward(in, true).toArray();
      assertNotEquals(java.util.Arrays.toString(a1), java.util.Arrays.toString(a2), "the next step draws a new mask");
      assertArrayEquals(new long[] {123, 2}, a.seedState());
      a.setSeedCounter(0);
      assertArrayEquals(a1, ta.forward(in, true).toArray(), "rewinding the counter repeats the masks");
    }
    Dropout c = new Dropout("c", 0.5f, null, 124L);
    try (LayerTraining tc = c.startTraining(Backend.REFERENCE, 8, 8); Tensor in = Tensor.of(x, 8, 8)) {
      Dropout a0 = new Dropout("a0", 0.5f, null, 123L);
      try (LayerTraining t0 = a0.startTraining(Backend.REFERENCE, 8, 8)) {
        assertNotEquals(java.util.Arrays.toString(t0.forward(in, true).toArray()),
            java.util.Arrays.toString(tc.forward(in, true).toArray()), "another seed, another mask");
      }
    }
    assertEquals(null, new Dropout(0.5f).seed(), "an unseeded layer reports seed None, as Keras");
  }

  @Test
  void noiseShapeSharesTheMaskAlongAxesOfSizeOne() {
    // Keras' docstring: inputs (batch, timesteps, features), noise_shape (batch, 1, features)
    int b = 4;
    int steps = 5;
    int f = 6;
    float[] x = new float[b * steps * f];
    java.util.Arrays.fill(x, 1f);
    Dropout d = new Dropout("d", 0.5f, new int[] {-1, 1, f}, 11L);
    try (LayerTraining t = d.startTraining(Backend.REFERENCE, b, steps, f); Tensor in = Tensor.of(x, b, steps, f)) {
      float[] y = t.forward(in, true).toArray();
      int kept = 0;
      for (int s = 0; s < b; s++) {
        for (int j = 0; j < f; j++) {
          float first = y[(s * steps) * f + j];
          kept += first != 0 ? 1 : 0;
          for (int k = 1; k < steps; k++) {
            assertEquals(first, y[(s * steps + k) * f + j], 0f, "sample " + s + " feature " + j + " step " + k);
          }
        }
      }
      assertTrue(kept > 0 && kept < b * f, "some features kept, some dropped: " + kept);
      try (Tensor wrong = Tensor.of(new float[b * steps * 2], b, steps, 2)) {
        var e = assertThrows(IllegalArgumentException.class, () -> t.forward(wrong, true));
        assertEquals("Dropout 'd': noise_shape [-1, 1, 6] does not broadcast to the input shape; received input shape "
            + "[4, 5, 2]", e.getMessage());
      }
    }
  }
}
