// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.internal.ffm;

import static dev.dense4j.internal.ffm.bindings.CblasH.CblasNoTrans;
import static dev.dense4j.internal.ffm.bindings.CblasH.CblasRowMajor;
import static dev.dense4j.internal.ffm.bindings.CblasH.CblasTrans;
import static java.lang.foreign.ValueLayout.JAVA_FLOAT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import dev.dense4j.backend.Precision;
import dev.dense4j.internal.ActivationKind;
import dev.dense4j.internal.Kernels;
import dev.dense4j.internal.NormConstraintKind;
import dev.dense4j.internal.ffm.bindings.CblasH;
import dev.dense4j.internal.ffm.bindings.Dense4jH;
import dev.dense4j.internal.ffm.bindings.Dense4jTestingH;
import java.lang.foreign.MemorySegment;

/**
 * Kernels backed by CBLAS (the GEMM) and libdense4j (the fused epilogue).
 *
 * <p>Short calls use critical downcalls, which also accept heap arrays without a copy. Long GEMMs
 * over off-heap memory use ordinary downcalls so that a garbage collection is never held off for
 * milliseconds; a long GEMM over heap arrays has no such choice and stays critical.
 */
public final class NativeKernels implements Kernels {

  /** Multiply-adds above which a GEMM counts as long (about 0.1 ms on one core). */
  static final long LONG_CALL_MACS = 1L << 23;

  /** Multiply-adds from which a GEMM may use several BLAS threads (about 0.3 ms on one core). */
  static final long MULTITHREAD_MACS = 1L << 25;

  private final int isa;

  /** Kernels on the best ISA level of this CPU. */
  public NativeKernels() {
    this(0);
  }

  /**
   * Kernels on a forced ISA level ({@code D4J_ISA_*}), or 0 for the best one. Forcing goes through
   * the test hook of dense4j_testing.h: for tests and benchmarks.
   */
  public NativeKernels(int isa) {
    this.isa = isa;
  }

  @Override
  public String name() {
    return "native";
  }

  @Override
  public void sgemm(int m, int n, int k, MemorySegment a, MemorySegment b, MemorySegment c) {
    sgemm(m, n, k, a, b, c, Integer.MAX_VALUE);
  }

  @Override
  public void sgemm(int m, int n, int k, MemorySegment a, MemorySegment b, MemorySegment c, int maxThreads) {
    long macs = (long) m * n * k;
    boolean critical = isShort(macs, a, b, c);
    BlasThreads.forCall(macs, maxThreads);
    CblasH.cblas_sgemm(critical, CblasRowMajor, CblasNoTrans, CblasNoTrans, m, n, k, 1f,
        a, Math.max(1, k), b, Math.max(1, n), 0f, c, Math.max(1, n));
  }

  @Override
  public void sgemv(int n, int k, MemorySegment x, MemorySegment b, MemorySegment y) {
    sgemv(n, k, x, b, y, Integer.MAX_VALUE);
  }

  @Override
  public void sgemv(int n, int k, MemorySegment x, MemorySegment b, MemorySegment y, int maxThreads) {
    // y = bᵀ·x: b is k×n row-major, so ask for the transpose
    long macs = (long) n * k;
    boolean critical = isShort(macs, x, b, y);
    BlasThreads.forCall(macs, maxThreads);
    CblasH.cblas_sgemv(critical, CblasRowMajor, CblasTrans, k, n, 1f, b, Math.max(1, n),
        x, 1, 0f, y, 1);
  }

  @Override
  public void biasAct(ActivationKind kind, float p0, float p1, float p2, long m, int n,
      MemorySegment y, MemorySegment bias) {
    MemorySegment b = bias == null ? MemorySegment.NULL : bias;
    int status = isa == 0
        ? Dense4jH.d4j_f32_bias_act(kind.code(), p0, p1, p2, m, n, y, Math.max(1, n), b)
        : Dense4jTestingH.d4j_f32_bias_act_isa(kind.code(), p0, p1, p2, m, n, y, Math.max(1, n), b, isa);
    if (status != Dense4jH.D4J_OK) {
      throw new IllegalStateException(NativeStatus.describe(status) + " from d4j_f32_bias_act(act="
          + kind.kerasName() + ", p0=" + p0 + ", p1=" + p1 + ", p2=" + p2 + ", m=" + m + ", n=" + n
          + ", isa=" + isa + ")");
    }
  }

  @Override
  public void biasActKeep(ActivationKind kind, float p0, float p1, float p2, long m, int n, MemorySegment z,
      MemorySegment y, MemorySegment bias) {
    if (isa != 0) { // a forced ISA level: the composed form, on that level's kernels
      Kernels.super.biasActKeep(kind, p0, p1, p2, m, n, z, y, bias);
      return;
    }
    MemorySegment b = bias == null ? MemorySegment.NULL : bias;
    int ld = Math.max(1, n);
    int status = Dense4jH.d4j_f32_bias_act_keep(isShortPass(m * n, z, y, b, b), kind.code(), p0, p1, p2, m, n, z,
        ld, y, ld, b);
    if (status != Dense4jH.D4J_OK) {
      throw failure(status, "d4j_f32_bias_act_keep(act=" + kind.kerasName() + ", p0=" + p0 + ", p1=" + p1
          + ", p2=" + p2 + ", m=" + m + ", n=" + n + ")");
    }
  }

