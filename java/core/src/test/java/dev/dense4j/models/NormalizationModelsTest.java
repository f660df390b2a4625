// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.dense4j.backend.Backend;
import dev.dense4j.layers.BatchNormalization;
import dev.dense4j.layers.Dense;
import dev.dense4j.layers.Dropout;
import dev.dense4j.layers.LayerNormalization;
import dev.dense4j.layers.Normalization;
import dev.dense4j.layers.Rescaling;
import dev.dense4j.optimizers.Adam;
import dev.dense4j.losses.BinaryCrossentropy;
import dev.dense4j.tensor.Tensor;
import dev.dense4j.testing.Float64Forward;
import dev.dense4j.testing.TestBackends;
import dev.dense4j.testing.Tolerance;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Models with the normalization layers, on every backend: predictions (the live plan of
 * {@code Sequential.predict} and the folded snapshot of a {@link Predictor}) against the float64
 * forward pass of Keras' formulas; a Predictor with folded BatchNormalization allocates nothing;
 * {@code fit} trains such a model reproducibly and {@code evaluate} leaves the moving statistics alone.
 */
class NormalizationModelsTest {

  private static final Tolerance PREDICT = new Tolerance(3e-5, 3e-5);

  /** Normalization → Dense(relu) → BN → Dropout → Dense → BN(center=false) → LayerNorm → Rescaling → Dense(sigmoid). */
  static Sequential model(Backend backend, long seed, int inputs, float[] adaptData) {
    return model(backend, seed, inputs, adaptData, true);
  }

  // fit needs every layer to train: without Dropout until Dropout has a training session
  static Sequential model(Backend backend, long seed, int inputs, float[] adaptData, boolean dropout) {
    SplittableRandom rng = new SplittableRandom(seed);
    Normalization norm = new Normalization();
    Sequential m = new Sequential(null, backend)
        .add(norm)
        .add(Dense.builder(13).activation("relu").backend(backend).build())
        .add(new BatchNormalization());
    if (dropout) {
      m.add(new Dropout(0.25f));
    }
    m.add(Dense.builder(7).backend(backend).build())
        .add(BatchNormalization.builder().center(false).momentum(0.9).build())
        .add(new LayerNormalization())
        .add(new Rescaling(2f, -0.5f))
        .add(Dense.builder(1).activation("sigmoid").backend(backend).build());
    m.build(-1, inputs);
    norm.adapt(adaptData, adaptData.length / inputs, inputs);
    for (var v : m.variables()) {
      String n = v.name();
      if (n.equals("kernel") || n.equals("bias") || n.equals("beta") || n.equals("moving_mean")) {
        v.value().copyFrom(TestModels.random(rng, (int) v.value().size(), n.equals("kernel") ? 0.6 : 0.3));
      } else if (n.equals("gamma") || n.equals("moving_variance")) {
        float[] a = TestModels.random(rng, (int) v.value().size(), 0.5);
        for (int i = 0; i < a.length; i++) {
          a[i] += 1.2f;
        }
        v.value().copyFrom(a);
      }
    }
    return m;
  }

  static float[] data(long seed, int rows, int inputs) {
    SplittableRandom rng = new SplittableRandom(seed);
    float[] x = new float[rows * inputs];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) (rng.nextGaussian() * (1 + i % inputs) + 3);
    }
    return x;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.dense4j.testing.TestBackends#all")
  void predictionsMatchKerasFormulasInFloat64(Backend backend) {
    TestBackends.assumeAvailable(backend);
    int inputs = 6;
    float[] adapt = data(1, 200, inputs);
    float[] x = data(2, 37, inputs);
    try (Sequential m = model(backend, 3, inputs, adapt); Predictor p = Predictor.of(m)) {
      double[] ref = Float64Forward.runFloat32Between(m, x, 37);
      float[] live = m.predict(x, 37, inputs);
      float[] folded = p.predict(x, 37);
      for (int i = 0; i < ref.length; i++) {
        PREDICT.check("Sequential.predict[" + i + "]", live[i], ref[i]);
        PREDICT.check("Predictor.predict[" + i + "]", folded[i], ref[i]);
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.dense4j.testing.TestBackends#all")
  void fitTrainsReproduciblyAndEvaluateLeavesMovingStatistics(Backend backend) {
    TestBackends.assumeAvailable(backend);
    int inputs = 6;
    int rows = 256;
    float[] x = data(4, rows, inputs);
    float[] y = new float[rows];
    for (int r = 0; r < rows; r++) {
      y[r] = x[r * inputs] - 3 + 0.3f * (x[r * inputs + 1] - 3) > 0.4f ? 1 : 0;
    }
    float[][] weights = new float[2][];
    double[] losses = new double[2];
    for (int run = 0; run < 2; run++) {
      try (Sequential m = model(backend, 5, inputs, x, false); Tensor xt = Tensor.of(x, rows, inputs); Tensor yt = Tensor.of(y, rows, 1)) {
        m.compile(new Adam(0.01), new BinaryCrossentropy());
        double before = m.evaluate(xt, yt).get("loss");
        BatchNormalization bn = (BatchNormalization) m.layers().get(2);
        float[] movingBefore = bn.movingMean().toArray();
        History h = m.fit(xt, yt, new FitOptions().epochs(6).batchSize(32).seed(9).verbosity(Verbosity.SILENT));
        float[] movingAfter = bn.movingMean().toArray();
        assertTrue(!java.util.Arrays.equals(movingBefore, movingAfter), "fit updates the moving mean");
        double after = m.evaluate(xt, yt).get("loss");
        assertArrayEquals(movingAfter, bn.movingMean().toArray(), 0f, "evaluate runs in inference mode");
        assertTrue(after < before * 0.8, "loss " + before + " -> " + after + " (history " + h.get("loss") + ")");
        losses[run] = after;
        weights[run] = flatten(m.getWeights());
      }
    }
    assertEquals(losses[0], losses[1], 0.0);
    assertArrayEquals(weights[0], weights[1], 0f);
  }

  // the native backend, as PredictorAllocationTest: the reference backend's GEMM is not allocation-free
  @org.junit.jupiter.api.Test
  void predictorWithFoldedLayersAllocatesNothing() {
    Backend backend = Backend.NATIVE;
    TestBackends.assumeAvailable(backend);
    var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    assumeTrue(threads.isThreadAllocatedMemorySupported(), "no per-thread allocation counter in this JVM");
    threads.setThreadAllocatedMemoryEnabled(true);
    int inputs = 6;
    try (Sequential m = model(backend, 3, inputs, data(1, 50, inputs)); Predictor p = Predictor.of(m)) {
      float[] x = data(2, 7, inputs);
      float[] y = new float[7];
      for (int i = 0; i < 20_000; i++) {
        p.predict(x, 7, y);
      }
      long before = threads.getCurrentThreadAllocatedBytes();
      for (int i = 0; i < 10_000; i++) {
        p.predict(x, 7, y);
      }
      long allocated = threads.getCurrentThreadAllocatedBytes() - before;
      assertTrue(allocated <= 2_048, allocated + " bytes over 10000 calls");
    }
  }

  private static float[] flatten(List<float[]> w) {
    int n = w.stream().mapToInt(a -> a.length).sum();
    float[] out = new float[n];
    int o = 0;
    for (float[] a : w) {
      System.arraycopy(a, 0, out, o, a.length);
      o += a.length;
    }
    return out;
  }
}
