// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.internal.reference;

import static java.lang.foreign.ValueLayout.JAVA_FLOAT;

import dev.dense4j.backend.Precision;
import dev.dense4j.internal.ActivationKind;
import dev.dense4j.internal.Kernels;
import dev.dense4j.internal.NormConstraintKind;
import java.lang.foreign.MemorySegment;

/**
 * Pure-Java kernels: deliberately naive loops with float64 accumulation. They are the test oracle
 * for the native backend and the fallback when natives cannot load.
 */
public final class ReferenceKernels implements Kernels {

  public static final ReferenceKernels INSTANCE = new ReferenceKernels();

  private ReferenceKernels() {}

  @Override
  public String name() {
    return "reference";
  }

  @Override
  public void sgemm(int m, int n, int k, MemorySegment a, MemorySegment b, MemorySegment c) {
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        double acc = 0;
        for (int p = 0; p < k; p++) {
          acc += (double) get(a, (long) i * k + p) * get(b, (long) p * n + j);
        }
        set(c, (long) i * n + j, (float) acc);
      }
    }
  }

  @Override
  public void sgemv(int n, int k, MemorySegment x, MemorySegment b, MemorySegment y) {
    sgemm(1, n, k, x, b, y);
  }

  @Override
  public long packedSize(Precision precision, int k, int n) {
    return ReferencePacked.size(precision, k, n);
  }

  @Override
  public void pack(Precision precision, int k, int n, MemorySegment w, MemorySegment packed) {
    ReferencePacked.pack(precision, k, n, w, packed);
  }

  @Override
  public long packedScratchSize(Precision precision, long m, int k) {
    return 0;
  }

  @Override
  public void packedDense(Precision precision, ActivationKind kind, float p0, float p1, float p2, long m, int k,
      int n, MemorySegment x, MemorySegment packed, MemorySegment bias, MemorySegment y, MemorySegment scratch) {
    ReferencePacked.dense(precision, kind, p0, p1, p2, m, k, n, x, packed, bias, y);
  }

  @Override
  public void biasAct(ActivationKind kind, float p0, float p1, float p2, long m, int n,
      MemorySegment y, MemorySegment bias) {
    double[] row = new double[n];
    double[] out = new double[n];
    for (long i = 0; i < m; i++) {
      long base = i * n;
      for (int j = 0; j < n; j++) {
        // the bias add is a float32 operation, as in Keras; the activation then runs in float64
        row[j] = bias == null ? get(y, base + j) : get(y, base + j) + get(bias, j);
      }
      if (kind.rowwise()) {
        int w = ReferenceMath.applyRow(kind, row, n, out);
        for (int j = 0; j < n; j++) {
          // GLU keeps the biased pre-activations after its n/2 outputs, as the native kernel does
          set(y, base + j, (float) (j < w ? out[j] : row[j]));
        }
      } else {
        for (int j = 0; j < n; j++) {
          set(y, base + j, (float) ReferenceMath.apply(kind, p0, p1, p2, row[j]));
        }
      }
    }
  }

  @Override
  public double l1l2Penalty(float l1, float l2, long m, int n, MemorySegment x) {
    return ReferenceWeightOps.l1l2Penalty(l1, l2, m, n, x);
  }

  @Override
  public void l1l2GradAcc(float l1, float l2, long m, int n, MemorySegment x, MemorySegment g) {
    ReferenceWeightOps.l1l2GradAcc(l1, l2, m, n, x, g);
  }

  @Override
  public void nonNeg(long m, int n, MemorySegment w) {
    ReferenceWeightOps.nonNeg(m, n, w);
  }

  @Override
  public void normConstraint(NormConstraintKind kind, float minValue, float maxValue, float rate, int axis,
      long m, int n, MemorySegment w) {
    ReferenceWeightOps.normConstraint(kind, minValue, maxValue, rate, axis, m, n, w);
  }

  // ---- training: float64 loops in ReferenceTraining ----

  @Override
  public void sgemm(boolean transA, boolean transB, int m, int n, int k, MemorySegment a,
      MemorySegment b, float beta, MemorySegment c) {
    ReferenceTraining.sgemm(transA, transB, m, n, k, a, b, beta, c);
  }

  @Override
  public void actBackward(ActivationKind kind, float p0, float p1, float p2, long m, int n,
      MemorySegment z, MemorySegment y, MemorySegment dy, MemorySegment dz) {
    ReferenceTraining.actBackward(kind, p0, p1, p2, m, n, z, dy, dz);
  }

  @Override
  public void colSum(long m, int n, MemorySegment x, MemorySegment sum) {
    ReferenceTraining.colSum(m, n, x, sum);
  }

  @Override
  public double sumSquares(long n, MemorySegment x) {
    return ReferenceTraining.sumSquares(n, x);
  }

  @Override
  public void sgdUpdate(boolean nesterov, float lr, float momentum, float decay, float gradScale,
      float clipValue, long n, MemorySegment w, MemorySegment m, MemorySegment g) {
    ReferenceTraining.sgdUpdate(nesterov, lr, momentum, decay, gradScale, clipValue, n, w, m, g);
  }

  @Override
  public void adamUpdate(float alpha, float c1, float c2, float epsilon, float decay,
      float gradScale, float clipValue, long n, MemorySegment w, MemorySegment m, MemorySegment v,
      MemorySegment vHat, MemorySegment g) {
    ReferenceTraining.adamUpdate(alpha, c1, c2, epsilon, decay, gradScale, clipValue, n, w, m, v,
        vHat, g);
  }

  @Override
  public void rmspropUpdate(float lr, float rho, float cRho, float momentum, float epsilon,
      float decay, float gradScale, float clipValue, long n, MemorySegment w, MemorySegment vel,
      MemorySegment mom, MemorySegment avg, MemorySegment g) {
    ReferenceTraining.rmspropUpdate(lr, rho, cRho, momentum, epsilon, decay, gradScale, clipValue,
        n, w, vel, mom, avg, g);
  }

  private static float get(MemorySegment s, long index) {
    return s.getAtIndex(JAVA_FLOAT, index);
  }

  private static void set(MemorySegment s, long index, float v) {
    s.setAtIndex(JAVA_FLOAT, index, v);
  }

  /** {@code values[offset …] = act(values[offset …])} over {@code rows × cols} heap values; callers check the range. */
  public void actInPlace(ActivationKind kind, float p0, float p1, float p2, float[] values, int offset, int rows,
      int cols) {
    MemorySegment seg = MemorySegment.ofArray(values).asSlice((long) offset * Float.BYTES,
        (long) rows * cols * Float.BYTES);
    biasAct(kind, p0, p1, p2, rows, cols, seg, null);
  }
}