  @Override
  public long packedSize(Precision precision, int k, int n) {
    MemorySegment out = ScalarOut.get();
    int status = Dense4jH.d4j_packed_size(precision.code(), k, n, out);
    if (status != Dense4jH.D4J_OK) {
      throw failure(status, "d4j_packed_size(precision=" + precision + ", k=" + k + ", n=" + n + ")");
    }
    return out.get(JAVA_LONG, 0);
  }

  @Override
  public void pack(Precision precision, int k, int n, MemorySegment w, MemorySegment packed) {
    int status = Dense4jH.d4j_pack(precision.code(), k, n, w, Math.max(1, n), packed, packed.byteSize());
    if (status != Dense4jH.D4J_OK) {
      throw failure(status, "d4j_pack(precision=" + precision + ", k=" + k + ", n=" + n + ", packed_bytes="
          + packed.byteSize() + ")");
    }
  }

  @Override
  public long packedScratchSize(Precision precision, long m, int k) {
    MemorySegment out = ScalarOut.get();
    int status = Dense4jH.d4j_packed_scratch_size(precision.code(), m, k, out);
    if (status != Dense4jH.D4J_OK) {
      throw failure(status, "d4j_packed_scratch_size(precision=" + precision + ", m=" + m + ", k=" + k + ")");
    }
    return out.get(JAVA_LONG, 0);
  }

  @Override
  public void packedDense(Precision precision, ActivationKind kind, float p0, float p1, float p2, long m, int k,
      int n, MemorySegment x, MemorySegment packed, MemorySegment bias, MemorySegment y, MemorySegment scratch) {
    MemorySegment b = bias == null ? MemorySegment.NULL : bias;
    MemorySegment s = scratch == null ? MemorySegment.NULL : scratch;
    long scratchBytes = scratch == null ? 0 : scratch.byteSize();
    int status = isa == 0
        ? Dense4jH.d4j_packed_dense(isShort(m * k * (long) n, x, packed, y), precision.code(), kind.code(), p0, p1,
            p2, m, k, n, x, Math.max(1, k), packed, b, y, Math.max(1, n), s, scratchBytes)
        : Dense4jTestingH.d4j_packed_dense_isa(precision.code(), kind.code(), p0, p1, p2, m, k, n, x,
            Math.max(1, k), packed, b, y, Math.max(1, n), s, scratchBytes, isa);
    if (status != Dense4jH.D4J_OK) {
      throw failure(status, "d4j_packed_dense(precision=" + precision + ", act=" + kind.kerasName() + ", m=" + m
          + ", k=" + k + ", n=" + n + ", isa=" + isa + ")");
    }
  }

  @Override
  public double l1l2Penalty(float l1, float l2, long m, int n, MemorySegment x) {
    return NativeWeightOps.l1l2Penalty(l1, l2, m, n, x);
  }

  @Override
  public void l1l2GradAcc(float l1, float l2, long m, int n, MemorySegment x, MemorySegment g) {
    NativeWeightOps.l1l2GradAcc(l1, l2, m, n, x, g);
  }

  @Override
  public void nonNeg(long m, int n, MemorySegment w) {
    NativeWeightOps.nonNeg(m, n, w);
  }

  @Override
  public void normConstraint(NormConstraintKind kind, float minValue, float maxValue, float rate, int axis,
      long m, int n, MemorySegment w) {
    NativeWeightOps.normConstraint(kind, minValue, maxValue, rate, axis, m, n, w);
  }

  // ---- training ----

  /** Elements above which a one-pass training kernel counts as long (about 0.5 ms). */
  static final long LONG_PASS_ELEMENTS = 1L << 20;

  @Override
  public void sgemm(boolean transA, boolean transB, int m, int n, int k, MemorySegment a,
      MemorySegment b, float beta, MemorySegment c) {
    if (m == 0 || n == 0) {
      return;
    }
    long macs = (long) m * n * Math.max(1, k);
    boolean critical = isShort(macs, a, b, c);
    BlasThreads.forCall(macs);
    CblasH.cblas_sgemm(critical, CblasRowMajor, transA ? CblasTrans : CblasNoTrans,
        transB ? CblasTrans : CblasNoTrans, m, n, k, 1f, a, Math.max(1, transA ? m : k),
        b, Math.max(1, transB ? k : n), beta, c, Math.max(1, n));
  }

