// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.internal.ffm;

import dev.dense4j.internal.ffm.bindings.CblasH;

/**
 * How many threads OpenBLAS may use for one call. The cap is {@code -Ddense4j.blasThreads=N}
 * (default: the available processors); small calls always run on the calling thread.
 *
 * <p>NOTE: the count is set per call only where it is per thread: OpenBLAS built with OpenMP. In
 * a pthreads build (the bytedeco natives) {@code openblas_set_num_threads_local} sets the
 * process-wide count as well (checked on OpenBLAS 0.3.31: a call on one thread changes what
 * {@code openblas_get_num_threads} returns on every other), so calling it per call would change
 * the application's setting and race between concurrent calls; there dense4j leaves the count
 * alone and OpenBLAS' own size thresholds apply, except that an explicit
 * {@code -Ddense4j.blasThreads=N} is applied process-wide once, at the first BLAS call.
 */
public final class BlasThreads {

  private BlasThreads() {}

  private static final class Config {
    static final boolean LOCAL = CblasH.has_openblas_set_num_threads_local() && CblasH.openblas_get_parallel() == 2;
    static final int CAP = cap(System.getProperty("dense4j.blasThreads"));
    static final boolean APPLIED_PROCESS_WIDE = applyProcessWide(System.getProperty("dense4j.blasThreads"));

    // the application asked for a count, so setting the process-wide one is not behind its back
    static boolean applyProcessWide(String configured) {
      if (LOCAL || configured == null || configured.isBlank() || CblasH.openblas_get_parallel() != 1) {
        return false;
      }
      CblasH.openblas_set_num_threads(CAP);
      System.getLogger("dev.dense4j").log(System.Logger.Level.DEBUG,
          "dense4j: OpenBLAS (pthreads) thread count set process-wide to {0} from -Ddense4j.blasThreads", CAP);
      return true;
    }

    static int cap(String configured) {
      int cpus = Runtime.getRuntime().availableProcessors();
      if (configured == null || configured.isBlank()) {
        return cpus;
      }
      try {
        int n = Integer.parseInt(configured.trim());
        if (n >= 1) {
          return n;
        }
      } catch (NumberFormatException ignored) {
        // reported below
      }
      throw new IllegalArgumentException("-Ddense4j.blasThreads must be a whole number >= 1; received " + configured);
    }
  }

  /** The most threads one BLAS call may use. */
  public static int cap() {
    return Config.CAP;
  }

  /** True when the thread count can be set per calling thread (OpenBLAS 0.3.27+ built with OpenMP). */
  public static boolean perThread() {
    return Config.LOCAL;
  }

  /** The BLAS threads for a call of {@code macs} multiply-adds. */
  public static int threadsFor(long macs) {
    return threadsFor(macs, Config.CAP);
  }

  /** The BLAS threads for a call of {@code macs} multiply-adds under a cap of {@code maxThreads}. */
  public static int threadsFor(long macs, int maxThreads) {
    return macs < NativeKernels.MULTITHREAD_MACS ? 1 : Math.max(1, Math.min(Config.CAP, maxThreads));
  }

  /** Sets the calling thread's BLAS thread count for a call of {@code macs} multiply-adds. */
  public static void forCall(long macs) {
    forCall(macs, Integer.MAX_VALUE);
  }

  /** Like {@link #forCall(long)}, with at most {@code maxThreads} threads. */
  public static void forCall(long macs, int maxThreads) {
    if (Config.LOCAL) { // reading Config also applies an explicit -Ddense4j.blasThreads process-wide
      CblasH.openblas_set_num_threads_local(threadsFor(macs, maxThreads));
    }
  }
}
