// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.internal;

import dev.dense4j.backend.Precision;
import java.lang.foreign.MemorySegment;

/**
 * The compute kernels behind the layers. Matrices are row-major and dense (leading dimension =
 * number of columns). Callers check every argument first: kernels trust their inputs.
 * Segments may be off-heap or, on every implementation, heap arrays ({@code MemorySegment.ofArray}).
 */
public interface Kernels {

  /** "reference" or "native". */
  String name();

  /** {@code c[m×n] = a[m×k] · b[k×n]}. */
  void sgemm(int m, int n, int k, MemorySegment a, MemorySegment b, MemorySegment c);

  /** {@code y[n] = x[k] · b[k×n]} (one row times a matrix). */
  void sgemv(int n, int k, MemorySegment x, MemorySegment b, MemorySegment y);

  /** {@link #sgemm(int, int, int, MemorySegment, MemorySegment, MemorySegment)} on at most {@code maxThreads} BLAS threads. */
  default void sgemm(int m, int n, int k, MemorySegment a, MemorySegment b, MemorySegment c, int maxThreads) {
    sgemm(m, n, k, a, b, c);
  }

  /** {@link #sgemv(int, int, MemorySegment, MemorySegment, MemorySegment)} on at most {@code maxThreads} BLAS threads. */
  default void sgemv(int n, int k, MemorySegment x, MemorySegment b, MemorySegment y, int maxThreads) {
    sgemv(n, k, x, b, y);
  }

  /**
   * {@code y[i, :] = act(y[i, :] + bias)} in place, for {@code i < m}; {@code bias} may be
   * {@code null}. GLU writes its {@code n/2} results to the first half of each row.
   */
  void biasAct(ActivationKind kind, float p0, float p1, float p2, long m, int n, MemorySegment y,
      MemorySegment bias);

  /**
   * Training's forward epilogue: {@code z[i, :] += bias} (kept: the pre-activation) and
   * {@code y[i, :] = act(z[i, :])}, for {@code i < m}; {@code y} has room for {@code m × n} values
   * (GLU writes its {@code n/2} results to the first half of each row). Equal, bit for bit, to a
   * bias pass over {@code z}, a copy and {@link #biasAct} over {@code y}.
   */
  default void biasActKeep(ActivationKind kind, float p0, float p1, float p2, long m, int n, MemorySegment z,
      MemorySegment y, MemorySegment bias) {
    if (bias != null) {
      biasAct(ActivationKind.LINEAR, 0f, 0f, 0f, m, n, z, bias);
    }
    MemorySegment.copy(z, 0, y, 0, m * n * Float.BYTES);
    biasAct(kind, p0, p1, p2, m, n, y, null);
  }

  // ---- packed inference kernels (dense4j.h, packed section) ----

  /** Bytes of the packed form of a {@code k×n} kernel in {@code precision}. */
  long packedSize(Precision precision, int k, int n);

  /** Packs the {@code k×n} kernel {@code w} into {@code packed} (64-byte aligned, {@link #packedSize} bytes). */
  void pack(Precision precision, int k, int n, MemorySegment w, MemorySegment packed);

  /** Bytes of scratch {@link #packedDense} needs for {@code m} rows of {@code k} inputs. */
  long packedScratchSize(Precision precision, long m, int k);

  /**
   * {@code y[i, :] = act(x[i, :] · W + b)} for {@code i < m} over the packed {@code W};
   * {@code bias} may be null, {@code scratch} has {@link #packedScratchSize} bytes (may be null when 0).
   * GLU writes its {@code n/2} results to the first half of each row of {@code y}.
   */
  void packedDense(Precision precision, ActivationKind kind, float p0, float p1, float p2, long m, int k, int n,
      MemorySegment x, MemorySegment packed, MemorySegment bias, MemorySegment y, MemorySegment scratch);

  // ---- weight penalties and projections (regularizers, constraints) ----

  /**
   * {@code l1·Σ|x| + l2·Σx²} over the {@code m×n} matrix {@code x}, accumulated in float64; a term
   * whose factor is exactly 0 is skipped (so it adds nothing even for infinite {@code x}).
   */
  double l1l2Penalty(float l1, float l2, long m, int n, MemorySegment x);

  /** {@code g += l1·sign(x) + 2·l2·x} over {@code m×n}, {@code sign(0) = 0}; zero-factor terms skipped. */
  void l1l2GradAcc(float l1, float l2, long m, int n, MemorySegment x, MemorySegment g);

  /** {@code w = w · [w >= 0]} in place over {@code m×n} (Keras' NonNeg: negatives become -0.0, NaN stays NaN). */
  void nonNeg(long m, int n, MemorySegment w);

  /**
   * A norm constraint in place over {@code m×n}: norms of the columns ({@code axis = 0}) or of the
   * rows ({@code axis = 1}), each slice scaled as {@link NormConstraintKind} says.
   */
  void normConstraint(NormConstraintKind kind, float minValue, float maxValue, float rate, int axis, long m,
      int n, MemorySegment w);

  // ---- training: backward pass, reductions, optimizer updates (dense4j.h, training section) ----

  /**
   * {@code c[m×n] = op(a)·op(b) + beta·c}, where {@code op(a)} is m×k ({@code a} stored k×m when
   * {@code transA}) and {@code op(b)} is k×n ({@code b} stored n×k when {@code transB}).
   */
  void sgemm(boolean transA, boolean transB, int m, int n, int k, MemorySegment a, MemorySegment b,
      float beta, MemorySegment c);

  /**
   * {@code dz = J_act(z)ᵀ·dy} row by row: {@code z} is m×n (the pre-activation), {@code y} and
   * {@code dy} are m×w ({@code w = n/2} for GLU, else n), {@code dz} is m×n and may be
   * {@code dy} itself except for GLU.
   */
  void actBackward(ActivationKind kind, float p0, float p1, float p2, long m, int n,
      MemorySegment z, MemorySegment y, MemorySegment dy, MemorySegment dz);

  /** {@code sum[j] = Σ_i x[i, j]} over m×n {@code x}: the bias gradient. */
  void colSum(long m, int n, MemorySegment x, MemorySegment sum);

  /** {@code Σ x[i]²} over n values. */
  double sumSquares(long n, MemorySegment x);

  /** One SGD step over n weights; see {@code d4j_f32_sgd_update}. {@code m} is null without momentum. */
  void sgdUpdate(boolean nesterov, float lr, float momentum, float decay, float gradScale,
      float clipValue, long n, MemorySegment w, MemorySegment m, MemorySegment g);

  /** One Adam step; see {@code d4j_f32_adam_update}. {@code vHat} is null without amsgrad. */
  void adamUpdate(float alpha, float c1, float c2, float epsilon, float decay, float gradScale,
      float clipValue, long n, MemorySegment w, MemorySegment m, MemorySegment v,
      MemorySegment vHat, MemorySegment g);

  /**
   * One RMSprop step; see {@code d4j_f32_rmsprop_update}. {@code mom} is null without momentum,
   * {@code avg} null unless centered.
   */
  void rmspropUpdate(float lr, float rho, float cRho, float momentum, float epsilon, float decay,
      float gradScale, float clipValue, long n, MemorySegment w, MemorySegment vel,
      MemorySegment mom, MemorySegment avg, MemorySegment g);
}
