// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dense4j.backend.Backend;
import dev.dense4j.constraints.MaxNorm;
import dev.dense4j.constraints.NonNeg;
import dev.dense4j.regularizers.L1;
import dev.dense4j.regularizers.L2;
import dev.dense4j.tensor.Tensor;
import dev.dense4j.testing.TestBackends;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Dense's losses (spec §4.5), their gradients, and applyConstraints (§5.3), on both backends. */
class DenseRegularizationTest {

  private static float[] filled(int n, float v) {
    float[] a = new float[n];
    Arrays.fill(a, v);
    return a;
  }

  private static Dense.Builder workedExample(Backend backend) {
    return Dense.builder(5).kernelInitializer("ones").kernelRegularizer(new L1(0.01))
        .activityRegularizer(new L2(0.01)).backend(backend);
  }

  /**
   * Keras' documented example: Dense(5), all-ones kernel, kernel L1(0.01), activity L2(0.01),
   * input 2·ones(5, 5): every output is 10; kernel term 0.25; activity 0.01·2500 = 25, divided by
   * the batch of 5 → 5.0; Σ losses = 5.25.
   */
  @ParameterizedTest
  @MethodSource("dev.dense4j.testing.TestBackends#all")
  void kerasWorkedExample(Backend backend) {
    TestBackends.assumeAvailable(backend);
    try (Dense d = workedExample(backend).build()) {
      d.build(5);
      assertLosses(List.of(0.25), d.losses(), "before any call: the kernel penalty only");
      float[] y = d.call(filled(25, 2f), 5, 5);
      assertArrayEquals(filled(25, 10f), y);
      assertLosses(List.of(5.0, 0.25), d.losses(), "activity first, then the weights (Keras' order)");
    }
  }

  @ParameterizedTest
  @MethodSource("dev.dense4j.testing.TestBackends#all")
  void keras313ActivityLossIsUndivided(Backend backend) {
    TestBackends.assumeAvailable(backend);
    try (Dense d = workedExample(backend).activityLossPerSample(false).build()) {
      d.build(5);
      d.call(filled(25, 2f), 5, 5);
      assertLosses(List.of(25.0, 0.25), d.losses(), "Keras 3.0-3.13");
    }
  }

  // the factors are float32, as in Keras: 0.01f·2500 = 24.9999994
  private static void assertLosses(List<Double> expected, List<Double> actual, String what) {
    assertEquals(expected.size(), actual.size(), what + ": " + actual);
    for (int i = 0; i < expected.size(); i++) {
      assertEquals(expected.get(i), actual.get(i), 1e-6 * expected.get(i), what + ": " + actual);
    }
  }

  /** The activity penalty is that of the latest call, on every call path; batch 0 gives 0. */
  @ParameterizedTest
  @MethodSource("dev.dense4j.testing.TestBackends#all")
  void activityPenaltyFollowsTheLatestCall(Backend backend) {
    TestBackends.assumeAvailable(backend);
    try (Dense d = workedExample(backend).build()) {
      d.build(5);
      d.call(filled(10, 1f), new int[] {2, 5}, new float[10]); // outputs 5: 0.01·10·25 / 2
      assertEquals(1.25, d.losses().get(0), 1e-6);
      try (Tensor x = Tensor.of(filled(15, 1f), 1, 3, 5); Tensor y = d.call(x)) {
        assertArrayEquals(filled(15, 5f), y.toArray());
        assertEquals(0.01 * 15 * 25, d.losses().get(0), 1e-5, "rank 3: divided by shape[0] = 1");
      }
      d.call(new float[0], 0, 5);
      assertEquals(0.0, d.losses().get(0), "empty batch: divide-no-NaN gives 0");
    }
  }

  @ParameterizedTest
  @MethodSource("dev.dense4j.testing.TestBackends#all")
  void frozenLayersAndAbsentRegularizersAddNothing(Backend backend) {
    TestBackends.assumeAvailable(backend);
    try (Dense frozen = workedExample(backend).biasRegularizer(new L2(1.0)).trainable(false).build();
        Dense plain = Dense.builder(3).backend(backend).build()) {
      frozen.build(5);
      frozen.setWeights(List.of(filled(25, 1f), filled(5, 2f)));
      assertEquals(List.of(), frozen.losses());
      frozen.call(filled(5, 2f), 1, 5);
      assertEquals(1, frozen.losses().size(), "only the activity penalty");
      assertEquals(List.of(), plain.losses());
      plain.build(4);
      plain.call(filled(4, 1f), 1, 4);
      assertEquals(List.of(), plain.losses());
    }
  }