  @Override
  public void actBackward(ActivationKind kind, float p0, float p1, float p2, long m, int n,
      MemorySegment z, MemorySegment y, MemorySegment dy, MemorySegment dz) {
    int w = Math.max(1, kind.outputWidth(n));
    int ld = Math.max(1, n);
    int status = Dense4jH.d4j_f32_act_backward(isShortPass(m * n, z, y, dy, dz), kind.code(), p0, p1,
        p2, m, n, z, ld, y, w, dy, w, dz, ld);
    if (status != Dense4jH.D4J_OK) {
      throw failure(status, "d4j_f32_act_backward(act=" + kind.kerasName() + ", p0=" + p0 + ", p1=" + p1
          + ", p2=" + p2 + ", m=" + m + ", n=" + n + ")");
    }
  }

  @Override
  public void colSum(long m, int n, MemorySegment x, MemorySegment sum) {
    int status = Dense4jH.d4j_f32_col_sum(isShortPass(m * n, x, sum, sum, sum), m, n,
        m == 0 ? MemorySegment.NULL : x, Math.max(1, n), sum);
    if (status != Dense4jH.D4J_OK) {
      throw failure(status, "d4j_f32_col_sum(m=" + m + ", n=" + n + ")");
    }
  }

  @Override
  public double sumSquares(long n, MemorySegment x) {
    MemorySegment out = ScalarOut.get();
    int status = Dense4jH.d4j_f32_sum_squares(isShortPass(n, x, x, x, x), n, x, out);
    if (status != Dense4jH.D4J_OK) {
      throw failure(status, "d4j_f32_sum_squares(n=" + n + ")");
    }
    return out.get(JAVA_FLOAT, 0);
  }

  @Override
  public void sgdUpdate(boolean nesterov, float lr, float momentum, float decay, float gradScale,
      float clipValue, long n, MemorySegment w, MemorySegment m, MemorySegment g) {
    MemorySegment mm = orNull(m);
    int status = Dense4jH.d4j_f32_sgd_update(isShortPass(n, w, mm, g, g), nesterov ? 1 : 0, lr,
        momentum, decay, gradScale, clipValue, n, w, mm, g);
    if (status != Dense4jH.D4J_OK) {
      throw failure(status, "d4j_f32_sgd_update(nesterov=" + nesterov + ", lr=" + lr + ", momentum="
          + momentum + ", decay=" + decay + ", gscale=" + gradScale + ", clipvalue=" + clipValue
          + ", n=" + n + ")");
    }
  }

  @Override
  public void adamUpdate(float alpha, float c1, float c2, float epsilon, float decay,
      float gradScale, float clipValue, long n, MemorySegment w, MemorySegment m, MemorySegment v,
      MemorySegment vHat, MemorySegment g) {
    MemorySegment vh = orNull(vHat);
    int status = Dense4jH.d4j_f32_adam_update(isShortPass(n, w, m, v, vh), alpha, c1, c2, epsilon,
        decay, gradScale, clipValue, n, w, m, v, vh, g);
    if (status != Dense4jH.D4J_OK) {
      throw failure(status, "d4j_f32_adam_update(alpha=" + alpha + ", c1=" + c1 + ", c2=" + c2
          + ", epsilon=" + epsilon + ", decay=" + decay + ", gscale=" + gradScale + ", clipvalue="
          + clipValue + ", n=" + n + ")");
    }
  }

  @Override
  public void rmspropUpdate(float lr, float rho, float cRho, float momentum, float epsilon,
      float decay, float gradScale, float clipValue, long n, MemorySegment w, MemorySegment vel,
      MemorySegment mom, MemorySegment avg, MemorySegment g) {
    MemorySegment mo = orNull(mom);
    MemorySegment av = orNull(avg);
    int status = Dense4jH.d4j_f32_rmsprop_update(isShortPass(n, w, vel, mo, av), lr, rho, cRho,
        momentum, epsilon, decay, gradScale, clipValue, n, w, vel, mo, av, g);
    if (status != Dense4jH.D4J_OK) {
      throw failure(status, "d4j_f32_rmsprop_update(lr=" + lr + ", rho=" + rho + ", momentum=" + momentum
          + ", epsilon=" + epsilon + ", decay=" + decay + ", gscale=" + gradScale + ", clipvalue="
          + clipValue + ", n=" + n + ")");
    }
  }

  private static MemorySegment orNull(MemorySegment s) {
    return s == null ? MemorySegment.NULL : s;
  }

  // the call's description is built only on failure: a string per call would be an allocation per step
  private static IllegalStateException failure(int status, String call) {
    return new IllegalStateException(NativeStatus.describe(status) + " from " + call);
  }

  // one pass over `elements` values: critical when short, or when a segment is on the heap
  // (four segments, not varargs: an array per call would be an allocation per training step)
  private static boolean isShortPass(long elements, MemorySegment a, MemorySegment b, MemorySegment c,
      MemorySegment d) {
    return elements <= LONG_PASS_ELEMENTS || !a.isNative() || !b.isNative() || !c.isNative() || !d.isNative();
  }

  private static boolean isShort(long macs, MemorySegment a, MemorySegment b, MemorySegment c) {
    return macs <= LONG_CALL_MACS || !a.isNative() || !b.isNative() || !c.isNative();
  }
}
