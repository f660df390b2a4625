// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.dense4j.activations.Activation;
import dev.dense4j.backend.Backend;
import dev.dense4j.backend.BlasThreads;
import dev.dense4j.layers.Dense;
import dev.dense4j.testing.TestBackends;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The BLAS thread cap: applied around every call where the count is per thread, never changed
 * process-wide by a predictor, and, measured in CPU time, no thread beyond the cap does BLAS work.
 */
class PredictorBlasThreadsTest {

  private static final int[] WIDE = {3000, 128, 10};

  @Test
  void aPerThreadCapIsSetAroundEveryCallAndRestoredEvenOnFailure() {
    List<String> log = new CopyOnWriteArrayList<>();
    BlasCap recording = new BlasCap() {
      @Override
      public int enter() {
        log.add("enter");
        return 7;
      }

      @Override
      public void exit(int previous) {
        log.add("exit " + previous);
      }
    };
    Activation failing = new Activation() {
      @Override
      public String name() {
        return "failing";
      }

      @Override
      public void apply(float[] v, int off, int rows, int cols) {
        throw new ArithmeticException("boom");
      }
    };
    Backend backend = Backend.preferred();
    try (Sequential ok = TestModels.mlp(backend, 1, new int[] {5, 4, 3}, "relu", "linear");
        Sequential bad = new Sequential().add(Dense.builder(2).activation(failing).backend(backend).build()).build(-1, 5);
        Predictor p = Predictor.builder(ok).sliceSize(2).blasCap(recording).build();
        Predictor q = Predictor.builder(bad).blasCap(recording).build()) {
      p.predict(new float[5 * 5], 5); // three slices, one cap
      p.predict(new float[0], 0);     // nothing to compute: no BLAS call
      assertEquals(List.of("enter", "exit 7"), log);
      log.clear();
      assertThrows(ArithmeticException.class, () -> q.predict(new float[5], 1));
      assertEquals(List.of("enter", "exit 7"), log);
    }
  }

  @Test
  void predictorsNeverChangeTheProcessWideCount() {
    TestBackends.assumeAvailable(Backend.NATIVE);
    assumeTrue(BlasThreads.scope() == BlasThreads.Scope.PROCESS, "BLAS thread scope is " + BlasThreads.scope());
    int original = BlasThreads.processWide();
    try (Sequential model = TestModels.mlp(Backend.NATIVE, 1, WIDE, "relu", "linear");
        Predictor p = Predictor.builder(model).blasThreads(1).build()) {
      BlasThreads.setProcessWide(2);
      p.predict(new float[3000], 1);
      assertEquals(2, BlasThreads.processWide());
    } finally {
      BlasThreads.setProcessWide(original);
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
    BlasThreads.Scope scope = BlasThreads.scope();
    assumeTrue(scope == BlasThreads.Scope.PROCESS || scope == BlasThreads.Scope.PER_THREAD, "scope " + scope);
    assumeTrue(Files.isDirectory(Path.of("/proc/self/task")), "no /proc/self/task on this OS");
    int original = BlasThreads.processWide();
    try (Sequential model = TestModels.mlp(Backend.NATIVE, 3, WIDE, "relu", "linear")) {
      Map<String, Long> one = busyThreads(model, 1, scope);
      assertTrue(one.size() == 1, "cap 1: busy threads (tid → CPU ticks) " + one);
      if (Runtime.getRuntime().availableProcessors() >= 2) {
        Map<String, Long> two = busyThreads(model, 2, scope);
        assertTrue(two.size() == 2, "cap 2: busy threads (tid → CPU ticks) " + two);
      }
    } finally {
      if (scope == BlasThreads.Scope.PROCESS) {
        BlasThreads.setProcessWide(original);
      }
    }
  }

  /** The threads that used at least a quarter of the busiest one's CPU time during batch-64 calls. */
  private static Map<String, Long> busyThreads(Sequential model, int cap, BlasThreads.Scope scope) throws Exception {
    if (scope == BlasThreads.Scope.PROCESS) {
      BlasThreads.setProcessWide(cap);
    }
    try (Predictor p = Predictor.builder(model).blasThreads(cap).build()) {
      float[] x = TestModels.random(new SplittableRandom(42), 64 * 3000, 1);
      float[] y = new float[64 * p.outputWidth()];
      for (int i = 0; i < 20; i++) {
        p.predict(x, 64, y); // warm-up
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
            p.predict(x, 64, y);
          }
          after.set(cpuTicks());
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
      caller.join();
      Map<String, Long> used = new TreeMap<>();
      after.get().forEach((tid, t) -> used.put(tid, t - before.get().getOrDefault(tid, 0L)));
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
