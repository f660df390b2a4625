// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.backend;

import dev.dense4j.internal.ffm.bindings.CblasH;

/**
 * The BLAS provider's thread count: what dense4j can read and set, and at which scope.
 *
 * <p>OpenBLAS splits one large GEMM over several threads. A server that already runs one request
 * per core should keep each BLAS call on one thread, or the cores are oversubscribed. How that
 * can be done depends on how the provider was built ({@link #scope()}):
 *
 * <ul>
 *   <li>{@link Scope#PER_THREAD}: OpenBLAS built with OpenMP, whose
 *       {@code openblas_set_num_threads_local} applies to the calling thread only. A
 *       {@link dev.dense4j.models.Predictor} sets its cap around each call and restores the
 *       previous value.
 *   <li>{@link Scope#PROCESS}: OpenBLAS built with pthreads (the default natives). Its
 *       {@code openblas_set_num_threads_local} sets the process-wide count too, so dense4j never
 *       calls it per call; the application sets the count once with {@link #setProcessWide} (the
 *       {@code serve} command does) or with {@code OPENBLAS_NUM_THREADS}.
 *   <li>{@link Scope#SINGLE}: a sequential build, or the pure-Java backend: always one thread.
 *   <li>{@link Scope#UNCONTROLLED}: a CBLAS other than OpenBLAS; its own settings apply.
 * </ul>
 */
public final class BlasThreads {

  private BlasThreads() {}

  /** Where the provider's thread count applies. */
  public enum Scope {
    PER_THREAD,
    PROCESS,
    SINGLE,
    UNCONTROLLED
  }

  private static final class Probe {
    static final Scope SCOPE = probe();

    private static Scope probe() {
      if (!Backend.NATIVE.isAvailable()) {
        return Scope.SINGLE;
      }
      return switch (CblasH.openblas_get_parallel()) {
        case 0 -> Scope.SINGLE;
        case 1 -> Scope.PROCESS;
        case 2 -> CblasH.has_openblas_set_num_threads_local() ? Scope.PER_THREAD : Scope.PROCESS;
        default -> Scope.UNCONTROLLED;
      };
    }
  }

  /** The scope of the provider's thread count, probed once per JVM. */
  public static Scope scope() {
    return Probe.SCOPE;
  }

  /** The provider's process-wide thread count: 1 for {@link Scope#SINGLE}, -1 when unknown. */
  public static int processWide() {
    return switch (scope()) {
      case SINGLE -> 1;
      case UNCONTROLLED -> -1;
      case PER_THREAD, PROCESS -> CblasH.openblas_get_num_threads();
    };
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
      throw new IllegalArgumentException("BlasThreads: threads must be >= 1; received threads=" + threads);
    }
    switch (scope()) {
      case SINGLE -> {
        if (threads != 1) {
          throw new UnsupportedOperationException("BlasThreads: the BLAS in use is single-threaded; received threads=" + threads);
        }
      }
      case UNCONTROLLED -> throw new UnsupportedOperationException(
          "BlasThreads: the CBLAS in use is not OpenBLAS; set its thread count with its own API or environment");
      case PER_THREAD, PROCESS -> CblasH.openblas_set_num_threads(threads);
    }
  }

  /**
   * Sets the calling thread's thread count and returns the previous one; only for
   * {@link Scope#PER_THREAD}.
   *
   * @throws UnsupportedOperationException for any other scope
   */
  public static int setForCurrentThread(int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("BlasThreads: threads must be >= 1; received threads=" + threads);
    }
    if (scope() != Scope.PER_THREAD) {
      throw new UnsupportedOperationException("BlasThreads: the thread count is not per thread with this BLAS; scope="
          + scope());
    }
    return CblasH.openblas_set_num_threads_local(threads);
  }
}
