// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.dense4j.backend.Backend;
import dev.dense4j.backend.BlasThreading;
import dev.dense4j.testing.TestBackends;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The BLAS thread cap: the process-wide count is never changed by a predictor, and, measured in
 * CPU time per OS thread, no thread beyond the cap does BLAS work.
 */
class PredictorBlasThreadsTest {

  private static final int[] WIDE = {3000, 128, 10};

  @Test
  void predictorsNeverChangeTheProcessWideCount() {
    TestBackends.assumeAvailable(Backend.NATIVE);
    assumeTrue(BlasThreading.scope() == BlasThreading.Scope.PROCESS, "BLAS thread scope is " + BlasThreading.scope());
    int original = BlasThreading.processWide();
    try (Sequential model = TestModels.mlp(Backend.NATIVE, 1, WIDE, "relu", "linear");
        Predictor p = Predictor.builder(model).blasThreads(1).build()) {
      BlasThreading.setProcessWide(2);
      p.predict(new float[3000], 1);
      assertEquals(2, BlasThreading.processWide());
    } finally {
      BlasThreading.setProcessWide(original);
    }
  }

  /**
   * With a cap of 1, no thread but the caller does a significant share of the work during a
   * stream of large GEMMs; with 2, one other thread does, which shows the measurement sees BLAS
   * helper threads when there are some. CPU time per OS thread, from {@code /proc/self/task}.
   */
  @Test
  void noThreadBeyondTheCapDoesBlasWork() throws Exception {
    TestBackends.assumeAvailable(Backend.NATIVE);
    BlasThreading.Scope scope = BlasThreading.scope();
    assumeTrue(scope == BlasThreading.Scope.PROCESS || scope == BlasThreading.Scope.PER_THREAD, "scope " + scope);
    assumeTrue(Files.isDirectory(Path.of("/proc/self/task")), "no /proc/self/task on this OS");
    int original = BlasThreading.processWide();
    try (Sequential model = TestModels.mlp(Backend.NATIVE, 3, WIDE, "relu", "linear")) {
      Map<String, Long> one = busyThreads(model, 1, scope);
      assertTrue(one.size() == 1, "cap 1: busy threads (tid → CPU ticks) " + one);
      if (Runtime.getRuntime().availableProcessors() >= 2) {
        Map<String, Long> two = busyThreads(model, 2, scope);
        assertTrue(two.size() == 2, "cap 2: busy threads (tid → CPU ticks) " + two);
      }
    } finally {
      if (scope == BlasThreading.Scope.PROCESS) {
        BlasThreading.setProcessWide(original);
      }
    }
  }

  /** The threads that used at least a quarter of the busiest one's CPU time during batch-128 calls (2^25.6 multiply-adds each). */
  private static Map<String, Long> busyThreads(Sequential model, int cap, BlasThreading.Scope scope) throws Exception {
    if (scope == BlasThreading.Scope.PROCESS) {
      BlasThreading.setProcessWide(cap);
    }
    try (Predictor p = Predictor.builder(model).blasThreads(cap).build()) {
      float[] x = TestModels.random(new SplittableRandom(42), 128 * 3000, 1);
      float[] y = new float[128 * p.outputWidth()];
      for (int i = 0; i < 20; i++) {
        p.predict(x, 128, y); // warm-up
      }
      Thread.sleep(400); // idle BLAS helpers stop spinning
      // both snapshots from the caller, so that its own thread is alive in each
      AtomicReference<Map<String, Long>> before = new AtomicReference<>();
      AtomicReference<Map<String, Long>> after = new AtomicReference<>();
      Thread caller = Thread.ofPlatform().start(() -> {
        try {
          before.set(cpuTicks());
          // at least 300 ms of the caller's CPU time (30 clock ticks), at most 4 s of wall time
          var mx = ManagementFactory.getThreadMXBean();
          long cpu0 = mx.getCurrentThreadCpuTime();
          long end = System.nanoTime() + 4_000_000_000L;
          while (mx.getCurrentThreadCpuTime() - cpu0 < 300_000_000L && System.nanoTime() < end) {
            p.predict(x, 128, y);
          }
          after.set(cpuTicks());
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
      caller.join();
      Map<String, Long> used = new TreeMap<>();
      after.get().forEach((tid, t) -> used.put(tid, t - before.get().getOrDefault(tid, 0L)));
      // JIT and GC threads are the JVM's own (OpenBLAS helpers take the name of the thread that started them)
      used.keySet().removeIf(k -> k.matches("\\d+ (C1 Compiler|C2 Compiler|GC Thread|G1 ).*"));
      long busiest = used.values().stream().mapToLong(Long::longValue).max().orElse(0);
      used.values().removeIf(t -> t * 4 < busiest);
      return used;
    }
  }

  // utime + stime of every thread of this process, in clock ticks
  private static Map<String, Long> cpuTicks() throws IOException {
    Map<String, Long> ticks = new TreeMap<>();
    try (var tasks = Files.list(Path.of("/proc/self/task"))) {
      for (Path task : tasks.toList()) {
        try {
          String stat = Files.readString(task.resolve("stat"));
          String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
          String name = task.getFileName() + " " + Files.readString(task.resolve("comm")).strip();
          ticks.put(name, Long.parseLong(f[11]) + Long.parseLong(f[12]));
        } catch (IOException gone) {
          // the thread ended while we listed
        }
      }
    }
    return ticks;
  }
}
