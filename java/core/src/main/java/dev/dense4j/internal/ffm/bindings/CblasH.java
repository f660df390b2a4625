// SPDX-License-Identifier: Apache-2.0
// Bindings for the CBLAS and OpenBLAS functions dense4j calls, written by hand in the shape
// jextract generates (one lazily linked holder per function, C names verbatim, the C prototype in
// the javadoc). blasint is 32-bit in the supported OpenBLAS builds (no INTERFACE64).
package dev.dense4j.internal.ffm.bindings;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_FLOAT;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import dev.dense4j.internal.ffm.NativeLibraries;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.util.Optional;

/** Downcalls into the CBLAS provider (OpenBLAS by default). */
public final class CblasH {

  private CblasH() {}

  static final Linker LINKER = Linker.nativeLinker();

  /** The library, loaded on the first downcall (descriptors are usable without it). */
  private static final class Lib {
    static final SymbolLookup SYMBOL_LOOKUP = NativeLibraries.blas();
  }

  public static final int CblasRowMajor = 101;
  public static final int CblasNoTrans = 111;
  public static final int CblasTrans = 112;

  static MemorySegment find(String name) {
    return Lib.SYMBOL_LOOKUP.find(name)
        .orElseThrow(() -> new UnsatisfiedLinkError("unresolved symbol: " + name));
  }

  static MethodHandle link(String name, FunctionDescriptor desc, Linker.Option... options) {
    return LINKER.downcallHandle(find(name), desc, options);
  }

  private static final FunctionDescriptor cblas_sgemm$DESC = FunctionDescriptor.ofVoid(JAVA_INT, JAVA_INT, JAVA_INT,
        JAVA_INT, JAVA_INT, JAVA_INT, JAVA_FLOAT, ADDRESS, JAVA_INT, ADDRESS, JAVA_INT, JAVA_FLOAT,
        ADDRESS, JAVA_INT);

  private static final class cblas_sgemm {
    static final FunctionDescriptor DESC = cblas_sgemm$DESC;
    static final MethodHandle HANDLE = link("cblas_sgemm", DESC);
    // NOTE: a critical call holds off safepoints for its whole duration: short calls only.
    static final MethodHandle CRITICAL = link("cblas_sgemm", DESC, Linker.Option.critical(true));
  }

  public static FunctionDescriptor cblas_sgemm$descriptor() {
    return cblas_sgemm$DESC;
  }

