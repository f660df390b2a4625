// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.backend;

import dev.dense4j.internal.ffm.BlasThreads;

/**
 * The BLAS provider's thread count: at which scope it applies, and how to set it.
 *
 * <p>OpenBLAS splits one large GEMM over several threads. A server that already runs one request
 * per core should keep each BLAS call on one thread, or the cores are oversubscribed. What dense4j
 * can do about it depends on how the provider was built ({@link #scope()}):
 *
 * <ul>
 *   <li>{@link Scope#PER_THREAD}: OpenBLAS built with OpenMP, whose
 *       {@code openblas_set_num_threads_local} applies to the calling thread only. dense4j sets
 *       it for every BLAS call: one thread below 2<sup>25</sup> multiply-adds, otherwise
 *       {@code -Ddense4j.blasThreads} (default: the available processors), and never more than a
 *       {@link dev.dense4j.models.Predictor}'s cap.
 *   <li>{@link Scope#PROCESS}: OpenBLAS built with pthreads (the default natives). Its
 *       {@code openblas_set_num_threads_local} sets the process-wide count too, so dense4j never
 *       calls it: the application sets the count once with {@link #setProcessWide} (the
 *       {@code serve} command does) or with {@code OPENBLAS_NUM_THREADS}, and OpenBLAS' own size
 *       thresholds decide which calls are split.
 *   <li>{@link Scope#SINGLE}: a sequential build, or the pure-Java backend: always one thread.
 *   <li>{@link Scope#UNCONTROLLED}: a CBLAS other than OpenBLAS; its own settings apply.
 * </ul>
 *
 * <p>An explicit {@code -Ddense4j.blasThreads=N} on a pthreads build is applied process-wide once,
 * before dense4j's first BLAS call or the first call to this class, whichever comes first; a
 * later {@link #setProcessWide} overrides it.
 */
public final class BlasThreading {

  private BlasThreading() {}

  /** Where the provider's thread count applies. */
  public enum Scope {
    PER_THREAD,
    PROCESS,
    SINGLE,
    UNCONTROLLED
  }

  /** The scope of the provider's thread count, probed once per JVM. */
  public static Scope scope() {
    if (!Backend.NATIVE.isAvailable()) {
      return Scope.SINGLE;
    }
    return switch (BlasThreads.scope()) {
      case PER_THREAD -> Scope.PER_THREAD;
      case PROCESS -> Scope.PROCESS;
      case SINGLE -> Scope.SINGLE;
      case UNCONTROLLED -> Scope.UNCONTROLLED;
    };
  }

  /** The provider's process-wide thread count: 1 for {@link Scope#SINGLE}, -1 when unknown. */
  public static int processWide() {
    return Backend.NATIVE.isAvailable() ? BlasThreads.processWide() : 1;
  }

  /**
   * Sets the process-wide thread count ({@code openblas_set_num_threads}). It affects every BLAS
   * call in the process: call it from the application at start-up, not from library code.
   *
   * @throws IllegalArgumentException if {@code threads < 1}
   * @throws UnsupportedOperationException when the provider has no such setting
   */
  public static void setProcessWide(int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("BlasThreading: threads must be >= 1; received threads=" + threads);
    }
    switch (scope()) {
      case SINGLE -> {
        if (threads != 1) {
          throw new UnsupportedOperationException("BlasThreading: the BLAS in use is single-threaded; received threads="
              + threads);
        }
      }
      case UNCONTROLLED -> throw new UnsupportedOperationException(
          "BlasThreading: the CBLAS in use is not OpenBLAS; set its thread count with its own API or environment");
      case PER_THREAD, PROCESS -> BlasThreads.setProcessWide(threads);
    }
  }
}
