// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.losses;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dense4j.backend.Backend;
import dev.dense4j.initializers.GlorotUniform;
import dev.dense4j.layers.Dense;
import dev.dense4j.models.Sequential;
import dev.dense4j.optimizers.SGD;
import dev.dense4j.tensor.Tensor;
import dev.dense4j.testing.TestBackends;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** A user loss written on the public row API: same numbers as the built-in it mirrors, registry round trip. */
class CustomLossTest {

  /** {@code factor · mean((p − t)²)} over the last axis, on the public float[] row API. */
  static final class ScaledSquaredError extends Loss {
    final double factor;

    ScaledSquaredError(double factor) {
      super("scaled_squared_error", Reduction.SUM_OVER_BATCH_SIZE);
      this.factor = factor;
    }

    @Override
    public String className() {
      return "ScaledSquaredError";
    }

    @Override
    protected void addConfig(Map<String, Object> config) {
      config.put("factor", factor);
    }

    @Override
    protected double rowLoss(float[] yTrue, int tOff, float[] yPred, int pOff, int cols, float[] grad, int gOff,
        double scale) {
      double sum = 0;
      for (int j = 0; j < cols; j++) {
        double d = (double) yPred[pOff + j] - yTrue[tOff + j];
        sum += factor * d * d;
        if (grad != null) {
          grad[gOff + j] = (float) (scale * factor * 2 * d / cols);
        }
      }
      return sum / cols;
    }
  }

  /** Mean squared error computed by calling the built-in on each row: a loss pass nested in another. */
  static final class NestedSquaredError extends Loss {
    NestedSquaredError() {
      super("nested", Reduction.SUM_OVER_BATCH_SIZE);
    }

    @Override
    public String className() {
      return "NestedSquaredError";
    }

    @Override
    protected double rowLoss(float[] yTrue, int tOff, float[] yPred, int pOff, int cols, float[] grad, int gOff,
        double scale) {
      float[] t = java.util.Arrays.copyOfRange(yTrue, tOff, tOff + cols);
      float[] p = java.util.Arrays.copyOfRange(yPred, pOff, pOff + cols);
      try (Tensor tt = Tensor.of(t, 1, cols); Tensor tp = Tensor.of(p, 1, cols)) {
        return new MeanSquaredError().call(tt, tp);
      }
    }
  }

  @ParameterizedTest(name = "{0} rows")
  @ValueSource(ints = {1, 7, 257, 7001}) // 7001 rows × 3 columns span two scratch chunks
  void rowApiMatchesTheBuiltIn(int rows) {
    SplittableRandom rng = new SplittableRandom(42);
    int cols = 3;
    float[] t = new float[rows * cols];
    float[] p = new float[rows * cols];
    float[] sw = new float[rows];
    for (int i = 0; i < t.length; i++) {
      t[i] = (float) rng.nextDouble(-1, 1);
      p[i] = (float) rng.nextDouble(-1, 1);
    }
    for (int i = 0; i < rows; i++) {
      sw[i] = (float) rng.nextDouble(0, 2);
    }
    try (Tensor yt = Tensor.of(t, rows, cols); Tensor yp = Tensor.of(p, rows, cols);
        Tensor g1 = Tensor.zeros(rows, cols); Tensor g2 = Tensor.zeros(rows, cols)) {
      double custom = new ScaledSquaredError(1).valueAndGradient(yt, yp, sw, g1);
      double builtin = new MeanSquaredError().valueAndGradient(yt, yp, sw, g2);
      assertEquals(builtin, custom, 1e-12 * Math.max(1, Math.abs(builtin)));
      assertArrayEquals(g2.toArray(), g1.toArray(), 1e-7f);
      assertArrayEquals(new MeanSquaredError().perSample(yt, yp, sw),
          new ScaledSquaredError(1).perSample(yt, yp, sw), 1e-6f);
      double twice = new ScaledSquaredError(2).call(yt, yp, sw);
      assertEquals(2 * builtin, twice, 1e-12 * Math.max(1, Math.abs(twice)));
      assertEquals(builtin, new NestedSquaredError().call(yt, yp, sw), 1e-6 * Math.max(1, Math.abs(builtin)));
    }
  }