  /**
   * {@snippet lang=c :
   * void cblas_sgemm(enum CBLAS_ORDER Order, enum CBLAS_TRANSPOSE TransA, enum CBLAS_TRANSPOSE TransB,
   *                  blasint M, blasint N, blasint K, float alpha, const float *A, blasint lda,
   *                  const float *B, blasint ldb, float beta, float *C, blasint ldc);
   * }
   * With {@code critical} the call may take heap segments and must be short.
   */
  public static void cblas_sgemm(boolean critical, int order, int transA, int transB, int m, int n,
      int k, float alpha, MemorySegment a, int lda, MemorySegment b, int ldb, float beta,
      MemorySegment c, int ldc) {
    try {
      if (critical) {
        cblas_sgemm.CRITICAL.invokeExact(order, transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
      } else {
        cblas_sgemm.HANDLE.invokeExact(order, transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
      }
    } catch (Error | RuntimeException ex) {
      throw ex;
    } catch (Throwable ex) {
      throw new AssertionError("should not reach here", ex);
    }
  }

  private static final FunctionDescriptor cblas_sgemv$DESC = FunctionDescriptor.ofVoid(JAVA_INT, JAVA_INT, JAVA_INT,
        JAVA_INT, JAVA_FLOAT, ADDRESS, JAVA_INT, ADDRESS, JAVA_INT, JAVA_FLOAT, ADDRESS, JAVA_INT);

  private static final class cblas_sgemv {
    static final FunctionDescriptor DESC = cblas_sgemv$DESC;
    static final MethodHandle HANDLE = link("cblas_sgemv", DESC);
    static final MethodHandle CRITICAL = link("cblas_sgemv", DESC, Linker.Option.critical(true));
  }

  public static FunctionDescriptor cblas_sgemv$descriptor() {
    return cblas_sgemv$DESC;
  }

  /**
   * {@snippet lang=c :
   * void cblas_sgemv(enum CBLAS_ORDER order, enum CBLAS_TRANSPOSE trans, blasint m, blasint n,
   *                  float alpha, const float *a, blasint lda, const float *x, blasint incx,
   *                  float beta, float *y, blasint incy);
   * }
   */
  public static void cblas_sgemv(boolean critical, int order, int trans, int m, int n, float alpha,
      MemorySegment a, int lda, MemorySegment x, int incx, float beta, MemorySegment y, int incy) {
    try {
      if (critical) {
        cblas_sgemv.CRITICAL.invokeExact(order, trans, m, n, alpha, a, lda, x, incx, beta, y, incy);
      } else {
        cblas_sgemv.HANDLE.invokeExact(order, trans, m, n, alpha, a, lda, x, incx, beta, y, incy);
      }
    } catch (Error | RuntimeException ex) {
      throw ex;
    } catch (Throwable ex) {
      throw new AssertionError("should not reach here", ex);
    }
  }

  private static final FunctionDescriptor openblas_get_config$DESC = FunctionDescriptor.of(ADDRESS);

  private static final class openblas_get_config {
    static final FunctionDescriptor DESC = openblas_get_config$DESC;
    static final MethodHandle HANDLE = link("openblas_get_config", DESC);
  }

  /** {@snippet lang=c : char *openblas_get_config(void); } Empty when the provider is not OpenBLAS. */
  public static Optional<String> openblas_get_config() {
    return callString("openblas_get_config");
  }

  /** {@snippet lang=c : char *openblas_get_corename(void); } Empty when the provider is not OpenBLAS. */
  public static Optional<String> openblas_get_corename() {
    return callString("openblas_get_corename");
  }

  private static Optional<String> callString(String symbol) {
    Optional<MemorySegment> addr = Lib.SYMBOL_LOOKUP.find(symbol);
    if (addr.isEmpty()) {
      return Optional.empty();
    }
    try {
      MemorySegment s = (MemorySegment) LINKER.downcallHandle(addr.get(), FunctionDescriptor.of(ADDRESS))
          .invokeExact();
      return Optional.of(s.reinterpret(4096).getString(0));
    } catch (Error | RuntimeException ex) {
      throw ex;
    } catch (Throwable ex) {
      throw new AssertionError("should not reach here", ex);
    }
  }

  private static final FunctionDescriptor openblas_get_num_threads$DESC = FunctionDescriptor.of(JAVA_INT);

  private static final class openblas_get_num_threads {
    static final FunctionDescriptor DESC = openblas_get_num_threads$DESC;
    static final Optional<MethodHandle> HANDLE = Lib.SYMBOL_LOOKUP.find("openblas_get_num_threads")
        .map(a -> LINKER.downcallHandle(a, DESC));
  }

  /** {@snippet lang=c : int openblas_get_num_threads(void); } -1 when the provider lacks it. */
  public static int openblas_get_num_threads() {
    if (openblas_get_num_threads.HANDLE.isEmpty()) {
      return -1;
    }
    try {
      return (int) openblas_get_num_threads.HANDLE.get().invokeExact();
    } catch (Error | RuntimeException ex) {
      throw ex;
    } catch (Throwable ex) {
      throw new AssertionError("should not reach here", ex);
    }
  }

  private static final FunctionDescriptor openblas_get_parallel$DESC = FunctionDescriptor.of(JAVA_INT);

  private static final class openblas_get_parallel {
    static final FunctionDescriptor DESC = openblas_get_parallel$DESC;
    static final Optional<MethodHandle> HANDLE = Lib.SYMBOL_LOOKUP.find("openblas_get_parallel")
        .map(a -> LINKER.downcallHandle(a, DESC));
  }

  /**
   * {@snippet lang=c : int openblas_get_parallel(void); }
   * 0 sequential build, 1 pthreads, 2 OpenMP; -1 when the provider lacks it (not OpenBLAS).
   */
  public static int openblas_get_parallel() {
    if (openblas_get_parallel.HANDLE.isEmpty()) {
      return -1;
    }
    try {
      return (int) openblas_get_parallel.HANDLE.get().invokeExact();
    } catch (Error | RuntimeException ex) {
      throw ex;
    } catch (Throwable ex) {
      throw new AssertionError("should not reach here", ex);
    }
  }

  private static final FunctionDescriptor openblas_set_num_threads$DESC = FunctionDescriptor.ofVoid(JAVA_INT);

  private static final class openblas_set_num_threads {
    static final FunctionDescriptor DESC = openblas_set_num_threads$DESC;
    static final Optional<MethodHandle> HANDLE = Lib.SYMBOL_LOOKUP.find("openblas_set_num_threads")
        .map(a -> LINKER.downcallHandle(a, DESC));
  }

  /** {@snippet lang=c : void openblas_set_num_threads(int num_threads); } false when absent. */
  public static boolean openblas_set_num_threads(int threads) {
    if (openblas_set_num_threads.HANDLE.isEmpty()) {
      return false;
    }
    try {
      openblas_set_num_threads.HANDLE.get().invokeExact(threads);
      return true;
    } catch (Error | RuntimeException ex) {
      throw ex;
    } catch (Throwable ex) {
      throw new AssertionError("should not reach here", ex);
    }
  }

  private static final FunctionDescriptor openblas_set_num_threads_local$DESC = FunctionDescriptor.of(JAVA_INT, JAVA_INT);

  private static final class openblas_set_num_threads_local {
    static final FunctionDescriptor DESC = openblas_set_num_threads_local$DESC;
    static final Optional<MethodHandle> HANDLE = Lib.SYMBOL_LOOKUP.find("openblas_set_num_threads_local")
        .map(a -> LINKER.downcallHandle(a, DESC, Linker.Option.critical(false)));
  }

  /** True when the provider has the per-thread thread-count call (OpenBLAS 0.3.27+). */
  public static boolean has_openblas_set_num_threads_local() {
    return openblas_set_num_threads_local.HANDLE.isPresent();
  }

  /**
   * {@snippet lang=c : int openblas_set_num_threads_local(int num_threads); }
   * Sets the thread count for BLAS calls made by the calling thread; returns the previous value.
   */
  public static int openblas_set_num_threads_local(int threads) {
    try {
      return (int) openblas_set_num_threads_local.HANDLE.orElseThrow().invokeExact(threads);
    } catch (Error | RuntimeException ex) {
      throw ex;
    } catch (Throwable ex) {
      throw new AssertionError("should not reach here", ex);
    }
  }
}
