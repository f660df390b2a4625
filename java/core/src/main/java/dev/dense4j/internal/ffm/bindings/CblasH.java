// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.internal.ffm.bindings;

import static dev.dense4j.internal.ffm.bindings.Links.blasHas;
import static dev.dense4j.internal.ffm.bindings.Links.critical;
import static dev.dense4j.internal.ffm.bindings.Links.plain;

import dev.dense4j.internal.ffm.bindings.generated.cblas_h;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The CBLAS and OpenBLAS calls dense4j makes, over the bindings jextract generates from OpenBLAS'
 * cblas.h ({@link cblas_h}). The GEMM and GEMV take a {@code critical} flag (short calls; heap
 * segments allowed); the {@code openblas_*} extensions are optional, since the provider may be
 * another CBLAS ({@code -Ddense4j.blas}).
 */
public final class CblasH {

  private CblasH() {}

  public static final int CblasRowMajor = cblas_h.CblasRowMajor();
  public static final int CblasNoTrans = cblas_h.CblasNoTrans();
  public static final int CblasTrans = cblas_h.CblasTrans();

  private static final class Sgemm {
    static final MethodHandle PLAIN = plain(cblas_h::cblas_sgemm$handle);
    static final MethodHandle CRITICAL =
        critical(cblas_h::cblas_sgemm$address, cblas_h::cblas_sgemm$descriptor, true);
  }

  /** {@link cblas_h#cblas_sgemm}; critical: short, may take heap segments. */
  public static void cblas_sgemm(boolean critical, int order, int transA, int transB, int m, int n,
      int k, float alpha, MemorySegment a, int lda, MemorySegment b, int ldb, float beta,
      MemorySegment c, int ldc) {
    try {
      if (critical) {
        Sgemm.CRITICAL.invokeExact(order, transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
      } else {
        Sgemm.PLAIN.invokeExact(order, transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
      }
    } catch (Error | RuntimeException ex) {
      throw ex;
    } catch (Throwable ex) {
      throw new AssertionError("should not reach here", ex);
    }
  }

  private static final class Sgemv {
    static final MethodHandle PLAIN = plain(cblas_h::cblas_sgemv$handle);
    static final MethodHandle CRITICAL =
        critical(cblas_h::cblas_sgemv$address, cblas_h::cblas_sgemv$descriptor, true);
  }

  /** {@link cblas_h#cblas_sgemv}; critical: short, may take heap segments. */
  public static void cblas_sgemv(boolean critical, int order, int trans, int m, int n, float alpha,
      MemorySegment a, int lda, MemorySegment x, int incx, float beta, MemorySegment y, int incy) {
    try {
      if (critical) {
        Sgemv.CRITICAL.invokeExact(order, trans, m, n, alpha, a, lda, x, incx, beta, y, incy);
      } else {
        Sgemv.PLAIN.invokeExact(order, trans, m, n, alpha, a, lda, x, incx, beta, y, incy);
      }
    } catch (Error | RuntimeException ex) {
      throw ex;
    } catch (Throwable ex) {
      throw new AssertionError("should not reach here", ex);
    }
  }

  /** {@link cblas_h#openblas_get_config}; empty when the provider is not OpenBLAS. */
  public static Optional<String> openblas_get_config() {
    return blasHas("openblas_get_config")
        ? Optional.of(cblas_h.openblas_get_config().getString(0)) : Optional.empty();
  }

  /** {@link cblas_h#openblas_get_corename}; empty when the provider is not OpenBLAS. */
  public static Optional<String> openblas_get_corename() {
    return blasHas("openblas_get_corename")
        ? Optional.of(cblas_h.openblas_get_corename().getString(0)) : Optional.empty();
  }

  private static final class GetNumThreads {
    static final Optional<MethodHandle> PLAIN =
        optional("openblas_get_num_threads", cblas_h::openblas_get_num_threads$handle);
  }

  /** {@link cblas_h#openblas_get_num_threads}; -1 when the provider lacks it. */
  public static int openblas_get_num_threads() {
    if (GetNumThreads.PLAIN.isEmpty()) {
      return -1;
    }
    try {
      return (int) GetNumThreads.PLAIN.get().invokeExact();
    } catch (Error | RuntimeException ex) {
      throw ex;
    } catch (Throwable ex) {
      throw new AssertionError("should not reach here", ex);
    }
  }

  private static final class GetParallel {
    static final Optional<MethodHandle> PLAIN =
        optional("openblas_get_parallel", cblas_h::openblas_get_parallel$handle);
  }

  /**
   * {@link cblas_h#openblas_get_parallel}: 0 sequential build, 1 pthreads, 2 OpenMP; -1 when the
   * provider lacks it (not OpenBLAS).
   */
  public static int openblas_get_parallel() {
    if (GetParallel.PLAIN.isEmpty()) {
      return -1;
    }
    try {
      return (int) GetParallel.PLAIN.get().invokeExact();
    } catch (Error | RuntimeException ex) {
      throw ex;
    } catch (Throwable ex) {
      throw new AssertionError("should not reach here", ex);
    }
  }

  private static final class SetNumThreads {
    static final Optional<MethodHandle> PLAIN =
        optional("openblas_set_num_threads", cblas_h::openblas_set_num_threads$handle);
  }

  /** {@link cblas_h#openblas_set_num_threads}; false when the provider lacks it. */
  public static boolean openblas_set_num_threads(int threads) {
    if (SetNumThreads.PLAIN.isEmpty()) {
      return false;
    }
    try {
      SetNumThreads.PLAIN.get().invokeExact(threads);
      return true;
    } catch (Error | RuntimeException ex) {
      throw ex;
    } catch (Throwable ex) {
      throw new AssertionError("should not reach here", ex);
    }
  }

  private static final class SetNumThreadsLocal {
    static final Optional<MethodHandle> CRITICAL = blasHas("openblas_set_num_threads_local")
        ? Optional.of(critical(cblas_h::openblas_set_num_threads_local$address,
            cblas_h::openblas_set_num_threads_local$descriptor, false))
        : Optional.empty();
  }

  /** True when the provider has the per-thread thread-count call (OpenBLAS 0.3.27+). */
  public static boolean has_openblas_set_num_threads_local() {
    return SetNumThreadsLocal.CRITICAL.isPresent();
  }

  /**
   * {@link cblas_h#openblas_set_num_threads_local}: sets the thread count for BLAS calls made by
   * the calling thread; returns the previous value.
   */
  public static int openblas_set_num_threads_local(int threads) {
    try {
      return (int) SetNumThreadsLocal.CRITICAL.orElseThrow().invokeExact(threads);
    } catch (Error | RuntimeException ex) {
      throw ex;
    } catch (Throwable ex) {
      throw new AssertionError("should not reach here", ex);
    }
  }

  private static Optional<MethodHandle> optional(String symbol, Supplier<MethodHandle> handle) {
    return blasHas(symbol) ? Optional.of(handle.get()) : Optional.empty();
  }
}
