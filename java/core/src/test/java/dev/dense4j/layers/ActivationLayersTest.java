// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dense4j.activations.Activation;
import dev.dense4j.activations.Activations;
import dev.dense4j.tensor.Tensor;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The activation layers against the spec's reference points and float64 formulas. */
class ActivationLayersTest {

  private static final float[] X = {-10, -5, 0, 5, 10};

  private static float[] run(Layer l, float[] x) {
    float[] y = new float[l.computeOutputShape(1, x.length)[1]];
    l.call(x, new int[] {1, x.length}, y);
    return y;
  }

  @Test
  void reluMatchesTheSpecReferencePoints() {
    // spec §2.3, input [-10, -5, 0, 5, 10]
    assertArrayEquals(new float[] {-5, -2.5f, 0, 5, 10}, run(new ReLU(null, Float.POSITIVE_INFINITY, 0.5f, 0), X));
    assertArrayEquals(new float[] {0, 0, 0, 5, 5}, run(new ReLU(null, 5, 0, 0), X));
    assertArrayEquals(new float[] {0, 0, 0, 0, 10}, run(new ReLU(null, Float.POSITIVE_INFINITY, 0, 5), X));
    assertArrayEquals(new float[] {0, 0, 0, 0, 5}, run(new ReLU(null, 5, 0, 5), X));
    assertArrayEquals(new float[] {-7.5f, -5, -2.5f, 0, 5}, run(new ReLU(null, 5, 0.5f, 5), X));
    assertArrayEquals(new float[] {0, 0, 0, 5, 10}, run(new ReLU(), X));
  }

  @Test
  void leakyReluLayerDefaultsToThreeTenths() {
    LeakyReLU l = new LeakyReLU();
    assertEquals(0.3f, l.negativeSlope());
    assertArrayEquals(new float[] {-3, -1.5f, 0, 5, 10}, run(l, X), 1e-6f);
  }

  @Test
  void eluAndSoftmaxMatchFloat64() {
    float[] y = run(new ELU(null, 0.5f), X);
    for (int i = 0; i < X.length; i++) {
      assertEquals(X[i] > 0 ? X[i] : 0.5 * Math.expm1(X[i]), y[i], 1e-6);
    }
    SplittableRandom rng = new SplittableRandom(42);
    float[] x = new float[3 * 7];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) (rng.nextDouble() * 20 - 10);
    }
    Softmax s = new Softmax("sm");
    float[] p = new float[x.length];
    s.call(x, new int[] {3, 7}, p);
    for (int r = 0; r < 3; r++) {
      double sum = 0;
      for (int j = 0; j < 7; j++) {
        sum += Math.exp(x[r * 7 + j]);
      }
      for (int j = 0; j < 7; j++) {
        assertEquals(Math.exp(x[r * 7 + j]) / sum, p[r * 7 + j], 1e-6);
      }
    }
  }

  @Test
  void activationLayerRunsCustomActivationsAndNarrowingOnes() {
    Activation twice = new Activation() {
      @Override
      public String name() {
        return "twice";
      }

      @Override
      public void apply(float[] v, int offset, int rows, int cols) {
        for (int i = offset; i < offset + rows * cols; i++) {
          v[i] *= 2;
        }
      }
    };
    assertArrayEquals(new float[] {-20, -10, 0, 10, 20}, run(new ActivationLayer("t", twice), X));
    ActivationLayer glu = new ActivationLayer("g", Activations.get("glu"));
    assertArrayEquals(new int[] {-1, 2}, glu.computeOutputShape(-1, 4));
    float[] y = run(glu, new float[] {1, 2, 0, 0});
    assertArrayEquals(new float[] {0.5f, 1f}, y, 1e-6f); // a · sigmoid(b) with b = 0
  }

  @Test
  void tensorCallKeepsShapeForRank3() {
    try (Tensor x = Tensor.of(new float[] {-1, 2, -3, 4}, 1, 2, 2); Tensor y = new ReLU().call(x)) {
      assertArrayEquals(new int[] {1, 2, 2}, y.shape());
      assertArrayEquals(new float[] {0, 2, 0, 4}, y.toArray());
    }
  }

  @Test
  void dropoutIsTheIdentityAndFlattenJoinsTrailingAxes() {
    float[] y = new float[5];
    new Dropout(0.5f).call(X, new int[] {1, 5}, y);
    assertArrayEquals(X, y);
    Flatten f = new Flatten();
    assertArrayEquals(new int[] {-1, 1000}, f.computeOutputShape(-1, 10, 10, 10, 1));
    assertArrayEquals(new int[] {4, 1}, f.computeOutputShape(4));
    assertArrayEquals(new int[] {-1, -1}, f.computeOutputShape(-1, -1, 3));
    float[] z = new float[6];
    f.call(new float[] {1, 2, 3, 4, 5, 6}, new int[] {1, 2, 3}, z);
    assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6}, z);
  }

  @Test
  void argumentChecksNameTheArgumentAndValue() {
    assertMessage(() -> new ReLU(null, Float.POSITIVE_INFINITY, -1f, 0), "ReLU: negative_slope must be >= 0; received negative_slope=-1.0");
    assertMessage(() -> new ReLU(null, 0f, 0f, 0), "max_value must be > 0");
    assertMessage(() -> new LeakyReLU(null, Float.NaN), "LeakyReLU: negative_slope must be finite and >= 0; received negative_slope=NaN");
    assertMessage(() -> new Dropout(1.5f), "Dropout: rate must be a float between 0 and 1; received rate=1.5");
    assertMessage(() -> new Dropout("d", 0.5f, new int[] {-1, 0}, 1L), "Dropout: noise_shape entries must be > 0 or -1 (None); received noise_shape=[-1, 0] (index 1)");
    assertMessage(() -> new Flatten("f").computeOutputShape(), "Flatten 'f': expected an input of rank >= 1; received shape []");
    assertMessage(() -> new Flatten("f").call(new float[2], new int[] {1, 3}, new float[3]), "received input.length=2");
    assertMessage(() -> new Dropout("d", 0f).call(new float[3], new int[] {1, 3}, new float[2]), "received input.length=3, output.length=2");
    assertMessage(() -> new Softmax("s").call(new float[3], new int[] {1, 3}, new float[2]),
        "Softmax 's': expected output.length 3; received output.length=2");
    assertMessage(() -> new Softmax("s").call(new float[3], new int[] {-1, 3}, new float[3]),
        "Softmax 's': dimensions must be >= 0; received shape [-1, 3]");
  }

  private static void assertMessage(Runnable r, String fragment) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, r::run);
    assertTrue(e.getMessage().contains(fragment), e.getMessage());
  }
}
