// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.models;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dense4j.backend.Backend;
import dev.dense4j.tensor.Tensor;
import dev.dense4j.testing.Allocations;
import dev.dense4j.testing.TestBackends;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Steady-state calls allocate nothing: the bytes this thread allocates over many calls, after a
 * warm-up that lets the JIT compile the path, measured with {@code ThreadMXBean}. An allocation
 * test, not a timing test.
 */
class PredictorAllocationTest {

  private static final int WARMUP = 20_000;
  private static final int CALLS = 10_000;

  @ParameterizedTest(name = "batch {0}")
  @ValueSource(ints = {1, 7, 40})
  void arrayAndTensorPathsAllocateNothing(int batch) {
    TestBackends.assumeAvailable(Backend.NATIVE);
    Allocations.assumeMeasurable();
    try (Sequential model = TestModels.mlp(Backend.NATIVE, 42, new int[] {24, 32, 16, 5}, "relu", "tanh", "softmax");
        Predictor p = Predictor.builder(model).sliceSize(16).build();
        HotSwapPredictor live = new HotSwapPredictor(Predictor.builder(model).sliceSize(16).build())) {
      float[] x = TestModels.random(new SplittableRandom(42), batch * 24, 1);
      float[] y = new float[batch * 5];
      try (Tensor tx = Tensor.of(x, batch, 24); Tensor ty = Tensor.zeros(batch, 5)) {
        assertAllocatesNothing("float[] path", () -> p.predict(x, batch, y));
        assertAllocatesNothing("Tensor path", () -> p.predict(tx, ty));
        assertAllocatesNothing("hot-swap float[] path", () -> live.predict(x, batch, y));
        assertAllocatesNothing("hot-swap Tensor path", () -> live.predict(tx, ty));
      }
      // the measurement sees allocation: the convenience form allocates its output array
      long before = Allocations.allocatedBytes();
      for (int i = 0; i < 100; i++) {
        p.predict(x, batch);
      }
      long allocated = Allocations.allocatedBytes() - before;
      assertTrue(allocated >= 100L * batch * 5 * Float.BYTES, "allocating calls measured " + allocated + " bytes");
    }
  }

  private static void assertAllocatesNothing(String what, Runnable call) {
    Allocations.assertAllocatesNothing(what, WARMUP, CALLS, call);
  }
}
