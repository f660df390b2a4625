// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dense4j.backend.Backend;
import dev.dense4j.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.time.Duration;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Swapping models under load: no failed call, no call that mixes two models, old ones freed. */
class HotSwapPredictorTest {

  private static final int[] WIDTHS = {64, 96, 8};

  @Test
  void swapsUnderLoadNeverFailOrMixModels() throws Exception {
    Backend backend = Backend.preferred();
    float[] x = TestModels.random(new SplittableRandom(42), 4 * WIDTHS[0], 1);
    try (Sequential a = TestModels.mlp(backend, 1, WIDTHS, "relu", "linear");
        Sequential b = TestModels.mlp(backend, 2, WIDTHS, "relu", "linear")) {
      float[] wantA = once(a, x);
      float[] wantB = once(b, x);
      assertFalse(Arrays.equals(wantA, wantB));
      HotSwapPredictor live = new HotSwapPredictor(Predictor.of(a));
      AtomicBoolean stop = new AtomicBoolean();
      AtomicLong fromA = new AtomicLong();
      AtomicLong fromB = new AtomicLong();
      ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
      List<Thread> callers = new ArrayList<>();
      for (int t = 0; t < 6; t++) {
        boolean virtual = t % 2 == 0;
        Runnable r = () -> call(live, x, wantA, wantB, stop, fromA, fromB, failures, virtual);
        callers.add(virtual ? Thread.ofVirtual().start(r) : Thread.ofPlatform().start(r));
      }
      List<Predictor> retired = new ArrayList<>();
      for (int swap = 0; swap < 200; swap++) {
        retired.add(live.current());
        live.swap(Predictor.of(swap % 2 == 0 ? b : a));
        Thread.sleep(1);
      }
      stop.set(true);
      for (Thread t : callers) {
        t.join(30_000);
      }
      assertTrue(failures.isEmpty(), () -> "failures: " + failures);
      assertEquals(200, live.swapCount());
      assertTrue(fromA.get() > 0 && fromB.get() > 0, "A " + fromA + ", B " + fromB);
      for (Predictor p : retired) {
        assertTrue(p.isReleased(), "a retired predictor keeps its memory: " + p);
      }
      Predictor last = live.current();
      live.close();
      assertTrue(last.isReleased());
      IllegalStateException e = assertThrows(IllegalStateException.class, () -> live.predict(x, 4));
      assertEquals("HotSwapPredictor is closed", e.getMessage());
      assertThrows(IllegalStateException.class, () -> live.swap(Predictor.of(a)));
    }
  }

  private static void call(HotSwapPredictor live, float[] x, float[] wantA, float[] wantB, AtomicBoolean stop,
      AtomicLong fromA, AtomicLong fromB, ConcurrentLinkedQueue<Throwable> failures, boolean tensors) {
    float[] out = new float[wantA.length];
    try (Tensor tx = Tensor.of(x, 4, WIDTHS[0]); Tensor ty = Tensor.zeros(4, WIDTHS[2])) {
      while (!stop.get()) {
        if (tensors) {
          live.predict(tx, ty);
          out = ty.toArray();
        } else {
          live.predict(x, 4, out);
        }
        if (Arrays.equals(out, wantA)) {
          fromA.incrementAndGet();
        } else if (Arrays.equals(out, wantB)) {
          fromB.incrementAndGet();
        } else {
          failures.add(new AssertionError("an output from neither model: " + Arrays.toString(out)));
          return;
        }
      }
    } catch (Throwable t) {
      failures.add(t);
    }
  }

  @Test
  void aModelOfOtherShapesIsRefusedAndTheCurrentOneStays() {
    Backend backend = Backend.preferred();
    try (Sequential a = TestModels.mlp(backend, 1, WIDTHS, "relu", "linear");
        Sequential other = TestModels.mlp(backend, 1, new int[] {64, 96, 9}, "relu", "linear");
        HotSwapPredictor live = new HotSwapPredictor(Predictor.of(a));
        Predictor wrong = Predictor.of(other)) {
      Predictor before = live.current();
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> live.swap(wrong));
      assertEquals("HotSwapPredictor: the new model must keep the sample shapes [64] -> [8]; received [64] -> [9]",
          e.getMessage());
      assertEquals(before, live.current());
      assertFalse(before.isClosed());
      float[] x = new float[64];
      assertArrayEquals(before.predict(x, 1), live.predict(x, 1));
    }
  }

  @Test
  void aPredictorClosedByAnotherHolderFailsCallsAtOnceUntilASwap() {
    Backend backend = Backend.preferred();
    try (Sequential a = TestModels.mlp(backend, 1, WIDTHS, "relu", "linear");
        HotSwapPredictor live = new HotSwapPredictor(Predictor.of(a))) {
      float[] x = new float[64];
      float[] y = new float[8];
      Predictor shared = live.current();
      shared.close(); // e.g. by another holder of the same predictor
      // before the fix each call spun forever, uninterruptibly; the deadline turns that into a failure
      IllegalStateException e = assertTimeoutPreemptively(Duration.ofSeconds(10),
          () -> assertThrows(IllegalStateException.class, () -> live.predict(x, 1, y)));
      assertEquals("HotSwapPredictor: its current predictor was closed by another holder; swap in an open one;"
          + " received " + shared, e.getMessage());
      assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
        assertThrows(IllegalStateException.class, () -> live.predict(x, 1));
        try (Tensor in = Tensor.of(x, 1, 64); Tensor out = Tensor.zeros(1, 8)) {
          assertThrows(IllegalStateException.class, () -> live.predict(in, out));
        }
      });
      live.swap(Predictor.of(a));
      assertArrayEquals(once(a, new float[4 * 64]), live.predict(new float[4 * 64], 4));
      live.close();
      IllegalStateException after = assertTimeoutPreemptively(Duration.ofSeconds(10),
          () -> assertThrows(IllegalStateException.class, () -> live.predict(x, 1, y)));
      assertEquals("HotSwapPredictor is closed", after.getMessage());
    }
  }

  private static float[] once(Sequential model, float[] x) {
    try (Predictor p = Predictor.of(model)) {
      return p.predict(x, 4);
    }
  }
}
