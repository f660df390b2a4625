// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.internal.ffm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.dense4j.backend.Backend;
import dev.dense4j.backend.BlasThreading;
import dev.dense4j.internal.ffm.bindings.CblasH;
import dev.dense4j.layers.Dense;
import dev.dense4j.testing.TestBackends;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
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

  /** An explicit -Ddense4j.blasThreads is the application's wish: applied process-wide once. */
  @Test
  void anExplicitPropertySetsAProcessWideCount() throws Exception {
    TestBackends.assumeAvailable(Backend.NATIVE);
    assumeTrue(BlasThreading.scope() == BlasThreading.Scope.PROCESS, "scope " + BlasThreading.scope());
    Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "--enable-native-access=ALL-UNNAMED", "-Ddense4j.blasThreads=1", "-cp", System.getProperty("java.class.path"),
        Probe.class.getName()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    assertTrue(out.contains("process-wide after a Dense call: 1\n"), out);
  }

  /** Runs one Dense call and prints the process-wide count (the forked JVM of the test above). */
  public static final class Probe {
    public static void main(String[] args) {
      try (Dense dense = Dense.builder(4).backend(Backend.NATIVE).build()) {
        dense.build(3);
        dense.call(new float[6], 2, 3);
      }
      System.out.println("process-wide after a Dense call: " + BlasThreading.processWide());
    }
  }

  /**
   * The property is applied before the application's own setting, never after it: a count set at
   * start-up, before any Dense call, is still the count after one.
   */
  @Test
  void anApplicationSettingMadeBeforeTheFirstCallWinsOverTheProperty() throws Exception {
    TestBackends.assumeAvailable(Backend.NATIVE);
    assumeTrue(BlasThreading.scope() == BlasThreading.Scope.PROCESS, "scope " + BlasThreading.scope());
    Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "--enable-native-access=ALL-UNNAMED", "-Ddense4j.blasThreads=1", "-cp", System.getProperty("java.class.path"),
        SetThenCall.class.getName()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    assertTrue(out.contains("process-wide after a Dense call: 3\n"), out);
  }

  /** Sets the count to 3 at start-up, then runs one Dense call (the forked JVM of the test above). */
  public static final class SetThenCall {
    public static void main(String[] args) {
      BlasThreading.setProcessWide(3);
      Probe.main(args);
    }
  }

  @Test
  void theFacadeReportsTheNativeBackendsOwnState() {
    TestBackends.assumeAvailable(Backend.NATIVE);
    assertEquals(BlasThreads.scope().name(), BlasThreading.scope().name());
    assertEquals(BlasThreads.processWide(), BlasThreading.processWide());
  }

  @Test
  void processWideCountsBelowOneAreRefused() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BlasThreading.setProcessWide(0));
    assertEquals("BlasThreading: threads must be >= 1; received threads=0", e.getMessage());
  }
}
