// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.internal;

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
}
