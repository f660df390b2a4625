// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.dense4j.activations.Activations;
import dev.dense4j.activations.BuiltinActivation;
import dev.dense4j.backend.Backend;
import dev.dense4j.internal.reference.ReferenceKernels;
import dev.dense4j.testing.TestBackends;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The training kernels of the native backend against the pure-Java reference (float64) on tail
 * shapes: activation backward for every activation, transposed GEMMs, the bias-gradient column
 * sum and the sum of squares.
 */
class TrainingKernelsTest {

  static final Kernels REF = ReferenceKernels.INSTANCE;

  static Kernels nativeKernels() {
    TestBackends.assumeAvailable(Backend.NATIVE);
    return Backends.kernels(Backend.NATIVE);
  }

  static Stream<Arguments> activations() {
    List<Arguments> out = new ArrayList<>();
    List<BuiltinActivation> all = new ArrayList<>();
    for (ActivationKind k : ActivationKind.values()) {
      if (k != ActivationKind.THRESHOLD) {
        all.add((BuiltinActivation) Activations.get(k.kerasName()));
      }
    }
    all.add((BuiltinActivation) Activations.threshold(0.3f, -1f));
    all.add((BuiltinActivation) Activations.relu(0.5f, 5f, 1f));
    all.add((BuiltinActivation) Activations.relu(0.1f, Float.POSITIVE_INFINITY, -1f));
    all.add((BuiltinActivation) Activations.gelu(true));
    all.add((BuiltinActivation) Activations.squareplus(0f));
    for (BuiltinActivation a : all) {
      for (int n : new int[] {2, 8, 14, 258}) {
        out.add(Arguments.of(a, n));
      }
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0}, n={1}")
  @MethodSource("activations")
  void actBackwardMatchesTheReference(BuiltinActivation a, int n) {
    Kernels nat = nativeKernels();
    SplittableRandom rng = new SplittableRandom(n);
    int m = 3;
    ActivationKind k = a.kind();
    int w = k.outputWidth(n);
    float[] z = random(rng, m * n, 6);
    float[] y = z.clone();
    // y = act(z) from the reference forward, narrowed for GLU
    REF.biasAct(k, a.p0(), a.p1(), a.p2(), m, n, MemorySegment.ofArray(y), null);
    float[] yn = new float[m * w];
    for (int i = 0; i < m; i++) {
      System.arraycopy(y, i * n, yn, i * w, w);
    }
    float[] dy = random(rng, m * w, 1);
    float[] expected = new float[m * n];
    float[] got = new float[m * n];
    REF.actBackward(k, a.p0(), a.p1(), a.p2(), m, n, seg(z), seg(yn), seg(dy), seg(expected));
    nat.actBackward(k, a.p0(), a.p1(), a.p2(), m, n, seg(z), seg(yn), seg(dy), seg(got));
    for (int i = 0; i < got.length; i++) {
      double tol = 2e-5 * Math.max(1, Math.abs(expected[i]));
      if (!(Math.abs(got[i] - expected[i]) <= tol) && !nearKink(k, a, z[i])) {
        fail(a + " [" + i + "] z=" + z[i] + ": native " + got[i] + ", reference " + expected[i]);
      }
    }
  }

  // element-wise kinds whose derivative jumps: the float32 forward and the float64 reference may
  // sit on different sides of the jump for z within a few ulps of it
  private static boolean nearKink(ActivationKind k, BuiltinActivation a, float z) {
    float[] kinks = {0, 6, -1, 1, -3, 3, a.p0(), -a.p0(), a.p2()};
    for (float c : kinks) {
      if (Math.abs(z - c) < 1e-5f) {
        return !k.rowwise();
      }
    }
    return false;
  }

  @ParameterizedTest(name = "m={0}")
  @ValueSource(ints = {1, 7, 8, 9, 13, 64})
  void transposedGemmsMatchTheReference(int m) {
    Kernels nat = nativeKernels();
    SplittableRandom rng = new SplittableRandom(m);
    int n = 9;
    int k = 13;
    for (boolean ta : new boolean[] {false, true}) {
      for (boolean tb : new boolean[] {false, true}) {
        float[] a = random(rng, m * k, 1);
        float[] b = random(rng, k * n, 1);
        float[] c0 = random(rng, m * n, 1);
        for (float beta : new float[] {0f, 1f}) {
          float[] expected = c0.clone();
          float[] got = c0.clone();
          REF.sgemm(ta, tb, m, n, k, seg(a), seg(b), beta, seg(expected));
          nat.sgemm(ta, tb, m, n, k, seg(a), seg(b), beta, seg(got));
          double[] naive = naiveGemm(ta, tb, m, n, k, a, b, beta, c0);
          for (int i = 0; i < got.length; i++) {
            assertEquals(naive[i], expected[i], 1e-6, "reference, transA=" + ta + " transB=" + tb);
            assertEquals(naive[i], got[i], 1e-5 * k, "native, transA=" + ta + " transB=" + tb);
          }
        }
      }
    }
  }

  static double[] naiveGemm(boolean ta, boolean tb, int m, int n, int k, float[] a, float[] b, float beta, float[] c) {
    double[] out = new double[m * n];
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        double s = beta * (double) c[i * n + j];
        for (int p = 0; p < k; p++) {
          s += (double) (ta ? a[p * m + i] : a[i * k + p]) * (tb ? b[j * k + p] : b[p * n + j]);
        }
        out[i * n + j] = s;
      }
    }
    return out;
  }

  @ParameterizedTest(name = "n={0}")
  @ValueSource(ints = {1, 7, 8, 9, 13, 257})
  void columnSumAndSumOfSquaresMatchDoubleSums(int n) {
    Kernels nat = nativeKernels();
    SplittableRandom rng = new SplittableRandom(n);
    for (int m : new int[] {0, 1, 5, 33}) {
      float[] x = random(rng, m * n, 1);
      float[] got = new float[n];
      float[] ref = new float[n];
      nat.colSum(m, n, seg(x), seg(got));
      REF.colSum(m, n, seg(x), seg(ref));
      double sq = 0;
      for (int j = 0; j < n; j++) {
        double s = 0;
        for (int i = 0; i < m; i++) {
          s += x[i * n + j];
        }
        assertEquals(s, got[j], 1e-5, "native column " + j + ", m=" + m);
        assertEquals((float) s, ref[j], "reference column " + j);
      }
      for (float v : x) {
        sq += (double) v * v;
      }
      assertEquals(sq, nat.sumSquares(x.length, seg(x)), 1e-6 * Math.max(1, sq));
      assertEquals(sq, REF.sumSquares(x.length, seg(x)), 1e-12 * Math.max(1, sq));
    }
  }

  static MemorySegment seg(float[] a) {
    return MemorySegment.ofArray(a);
  }

  static float[] random(SplittableRandom rng, int n, double bound) {
    float[] a = new float[n];
    for (int i = 0; i < n; i++) {
      a[i] = (float) rng.nextDouble(-bound, bound);
    }
    return a;
  }
}
