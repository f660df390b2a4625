// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.internal.ffm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.dense4j.backend.Backend;
import dev.dense4j.backend.BlasThreading;
import dev.dense4j.internal.ffm.bindings.CblasH;
import dev.dense4j.layers.Dense;
import dev.dense4j.testing.TestBackends;
import org.junit.jupiter.api.Test;

/** The per-call BLAS thread policy, and that it never touches a process-wide count. */
class BlasThreadsTest {

  @Test
  void smallCallsRunOnOneThreadAndLargeOnesUpToBothCaps() {
    long large = NativeKernels.MULTITHREAD_MACS;
    assertEquals(1, BlasThreads.threadsFor(large - 1, 8));
    assertEquals(1, BlasThreads.threadsFor(large, 1));
    assertEquals(Math.min(2, BlasThreads.cap()), BlasThreads.threadsFor(large, 2));
    assertEquals(BlasThreads.cap(), BlasThreads.threadsFor(large));
  }

  @Test
  void perCallCountsOnlyWhereTheyArePerThread() {
    TestBackends.assumeAvailable(Backend.NATIVE);
    if (CblasH.openblas_get_parallel() != 2) {
      assertFalse(BlasThreads.perThread(), "openblas_get_parallel()=" + CblasH.openblas_get_parallel());
    }
  }

  /** Before the per-thread check, every Dense call on a pthreads OpenBLAS set the global count. */
  @Test
  void denseCallsLeaveAProcessWideCountAlone() {
    TestBackends.assumeAvailable(Backend.NATIVE);
    assumeTrue(BlasThreading.scope() == BlasThreading.Scope.PROCESS, "scope " + BlasThreading.scope());
    int original = BlasThreading.processWide();
    try (Dense dense = Dense.builder(128).backend(Backend.NATIVE).build()) {
      dense.build(3000);
      for (int threads : new int[] {2, 3}) {
        BlasThreading.setProcessWide(threads);
        dense.call(new float[3000], 1, 3000);         // sgemv, 2^18.6 multiply-adds
        dense.call(new float[128 * 3000], 128, 3000); // sgemm, 2^25.6 multiply-adds
        assertEquals(threads, BlasThreading.processWide());
      }
    } finally {
      BlasThreading.setProcessWide(original);
    }
  }

  @Test
  void processWideCountsBelowOneAreRefused() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BlasThreading.setProcessWide(0));
    assertEquals("BlasThreading: threads must be >= 1; received threads=0", e.getMessage());
  }
}
