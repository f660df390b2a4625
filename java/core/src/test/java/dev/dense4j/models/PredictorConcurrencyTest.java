// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dense4j.backend.Backend;
import dev.dense4j.tensor.Tensor;
import dev.dense4j.testing.TestBackends;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Many threads, one predictor: every result bit-identical to the single-threaded one, on platform
 * threads, virtual threads and threads with small stacks; closing under load never crashes.
 */
class PredictorConcurrencyTest {

  /** The batch-1 shape, 1×3000 · 3000×128, that broke OpenBLAS's threaded sgemv under concurrency. */
  static final int[] WIDE = {3000, 128, 10};
  static final int[] SMALL = {31, 64, 9};

  static Stream<Arguments> cases() {
    List<Arguments> all = new ArrayList<>();
    TestBackends.all().forEach(b -> {
      all.add(Arguments.of(b, Named.of("1x3000·3000x128", WIDE), 1));
      all.add(Arguments.of(b, Named.of("1x3000·3000x128", WIDE), 8));
      all.add(Arguments.of(b, Named.of("31→64→9", SMALL), 1));
      all.add(Arguments.of(b, Named.of("31→64→9", SMALL), 33));
    });
    return all.stream();
  }

  @ParameterizedTest(name = "{0} {1} batch={2}")
  @MethodSource("cases")
  void platformThreadsGetTheSingleThreadedBits(Backend backend, int[] widths, int batch) throws Exception {
    TestBackends.assumeAvailable(backend);
    int calls = backend == Backend.REFERENCE ? 6 : (long) widths[0] * batch > 3000 ? 25 : 150;
    try (Sequential model = TestModels.mlp(backend, 42, widths, "relu", "linear");
        Predictor p = Predictor.builder(model).sliceSize(16).build()) {
      Inputs in = Inputs.of(widths[0], batch, 4, p);
      try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
        runAll(pool, 8, calls, p, in);
      }
      assertTrue(p.scratchCount() <= 8, "scratch sets " + p.scratchCount());
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.dense4j.testing.TestBackends#all")
  void virtualThreadsGetTheSingleThreadedBits(Backend backend) throws Exception {
    TestBackends.assumeAvailable(backend);
    int calls = backend == Backend.NATIVE ? 40 : 2;
    try (Sequential model = TestModels.mlp(backend, 43, WIDE, "relu", "linear");
        Predictor p = Predictor.of(model)) {
      Inputs in = Inputs.of(WIDE[0], 1, 4, p);
      try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
        runAll(pool, backend == Backend.NATIVE ? 200 : 50, calls, p, in);
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.dense4j.testing.TestBackends#all")
  void threadsWithA256kStackWork(Backend backend) throws Exception {
    TestBackends.assumeAvailable(backend);
    try (Sequential model = TestModels.mlp(backend, 44, WIDE, "relu", "linear");
        Predictor p = Predictor.of(model)) {
      Inputs in = Inputs.of(WIDE[0], 2, 2, p);
      ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
      List<Thread> threads = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        Runnable work = () -> {
          try {
            check(p, in, 5);
          } catch (Throwable e) {
            failures.add(e);
          }
        };
        threads.add(new Thread(null, work, "xss256k-" + t, 256 * 1024));
      }
      threads.forEach(Thread::start);
      for (Thread t : threads) {
        t.join(60_000);
      }
      assertTrue(failures.isEmpty(), () -> "failures: " + failures);
    }
  }

  @Test
  void closingUnderLoadGivesResultsOrIllegalStateNeverACrash() throws Exception {
    Backend backend = Backend.preferred();
    try (Sequential model = TestModels.mlp(backend, 45, SMALL, "relu", "linear")) {
      Predictor p = Predictor.of(model);
      Inputs in = Inputs.of(SMALL[0], 3, 2, p);
      AtomicInteger ok = new AtomicInteger();
      AtomicInteger refused = new AtomicInteger();
      ConcurrentLinkedQueue<Throwable> other = new ConcurrentLinkedQueue<>();
      CountDownLatch started = new CountDownLatch(4);
      List<Thread> threads = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        threads.add(Thread.ofPlatform().start(() -> {
          started.countDown();
          float[] out = new float[in.batch * p.outputWidth()];
          for (int i = 0; i < 1_000_000; i++) {
            try {
              p.predict(in.x[i % 2], in.batch, out);
              if (!java.util.Arrays.equals(out, in.want[i % 2])) {
                other.add(new AssertionError("wrong result at call " + i));
              }
              ok.incrementAndGet();
            } catch (IllegalStateException e) {
              refused.incrementAndGet();
              return;
            } catch (Throwable e) {
              other.add(e);
              return;
            }
          }
        }));
      }
      started.await();
      // close while calls are under way: wait until some have completed (bounded), not a fixed time
      long deadline = System.nanoTime() + 10_000_000_000L;
      while (ok.get() < 100 && other.isEmpty() && System.nanoTime() < deadline) {
        Thread.onSpinWait();
      }
      p.close();
      for (Thread t : threads) {
        t.join(30_000);
      }
      assertTrue(other.isEmpty(), () -> "unexpected: " + other);
      assertEquals(4, refused.get(), "every caller sees the close");
      assertTrue(ok.get() > 0);
      assertTrue(p.isReleased());
    }
  }

  /** Inputs and their single-threaded outputs. */
  record Inputs(int batch, float[][] x, float[][] want) {
    static Inputs of(int width, int batch, int count, Predictor p) {
      SplittableRandom rng = new SplittableRandom(width * 31L + batch);
      float[][] x = new float[count][];
      float[][] want = new float[count][];
      for (int i = 0; i < count; i++) {
        x[i] = TestModels.random(rng, batch * width, 1);
        want[i] = p.predict(x[i], batch);
      }
      return new Inputs(batch, x, want);
    }
  }

  private static void runAll(ExecutorService pool, int tasks, int calls, Predictor p, Inputs in) throws Exception {
    List<Future<?>> futures = new ArrayList<>();
    for (int t = 0; t < tasks; t++) {
      futures.add(pool.submit(() -> {
        check(p, in, calls);
        return null;
      }));
    }
    for (Future<?> f : futures) {
      f.get(120, TimeUnit.SECONDS);
    }
  }

  // alternates the array and Tensor paths; every output must equal the single-threaded bits
  private static void check(Predictor p, Inputs in, int calls) {
    float[] out = new float[in.batch * p.outputWidth()];
    int[] inShape = {in.batch, p.inputWidth()};
    int[] outShape = {in.batch, p.outputWidth()};
    try (Tensor tx = Tensor.zeros(inShape); Tensor ty = Tensor.zeros(outShape)) {
      for (int i = 0; i < calls; i++) {
        int k = i % in.x.length;
        if (i % 2 == 0) {
          p.predict(in.x[k], in.batch, out);
          assertArrayEquals(in.want[k], out, "call " + i);
        } else {
          tx.copyFrom(in.x[k]);
          p.predict(tx, ty);
          assertArrayEquals(in.want[k], ty.toArray(), "call " + i);
        }
      }
    }
  }
}
