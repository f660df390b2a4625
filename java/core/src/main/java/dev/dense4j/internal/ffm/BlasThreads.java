// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.internal.ffm;

import dev.dense4j.internal.ffm.bindings.CblasH;

/**
 * How many threads OpenBLAS may use for one call. The cap is {@code -Ddense4j.blasThreads=N}
 * (default: the available processors); small calls always run on the calling thread.
 */
public final class BlasThreads {

  private BlasThreads() {}

  private static final class Config {
    static final boolean LOCAL = CblasH.has_openblas_set_num_threads_local();
    static final int CAP = cap(System.getProperty("dense4j.blasThreads"));

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

  /** True when the thread count can be set per calling thread (OpenBLAS 0.3.27+). */
  public static boolean perThread() {
    return Config.LOCAL;
  }

  /** The BLAS threads for a call of {@code macs} multiply-adds. */
  public static int threadsFor(long macs) {
    return macs < NativeKernels.MULTITHREAD_MACS ? 1 : Config.CAP;
  }

  /** Sets the calling thread's BLAS thread count for a call of {@code macs} multiply-adds. */
  public static void forCall(long macs) {
    if (Config.LOCAL) {
      CblasH.openblas_set_num_threads_local(threadsFor(macs));
    }
  }
}
