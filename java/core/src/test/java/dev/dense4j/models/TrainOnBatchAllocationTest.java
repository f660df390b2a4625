// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.models;


import dev.dense4j.backend.Backend;
import dev.dense4j.layers.Dense;
import dev.dense4j.losses.SparseCategoricalCrossentropy;
import dev.dense4j.optimizers.Adam;
import dev.dense4j.tensor.Tensor;
import dev.dense4j.testing.Allocations;
import dev.dense4j.testing.TestBackends;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * A whole training step, {@code trainOnBatch} on the native backend, allocates nothing on the Java
 * heap once its buffers exist: forward (one fused epilogue per layer), loss, backward, penalties
 * and the optimizer update. The reference backend is the float64 oracle and allocates its scratch
 * per call, so it is not held to this.
 */
class TrainOnBatchAllocationTest {

  private static final int WARMUP = 3_000;
  private static final int STEPS = 2_000;

  @Test
  void aTrainingStepAllocatesNothing() {
    Backend backend = Backend.NATIVE;
    TestBackends.assumeAvailable(backend);
    Allocations.assumeMeasurable();
    SplittableRandom r = new SplittableRandom(3);
    float[] xs = new float[16 * 12];
    float[] ys = new float[16];
    for (int i = 0; i < xs.length; i++) {
      xs[i] = (float) r.nextDouble(-1, 1);
    }
    for (int i = 0; i < ys.length; i++) {
      ys[i] = r.nextInt(5);
    }
    try (Sequential m = new Sequential("step", backend); Tensor x = Tensor.of(xs, 16, 12); Tensor y = Tensor.of(ys, 16)) {
      m.add(Dense.builder(32).name("h").activation("gelu").kernelRegularizer("l2").backend(backend).build());
      m.add(Dense.builder(5).name("out").activation("softmax").backend(backend).build());
      m.compile(Adam.builder().learningRate(1e-3).build(), new SparseCategoricalCrossentropy());
      Allocations.assertAllocatesNothing(backend + " trainOnBatch", WARMUP, STEPS, () -> m.trainOnBatch(x, y));
    }
  }
}
