// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.internal.reference;

import static java.lang.foreign.ValueLayout.JAVA_FLOAT;

import dev.dense4j.internal.ActivationKind;
import java.lang.foreign.MemorySegment;

/**
 * The training kernels of {@link ReferenceKernels}: naive loops in float64, rounded to float32
 * once per stored value. Update rules are the Keras 3 ones of spec §6, as in {@code dense4j.h}.
 */
final class ReferenceTraining {

  private ReferenceTraining() {}

  // c = op(a)·op(b) + beta·c; each c[i, j] accumulates over p = 0 … k-1 in double, in that
  // order, so op = no transpose gives exactly the values of ReferenceKernels.sgemm
  static void sgemm(boolean transA, boolean transB, int m, int n, int k, MemorySegment a,
      MemorySegment b, float beta, MemorySegment c) {
    float[] av = toArray(a, (long) m * k);
    float[] bv = toArray(b, (long) k * n);
    if (transB) { // to k×n, so that the inner loop walks contiguous memory
      float[] t = new float[bv.length];
      for (int j = 0; j < n; j++) {
        for (int p = 0; p < k; p++) {
          t[p * n + j] = bv[j * k + p];
        }
      }
      bv = t;
    }
    float[] cv = beta == 0 ? new float[m * n] : toArray(c, (long) m * n);
    double[] row = new double[n];
    for (int i = 0; i < m; i++) {
      java.util.Arrays.fill(row, 0);
      for (int p = 0; p < k; p++) {
        double x = transA ? av[p * m + i] : av[i * k + p];
        for (int j = 0; j < n; j++) {
          row[j] += x * bv[p * n + j];
        }
      }
      for (int j = 0; j < n; j++) {
        cv[i * n + j] = (float) (beta == 0 ? row[j] : row[j] + (double) beta * cv[i * n + j]);
      }
    }
    MemorySegment.copy(cv, 0, c, JAVA_FLOAT, 0, cv.length);
  }

  private static float[] toArray(MemorySegment s, long n) {
    return n == 0 ? new float[0] : s.asSlice(0, Math.multiplyExact(n, Float.BYTES)).toArray(JAVA_FLOAT);
  }

  // dz = J_act(z)ᵀ·dy, one row at a time
  static void actBackward(ActivationKind kind, float p0, float p1, float p2, long m, int n,
      MemorySegment z, MemorySegment dy, MemorySegment dz) {
    int w = kind.outputWidth(n);
    double[] zr = new double[n];
    double[] dyr = new double[w];
    double[] dzr = new double[n];
    for (long i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        zr[j] = get(z, i * n + j);
      }
      for (int j = 0; j < w; j++) {
        dyr[j] = get(dy, i * w + j);
      }
      if (kind.rowwise()) {
        ReferenceDerivatives.rowJvp(kind, zr, n, dyr, dzr);
      } else {
        for (int j = 0; j < n; j++) {
          dzr[j] = dyr[j] * ReferenceDerivatives.derivative(kind, p0, p1, p2, zr[j]);
        }
      }
      for (int j = 0; j < n; j++) {
        set(dz, i * n + j, (float) dzr[j]);
      }
    }
  }

  static void colSum(long m, int n, MemorySegment x, MemorySegment sum) {
    for (int j = 0; j < n; j++) {
      double acc = 0;
      for (long i = 0; i < m; i++) {
        acc += get(x, i * n + j);
      }
      set(sum, j, (float) acc);
    }
  }

  static double sumSquares(long n, MemorySegment x) {
    double acc = 0;
    for (long i = 0; i < n; i++) {
      double v = get(x, i);
      acc += v * v;
    }
    return acc;
  }

  // g' = clip(g·scale, -clip, clip); the decoupled decay w - w·decay comes before every update
  private static double prep(MemorySegment g, long i, double scale, double clip) {
    double v = get(g, i) * scale;
    return Double.isNaN(v) ? v : Math.max(-clip, Math.min(clip, v));
  }

  private static double decayed(MemorySegment w, long i, double decay) {
    double v = get(w, i);
    return decay == 0 ? v : v - v * decay;
  }

  static void sgdUpdate(boolean nesterov, double lr, double momentum, double decay, double scale,
      double clip, long n, MemorySegment w, MemorySegment m, MemorySegment g) {
    for (long i = 0; i < n; i++) {
      double gi = prep(g, i, scale, clip);
      double wi = decayed(w, i, decay);
      if (momentum == 0) {
        wi -= lr * gi;
      } else {
        double mi = momentum * get(m, i) - lr * gi;
        set(m, i, (float) mi);
        wi += nesterov ? momentum * mi - lr * gi : mi;
      }
      set(w, i, (float) wi);
    }
  }

  static void adamUpdate(double alpha, double c1, double c2, double epsilon, double decay,
      double scale, double clip, long n, MemorySegment w, MemorySegment m, MemorySegment v,
      MemorySegment vHat, MemorySegment g) {
    for (long i = 0; i < n; i++) {
      double gi = prep(g, i, scale, clip);
      double wi = decayed(w, i, decay);
      double mi = get(m, i) + (gi - get(m, i)) * c1;
      double vi = get(v, i) + (gi * gi - get(v, i)) * c2;
      set(m, i, (float) mi);
      set(v, i, (float) vi);
      if (vHat != null) {
        vi = Math.max(get(vHat, i), (float) vi);
        set(vHat, i, (float) vi);
      }
      set(w, i, (float) (wi - mi * alpha / (Math.sqrt(vi) + epsilon)));
    }
  }

  static void rmspropUpdate(double lr, double rho, double cRho, double momentum, double epsilon,
      double decay, double scale, double clip, long n, MemorySegment w, MemorySegment vel,
      MemorySegment mom, MemorySegment avg, MemorySegment g) {
    for (long i = 0; i < n; i++) {
      double gi = prep(g, i, scale, clip);
      double wi = decayed(w, i, decay);
      double vi = rho * get(vel, i) + cRho * gi * gi;
      set(vel, i, (float) vi);
      double denom = vi + epsilon;
      if (avg != null) {
        double ai = rho * get(avg, i) + cRho * gi;
        set(avg, i, (float) ai);
        denom = vi - ai * ai + epsilon;
      }
      double inc = lr * gi / Math.sqrt(denom);
      if (mom != null) {
        inc = momentum * get(mom, i) + inc;
        set(mom, i, (float) inc);
      }
      set(w, i, (float) (wi - inc));
    }
  }

  private static float get(MemorySegment s, long index) {
    return s.getAtIndex(JAVA_FLOAT, index);
  }

  private static void set(MemorySegment s, long index, float v) {
    s.setAtIndex(JAVA_FLOAT, index, v);
  }
}
