// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dense4j.activations.Activation;
import dev.dense4j.backend.Backend;
import dev.dense4j.layers.ActivationLayer;
import dev.dense4j.layers.Dense;
import dev.dense4j.layers.Dropout;
import dev.dense4j.layers.Flatten;
import dev.dense4j.layers.Layer;
import dev.dense4j.layers.ReLU;
import dev.dense4j.layers.Softmax;
import dev.dense4j.tensor.Tensor;
import dev.dense4j.testing.Float64Forward;
import dev.dense4j.testing.TestBackends;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Predictor results, snapshot isolation, shapes, close semantics and argument messages. */
class PredictorTest {

  private static final int[] WIDTHS = {13, 40, 7};

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.dense4j.testing.TestBackends#all")
  void matchesFloat64AcrossBatchesAndSlices(Backend backend) {
    TestBackends.assumeAvailable(backend);
    try (Sequential model = TestModels.mlp(backend, 42, WIDTHS, "relu", "tanh");
        Predictor p = Predictor.builder(model).sliceSize(16).build()) {
      SplittableRandom rng = new SplittableRandom(42);
      for (int batch : new int[] {0, 1, 2, 15, 16, 17, 100}) {
        float[] x = TestModels.random(rng, batch * 13, 2);
        float[] y = new float[batch * 7];
        p.predict(x, batch, y);
        double[] want = Float64Forward.runFloat32Between(model, x, batch);
        for (int i = 0; i < y.length; i++) {
          assertEquals(want[i], y[i], 2e-6 + 2e-6 * Math.abs(want[i]), "batch " + batch + " value " + i);
        }
        try (Tensor tx = Tensor.of(x, batch, 13); Tensor ty = p.predict(tx)) {
          assertArrayEquals(new int[] {batch, 7}, ty.shape());
          assertArrayEquals(y, ty.toArray(), "Tensor path, batch " + batch);
        }
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.dense4j.testing.TestBackends#all")
  void isASnapshotTheModelCanNoLongerChange(Backend backend) {
    TestBackends.assumeAvailable(backend);
    float[] x = TestModels.random(new SplittableRandom(42), 3 * 13, 1);
    Sequential model = TestModels.mlp(backend, 7, WIDTHS, "relu", "linear");
    double[] want = Float64Forward.runFloat32Between(model, x, 3);
    try (Predictor p = Predictor.of(model)) {
      Dense first = (Dense) model.layers().get(0);
      first.setWeights(List.of(new float[13 * 40], new float[40]));
      model.close();
      float[] y = p.predict(x, 3);
      for (int i = 0; i < y.length; i++) {
        assertEquals(want[i], y[i], 2e-6 + 2e-6 * Math.abs(want[i]), "value " + i);
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.dense4j.testing.TestBackends#all")
  void samplesOfHigherRankGluAndCustomActivationsMatchTheModel(Backend backend) {
    TestBackends.assumeAvailable(backend);
    Activation square = new Activation() {
      @Override
      public String name() {
        return "square";
      }

      @Override
      public void apply(float[] v, int off, int rows, int cols) {
        for (int i = off; i < off + rows * cols; i++) {
          v[i] *= v[i];
        }
      }
    };
    try (Sequential model = new Sequential()
        .add(Dense.builder(10).activation("glu").backend(backend).build())
        .add(Dense.builder(6).activation(square).backend(backend).build())
        .add(new Halve())
        .add(Dense.builder(4).activation("softmax").backend(backend).build())
        .build(-1, 3, 9);
        Predictor p = Predictor.of(model);
        Predictor sliced = Predictor.builder(model).sliceSize(5).build()) {
      assertArrayEquals(new int[] {3, 9}, p.inputShape());
      assertArrayEquals(new int[] {3, 4}, p.outputShape());
      float[] x = TestModels.random(new SplittableRandom(42), 11 * 27, 1);
      float[] want = model.predict(x, 11, 3, 9);
      // the predictor runs packed fp32 kernels, the model's predict the BLAS: equal up to rounding
      assertArrayEquals(want, p.predict(x, 11), 1e-6f, "same values up to the order of the sums");
      // slices of 5 samples are GEMMs of another height: the same values up to rounding
      assertArrayEquals(want, sliced.predict(x, 11), 1e-6f);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.dense4j.testing.TestBackends#all")
  void kerasActivationDropoutAndFlattenLayersMatchTheModel(Backend backend) {
    TestBackends.assumeAvailable(backend);
    try (Sequential model = new Sequential()
        .add(Dense.builder(8).backend(backend).build())
        .add(new ReLU(null, 6f, 0.1f, 0f))
        .add(new Dropout(0.5f))
        .add(new Flatten())
        .add(Dense.builder(6).backend(backend).build())
        .add(new ActivationLayer("glu"))
        .add(new Softmax())
        .build(-1, 4, 5);
        Predictor p = Predictor.of(model);
        Predictor sliced = Predictor.builder(model).sliceSize(3).build()) {
      assertArrayEquals(new int[] {4, 5}, p.inputShape());
      assertArrayEquals(new int[] {3}, p.outputShape());
      float[] x = TestModels.random(new SplittableRandom(42), 10 * 20, 3);
      float[] want = model.predict(x, 10, 4, 5);
      assertArrayEquals(want, p.predict(x, 10), "same kernels, same shapes: the same bits");
      assertArrayEquals(want, sliced.predict(x, 10), 1e-6f);
    }
    try (Sequential identity = new Sequential().add(new Flatten()).add(new Dropout(0.1f)).build(-1, 2, 3);
        Predictor p = Predictor.of(identity)) {
      float[] x = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};
      assertArrayEquals(x, p.predict(x, 2));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.dense4j.testing.TestBackends#all")
  void closeWaitsForTheCallInFlightAndLaterCallsThrow(Backend backend) throws Exception {
    TestBackends.assumeAvailable(backend);
    CountDownLatch inside = new CountDownLatch(1);
    CountDownLatch proceed = new CountDownLatch(1);
    Activation blocking = new Activation() {
      @Override
      public String name() {
        return "blocking";
      }

      @Override
      public void apply(float[] v, int off, int rows, int cols) {
        inside.countDown();
        try {
          proceed.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    };
    try (Sequential model = new Sequential("blocking_model")
        .add(Dense.builder(3).activation(blocking).backend(backend).build()).build(-1, 2)) {
      ((Dense) model.layers().get(0)).setWeights(List.of(new float[] {1, 2, 3, 4, 5, 6}, new float[] {1, 1, 1}));
      Predictor p = Predictor.of(model);
      AtomicReference<Object> result = new AtomicReference<>();
      Thread caller = Thread.ofPlatform().start(() -> {
        try {
          result.set(p.predict(new float[] {1, 1}, 1));
        } catch (Throwable t) {
          result.set(t);
        }
      });
      assertTrue(inside.await(10, TimeUnit.SECONDS));
      p.close();
      assertTrue(p.isClosed());
      assertFalse(p.isReleased(), "memory must stay while a call is in flight");
      IllegalStateException e = assertThrows(IllegalStateException.class, () -> p.predict(new float[2], 1));
      assertEquals("Predictor 'blocking_model' is closed", e.getMessage());
      proceed.countDown();
      caller.join(10_000);
      assertArrayEquals(new float[] {1 + 1 + 4, 1 + 2 + 5, 1 + 3 + 6}, (float[]) result.get());
      assertTrue(p.isReleased());
      p.close(); // idempotent
      assertThrows(IllegalStateException.class, () -> p.predict(Tensor.zeros(1, 2), Tensor.zeros(1, 3)));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.dense4j.testing.TestBackends#all")
  void oneScratchServesSequentialCalls(Backend backend) {
    TestBackends.assumeAvailable(backend);
    try (Sequential model = TestModels.mlp(backend, 1, WIDTHS, "relu", "tanh"); Predictor p = Predictor.of(model)) {
      for (int batch = 0; batch < 40; batch++) {
        p.predict(new float[batch * 13], batch);
      }
      assertEquals(1, p.scratchCount());
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.dense4j.testing.TestBackends#all")
  void argumentsAreCheckedWithMessages(Backend backend) {
    TestBackends.assumeAvailable(backend);
    try (Sequential model = TestModels.mlp(backend, 1, WIDTHS, "relu", "tanh"); Predictor p = Predictor.of(model)) {
      String name = model.name();
      assertMessage("Predictor '" + name + "': batch must be >= 0; received batch=-1",
          () -> p.predict(new float[13], -1, new float[7]));
      assertMessage("Predictor '" + name + "': expected input.length >= batch × 13 = 26; received input.length=25, batch=2",
          () -> p.predict(new float[25], 2, new float[14]));
      assertMessage("Predictor '" + name + "': expected output.length >= batch × 7 = 14; received output.length=13, batch=2",
          () -> p.predict(new float[26], 2, new float[13]));
      assertMessage("Predictor '" + name + "': expected input shape (batch, 13); received shape [2, 12]",
          () -> p.predict(Tensor.zeros(2, 12), Tensor.zeros(2, 7)));
      assertMessage("Predictor '" + name + "': expected output shape (2, 7); received shape [3, 7]",
          () -> p.predict(Tensor.zeros(2, 13), Tensor.zeros(3, 7)));
      assertMessage("Predictor: sliceSize must be >= 1; received sliceSize=0", () -> Predictor.builder(model).sliceSize(0));
      assertMessage("Predictor: blasThreads must be >= 1; received blasThreads=0",
          () -> Predictor.builder(model).blasThreads(0));
    }
    try (Sequential open = new Sequential("open").add(Dense.builder(2).backend(backend).build()).build(-1, -1, 3)) {
      assertMessage("Predictor: the model's input shape must be known but for the batch; received input shape [-1, -1, 3]"
          + " of Sequential 'open'", () -> Predictor.of(open));
    }
    try (Sequential unbuilt = new Sequential("unbuilt").add(Dense.builder(2).build())) {
      IllegalStateException e = assertThrows(IllegalStateException.class, () -> Predictor.of(unbuilt));
      assertEquals("Sequential 'unbuilt' is not built; call build(inputShape) first", e.getMessage());
    }
  }

  private static void assertMessage(String message, Runnable call) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call::run);
    assertEquals(message, e.getMessage());
  }

  /** A weightless layer the predictor has no frozen form for: y = x / 2. */
  private static final class Halve implements Layer {
    @Override
    public String name() {
      return "halve";
    }

    @Override
    public Layer build(int... inputShape) {
      return this;
    }

    @Override
    public boolean isBuilt() {
      return true;
    }

    @Override
    public int[] computeOutputShape(int... inputShape) {
      return inputShape.clone();
    }

    @Override
    public Tensor call(Tensor input) {
      float[] v = input.toArray();
      float[] out = new float[v.length];
      call(v, input.shape(), out);
      return Tensor.of(out, input.shape());
    }

    @Override
    public void call(float[] input, int[] shape, float[] output) {
      assertEquals(Tensor.elementCount(shape), input.length, Arrays.toString(shape));
      for (int i = 0; i < input.length; i++) {
        output[i] = input[i] / 2;
      }
    }

    @Override
    public void close() {}
  }
}
