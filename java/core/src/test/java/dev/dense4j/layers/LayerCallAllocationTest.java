// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.layers;

import static org.junit.jupiter.api.Assertions.assertNull;

import dev.dense4j.activations.Activation;
import dev.dense4j.backend.Backend;
import dev.dense4j.tensor.Tensor;
import dev.dense4j.testing.Allocations;
import dev.dense4j.testing.TestBackends;
import java.lang.ref.WeakReference;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A layer's call into the caller's output allocates nothing in steady state, on arrays and on
 * tensors: for a fused activation, for glu (which computes into a wider scratch row) and for a
 * custom activation (bias, then Java), on a Dense and on an activation layer. The views of the
 * caller's arrays that make this possible never keep an array alive.
 */
class LayerCallAllocationTest {

  private static final int WARMUP = 20_000;
  private static final int CALLS = 10_000;

  /** A user's activation: the unfused path. */
  private static final Activation HALVE = new Activation() {
    @Override
    public String name() {
      return "halve";
    }

    @Override
    public void apply(float[] values, int offset, int rows, int cols) {
      for (int i = offset; i < offset + rows * cols; i++) {
        values[i] *= 0.5f;
      }
    }
  };

  @ParameterizedTest(name = "batch {0}")
  @ValueSource(ints = {1, 7})
  void denseCallsIntoTheCallersOutputAllocateNothing(int batch) {
    TestBackends.assumeAvailable(Backend.NATIVE);
    Allocations.assumeMeasurable();
    SplittableRandom rng = new SplittableRandom(5);
    float[] x = new float[batch * 24];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) rng.nextDouble(-1, 1);
    }
    int[] shape = {batch, 24};
    for (Dense dense : new Dense[] {
        Dense.builder(16).activation("gelu").backend(Backend.NATIVE).build(),
        Dense.builder(16).activation("glu").backend(Backend.NATIVE).build(),
        Dense.builder(16).activation(HALVE).backend(Backend.NATIVE).build()}) {
      try (dense) {
        dense.build(-1, 24);
        int outW = dense.outputWidth();
        float[] y = new float[batch * outW];
        try (Tensor tx = Tensor.of(x, batch, 24); Tensor ty = Tensor.zeros(batch, outW)) {
          String what = "Dense " + dense.activation().name();
          Allocations.assertAllocatesNothing(what + " float[]", WARMUP, CALLS, () -> dense.call(x, shape, y));
          Allocations.assertAllocatesNothing(what + " Tensor", WARMUP, CALLS, () -> dense.call(tx, ty));
        }
      }
    }
  }

  @ParameterizedTest(name = "batch {0}")
  @ValueSource(ints = {1, 7})
  void activationLayerCallsIntoTheCallersOutputAllocateNothing(int batch) {
    TestBackends.assumeAvailable(Backend.NATIVE);
    Allocations.assumeMeasurable();
    float[] x = new float[batch * 24];
    for (int i = 0; i < x.length; i++) {
      x[i] = (i % 7) - 3;
    }
    int[] shape = {batch, 24};
    for (ActivationLayer layer : new ActivationLayer[] {new ActivationLayer("softmax"), new ActivationLayer("glu"),
        new ActivationLayer("user", HALVE)}) {
      int outW = layer.computeOutputShape(shape)[1];
      float[] y = new float[batch * outW];
      Allocations.assertAllocatesNothing("ActivationLayer " + layer.name() + " float[]", WARMUP, CALLS,
          () -> layer.call(x, shape, y));
    }
  }

  @Test
  void theLayerKeepsNoCallersArrayAlive() throws InterruptedException {
    TestBackends.assumeAvailable(Backend.NATIVE);
    try (Dense dense = Dense.builder(16).activation("relu").backend(Backend.NATIVE).build()) {
      dense.build(-1, 24);
      WeakReference<float[]> in = callOnce(dense);
      for (int i = 0; i < 50 && in.get() != null; i++) {
        System.gc();
        Thread.sleep(10);
      }
      assertNull(in.get(), "the layer's workspace kept the caller's input array alive");
      float[] y = new float[16];
      dense.call(new float[24], new int[] {1, 24}, y); // a collected view is made again
    }
  }

  private static WeakReference<float[]> callOnce(Dense dense) {
    float[] x = new float[24];
    dense.call(x, new int[] {1, 24}, new float[16]);
    return new WeakReference<>(x);
  }
}