  @ParameterizedTest
  @MethodSource("dev.dense4j.testing.TestBackends#all")
  void biasPenaltyComesAfterTheKernels(Backend backend) {
    TestBackends.assumeAvailable(backend);
    try (Dense d = Dense.builder(2).kernelRegularizer(new L2(0.5)).biasRegularizer(new L1(0.25)).backend(backend)
        .build()) {
      d.build(2);
      d.setWeights(List.of(new float[] {1, 2, 3, 4}, new float[] {-1, 3}));
      assertEquals(List.of(0.5 * 30, 0.25 * 4), d.losses());
    }
  }

  @ParameterizedTest
  @MethodSource("dev.dense4j.testing.TestBackends#all")
  void regularizationGradients(Backend backend) {
    TestBackends.assumeAvailable(backend);
    try (Dense d = Dense.builder(2).kernelRegularizer(new L2(0.5)).biasRegularizer(new L1(0.25))
        .activityRegularizer(new L2(0.1)).backend(backend).build();
        Tensor kg = Tensor.of(new float[] {1, 1, 1, 1}, 2, 2); Tensor bg = Tensor.zeros(2);
        Tensor y = Tensor.of(new float[] {1, -2, 3, 4}, 2, 2); Tensor yg = Tensor.zeros(2, 2)) {
      d.build(2);
      d.setWeights(List.of(new float[] {1, 2, 3, -4}, new float[] {-1, 0}));
      d.addRegularizationGradients(kg, bg);
      assertArrayEquals(new float[] {2, 3, 4, -3}, kg.toArray(), "1 + 2·0.5·w");
      assertArrayEquals(new float[] {-0.25f, 0}, bg.toArray(), "0.25·sign(b)");
      d.addActivityRegularizationGradient(y, yg);
      assertArrayEquals(new float[] {0.1f, -0.2f, 0.3f, 0.4f}, yg.toArray(), 1e-7f, "2·0.1·y / batch 2");
      try (Tensor bad = Tensor.zeros(4)) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> d.addActivityRegularizationGradient(y, bad));
        assertTrue(e.getMessage().contains("outputGrad") && e.getMessage().contains("[4]"), e.getMessage());
      }
    }
  }

  /** Constraints run only when applyConstraints() is called: never at build or setWeights. */
  @ParameterizedTest
  @MethodSource("dev.dense4j.testing.TestBackends#all")
  void constraintsOnlyOnRequest(Backend backend) {
    TestBackends.assumeAvailable(backend);
    try (Dense d = Dense.builder(2).kernelInitializer("ones").biasInitializer("constant")
        .kernelConstraint(new MaxNorm(1.0, 0)).biasConstraint(new NonNeg()).backend(backend).build()) {
      d.build(4); // columns of ones have norm 2 > 1, and stay so
      assertArrayEquals(filled(8, 1f), d.getWeights().get(0));
      float[] kernel = {3, 0, 4, 0.5f, 0, 0, 0, 0};
      d.setWeights(List.of(kernel, new float[] {-1, 2}));
      assertArrayEquals(kernel, d.getWeights().get(0));
      d.applyConstraints();
      float[] k = d.getWeights().get(0);
      double scale = 1.0 / (1e-7f + 5.0); // column 0: norm 5 → 1; column 1: norm 0.5 stays (·0.5/(0.5+ε))
      assertEquals(3 * scale, k[0], 1e-6);
      assertEquals(4 * scale, k[2], 1e-6);
      assertEquals(0.5 * 0.5 / (0.5 + 1e-7f), k[3], 1e-7);
      assertArrayEquals(new float[] {-0f, 2}, d.getWeights().get(1));
    }
    try (Dense unbuilt = Dense.builder(2).build()) {
      IllegalStateException e = assertThrows(IllegalStateException.class, unbuilt::applyConstraints);
      assertTrue(e.getMessage().contains("not built"), e.getMessage());
    }
  }

  @Test
  void closedLayerLossesThrow() {
    Dense d = Dense.builder(2).kernelRegularizer("l2").build();
    d.build(2);
    d.close();
    assertThrows(IllegalStateException.class, d::losses);
    assertThrows(IllegalStateException.class, d::applyConstraints);
  }
}
