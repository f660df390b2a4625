// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.internal.ffm;

import dev.dense4j.internal.ffm.bindings.CblasH;

/**
 * The native backend's BLAS thread state: how the provider was built, the cap on threads per
 * call ({@code -Ddense4j.blasThreads=N}, default: the available processors), the per-call policy
 * (small calls always run on the calling thread), and the provider's process-wide count. The
 * public face is {@link dev.dense4j.backend.BlasThreading}.
 *
 * <p>NOTE: the count is set per call only where it is per thread: OpenBLAS built with OpenMP. In
 * a pthreads build (the bytedeco natives) {@code openblas_set_num_threads_local} sets the
 * process-wide count as well (checked on OpenBLAS 0.3.31: a call on one thread changes what
 * {@code openblas_get_num_threads} returns on every other), so calling it per call would change
 * the application's setting and race between concurrent calls; there dense4j leaves the count
 * alone and OpenBLAS' own size thresholds apply, except that an explicit
 * {@code -Ddense4j.blasThreads=N} is applied process-wide once, when this state is first read.
 */
public final class BlasThreads {

  private BlasThreads() {}

  /** Where the provider's thread count applies; see {@link dev.dense4j.backend.BlasThreading.Scope}. */
  public enum Scope {
    PER_THREAD,
    PROCESS,
    SINGLE,
    UNCONTROLLED
  }

  /** Read once per JVM, on the first BLAS call or thread query of the native backend. */
  private static final class State {
    static final int PARALLEL = CblasH.openblas_get_parallel();
    static final boolean LOCAL = CblasH.has_openblas_set_num_threads_local() && PARALLEL == 2;
    static final int CAP = cap(System.getProperty("dense4j.blasThreads"));
    static final Scope SCOPE = switch (PARALLEL) {
      case 0 -> Scope.SINGLE;
      case 1 -> Scope.PROCESS;
      case 2 -> LOCAL ? Scope.PER_THREAD : Scope.PROCESS;
      default -> Scope.UNCONTROLLED;
    };

    static {
      // The one side effect, on purpose here: it happens before any BLAS call or thread setting
      // that goes through this class, so an application's later setProcessWide wins over it.
      applyConfiguredCount(System.getProperty("dense4j.blasThreads"));
    }

    // the application asked for a count, so setting the process-wide one is not behind its back
    private static void applyConfiguredCount(String configured) {
      if (LOCAL || configured == null || configured.isBlank() || PARALLEL != 1) {
        return;
      }
      CblasH.openblas_set_num_threads(CAP);
      System.getLogger("dev.dense4j").log(System.Logger.Level.DEBUG,
          "dense4j: OpenBLAS (pthreads) thread count set process-wide to {0} from -Ddense4j.blasThreads", CAP);
    }

    private static int cap(String configured) {
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

  /** Where the provider's thread count applies. */
  public static Scope scope() {
    return State.SCOPE;
  }

  /** The provider's process-wide thread count: 1 for {@link Scope#SINGLE}, -1 when unknown. */
  public static int processWide() {
    return switch (State.SCOPE) {
      case SINGLE -> 1;
      case UNCONTROLLED -> -1;
      case PER_THREAD, PROCESS -> CblasH.openblas_get_num_threads();
    };
  }

  /** Sets the process-wide count ({@code openblas_set_num_threads}); the caller has checked {@code threads}. */
  public static void setProcessWide(int threads) {
    if (State.SCOPE == Scope.PER_THREAD || State.SCOPE == Scope.PROCESS) {
      CblasH.openblas_set_num_threads(threads);
    }
  }

  /** The most threads one BLAS call may use. */
  public static int cap() {
    return State.CAP;
  }

  /** True when the thread count can be set per calling thread (OpenBLAS 0.3.27+ built with OpenMP). */
  public static boolean perThread() {
    return State.LOCAL;
  }

  /** The BLAS threads for a call of {@code macs} multiply-adds. */
  public static int threadsFor(long macs) {
    return threadsFor(macs, State.CAP);
  }

  /** The BLAS threads for a call of {@code macs} multiply-adds under a cap of {@code maxThreads}. */
  public static int threadsFor(long macs, int maxThreads) {
    return macs < NativeKernels.MULTITHREAD_MACS ? 1 : Math.max(1, Math.min(State.CAP, maxThreads));
  }

  /** Sets the calling thread's BLAS thread count for a call of {@code macs} multiply-adds. */
  public static void forCall(long macs) {
    forCall(macs, Integer.MAX_VALUE);
  }

  /** Like {@link #forCall(long)}, with at most {@code maxThreads} threads. */
  public static void forCall(long macs, int maxThreads) {
    if (State.LOCAL) { // the first read of State also applies an explicit -Ddense4j.blasThreads
      CblasH.openblas_set_num_threads_local(threadsFor(macs, maxThreads));
    }
  }
}