  /** A model trained with the user loss ends where the same model trained with the built-in ends, on each backend. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.dense4j.testing.TestBackends#all")
  void trainsLikeTheBuiltIn(Backend backend) {
    TestBackends.assumeAvailable(backend);
    SplittableRandom rng = new SplittableRandom(7);
    float[] x = new float[16 * 5];
    float[] y = new float[16 * 3];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) rng.nextDouble(-1, 1);
    }
    for (int i = 0; i < y.length; i++) {
      y[i] = (float) rng.nextDouble(-1, 1);
    }
    try (Tensor tx = Tensor.of(x, 16, 5); Tensor ty = Tensor.of(y, 16, 3)) {
      List<float[]> custom = train(backend, new ScaledSquaredError(1), tx, ty);
      List<float[]> builtin = train(backend, new MeanSquaredError(), tx, ty);
      for (int i = 0; i < builtin.size(); i++) {
        assertArrayEquals(builtin.get(i), custom.get(i), 1e-6f, "weight " + i);
      }
    }
  }

  private static List<float[]> train(Backend backend, Loss loss, Tensor x, Tensor y) {
    try (Sequential m = new Sequential()) {
      m.add(Dense.builder(4).activation("tanh").kernelInitializer(new GlorotUniform(1L)).backend(backend).build());
      m.add(Dense.builder(3).kernelInitializer(new GlorotUniform(2L)).backend(backend).build());
      m.compile(SGD.builder().learningRate(0.1).build(), loss);
      for (int step = 0; step < 5; step++) {
        m.trainOnBatch(x, y);
      }
      return m.getWeights();
    }
  }

  @Test
  void registeredLossRoundTrips() {
    Losses.register("CustomLossTest>ScaledSquaredError",
        c -> new ScaledSquaredError(c.get("factor") instanceof Number n ? n.doubleValue() : 1));
    Loss l = new ScaledSquaredError(0.5);
    Map<String, Object> envelope = Losses.serialize(l);
    assertEquals("CustomLossTest>ScaledSquaredError", envelope.get("registered_name"));
    assertNull(envelope.get("module"));
    Loss back = Losses.fromConfig(envelope);
    assertInstanceOf(ScaledSquaredError.class, back);
    assertEquals(l.getConfig(), back.getConfig());
    assertEquals(l.getConfig(), Losses.fromConfig("ScaledSquaredError", l.getConfig()).getConfig());
    assertEquals(1.0, ((ScaledSquaredError) Losses.get("ScaledSquaredError")).factor);
    assertTrue(Losses.names().contains("CustomLossTest>ScaledSquaredError"));
    // built-ins serialize with their Keras module and come back equal
    Map<String, Object> mse = Losses.serialize(new MeanSquaredError());
    assertEquals("keras.losses", mse.get("module"));
    assertEquals(new MeanSquaredError().getConfig(), Losses.fromConfig(mse).getConfig());
  }

  @Test
  void registeringABuiltInNameIsRefused() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Losses.register("mse", c -> new ScaledSquaredError(1)));
    assertEquals("Losses.register: name must be non-blank and not a built-in; received registeredName=mse",
        e.getMessage());
    Map<String, Object> unknown = new LinkedHashMap<>();
    unknown.put("class_name", "Hinge");
    unknown.put("config", Map.of());
    unknown.put("registered_name", "Other>Hinge");
    assertEquals("Unknown loss 'Other>Hinge' (class_name Hinge); register it with Losses.register",
        assertThrows(IllegalArgumentException.class, () -> Losses.fromConfig(unknown)).getMessage());
  }
}
