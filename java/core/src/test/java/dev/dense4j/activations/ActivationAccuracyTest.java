// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.activations;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.dense4j.backend.Backend;
import dev.dense4j.internal.Backends;
import dev.dense4j.internal.Kernels;
import dev.dense4j.testing.TestBackends;
import dev.dense4j.testing.Tolerance;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every element-wise activation on every backend against the float64 oracle. */
class ActivationAccuracyTest {

  /** Default tolerance: a few float32 ulps relative, plus a tiny absolute floor near zero. */
  static final Tolerance DEFAULT = new Tolerance(2e-6, 1e-7);
  /** gelu's erf and mish's nested transcendental functions carry a little more error near zero. */
  static final Tolerance LOOSER = new Tolerance(4e-6, 4e-7);

  static final String[] ELEMENTWISE = {"linear", "relu", "leaky_relu", "relu6", "elu", "selu", "celu",
      "sigmoid", "hard_sigmoid", "sparse_sigmoid", "log_sigmoid", "tanh", "hard_tanh", "tanh_shrink",
      "softplus", "softsign", "squareplus", "sparse_plus", "silu", "hard_silu", "gelu", "mish",
      "exponential", "soft_shrink", "hard_shrink"};

  /** Values around 0, ±1e-7, ±1, the kinks of the piecewise functions, large ± and a dense sweep. */
  static float[] inputs() {
    List<Float> v = new ArrayList<>(List.of(0f, -0f, 1e-7f, -1e-7f, 1e-30f, -1e-30f, 1e-3f, -1e-3f,
        0.5f, -0.5f, 1f, -1f, 2f, -2f, 3f, -3f, 6f, -6f, 10f, -10f, 20f, -20f, 40f, -40f, 80f, -80f,
        88f, -88f, 100f, -100f, 1e4f, -1e4f, Float.MAX_VALUE, -Float.MAX_VALUE));
    for (double x = -12; x <= 12; x += 0.0371) {
      v.add((float) x);
    }
    SplittableRandom rng = new SplittableRandom(42);
    for (int i = 0; i < 200; i++) {
      v.add((float) rng.nextDouble(-30, 30));
    }
    float[] out = new float[v.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = v.get(i);
    }
    return out;
  }

  static Stream<Arguments> cases() {
    List<Arguments> all = new ArrayList<>();
    TestBackends.all().forEach(b -> {
      for (String name : ELEMENTWISE) {
        all.add(Arguments.of(b, name));
      }
    });
    return all.stream();
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("cases")
  void matchesFloat64(Backend backend, String name) {
    TestBackends.assumeAvailable(backend);
    Tolerance tol = name.equals("gelu") || name.equals("mish") ? LOOSER : DEFAULT;
    check(backend, Activations.get(name), x -> ActivationOracle.elementwise(name, x), tol);
  }

  static Stream<Arguments> parameterised() {
    List<Arguments> all = new ArrayList<>();
    TestBackends.all().forEach(b -> {
      all.add(Arguments.of(b, Named.of("relu(0.5, none, 0)", Activations.relu(0.5f, Float.POSITIVE_INFINITY, 0f)),
          (DoubleUnaryOperator) x -> ActivationOracle.relu(x, 0.5, Double.POSITIVE_INFINITY, 0)));
      all.add(Arguments.of(b, Named.of("relu(0, 5, 0)", Activations.relu(0f, 5f, 0f)),
          (DoubleUnaryOperator) x -> ActivationOracle.relu(x, 0, 5, 0)));
      all.add(Arguments.of(b, Named.of("relu(0, none, 5)", Activations.relu(0f, Float.POSITIVE_INFINITY, 5f)),
          (DoubleUnaryOperator) x -> ActivationOracle.relu(x, 0, Double.POSITIVE_INFINITY, 5)));
      all.add(Arguments.of(b, Named.of("relu(0.5, 5, 5)", Activations.relu(0.5f, 5f, 5f)),
          (DoubleUnaryOperator) x -> ActivationOracle.relu(x, 0.5, 5, 5)));
      all.add(Arguments.of(b, Named.of("relu(0, none, -2)", Activations.relu(0f, Float.POSITIVE_INFINITY, -2f)),
          (DoubleUnaryOperator) x -> ActivationOracle.relu(x, 0, Double.POSITIVE_INFINITY, -2)));
      all.add(Arguments.of(b, Named.of("leaky_relu(0.3)", Activations.leakyRelu(0.3f)),
          (DoubleUnaryOperator) x -> x >= 0 ? x : 0.3f * x));
      all.add(Arguments.of(b, Named.of("elu(0.7)", Activations.elu(0.7f)),
          (DoubleUnaryOperator) x -> x > 0 ? x : 0.7f * Math.expm1(x)));
      all.add(Arguments.of(b, Named.of("celu(2)", Activations.celu(2f)),
          (DoubleUnaryOperator) x -> Math.max(x, 0) + 2 * Math.expm1(Math.min(x, 0) / 2)));
      all.add(Arguments.of(b, Named.of("gelu(approximate)", Activations.gelu(true)),
          (DoubleUnaryOperator) ActivationOracle::geluTanh));
      all.add(Arguments.of(b, Named.of("squareplus(1)", Activations.squareplus(1f)),
          (DoubleUnaryOperator) x -> 0.5 * (x + Math.sqrt(x * x + 1))));
      all.add(Arguments.of(b, Named.of("soft_shrink(1)", Activations.softShrink(1f)),
          (DoubleUnaryOperator) x -> x > 1 ? x - 1 : x < -1 ? x + 1 : 0));
      all.add(Arguments.of(b, Named.of("hard_shrink(2)", Activations.hardShrink(2f)),
          (DoubleUnaryOperator) x -> Math.abs(x) > 2 ? x : 0));
      all.add(Arguments.of(b, Named.of("threshold(1, -3)", Activations.threshold(1f, -3f)),
          (DoubleUnaryOperator) x -> x > 1 ? x : -3));
      all.add(Arguments.of(b, Named.of("hard_sigmoid keras 2", Activations.hardSigmoidKeras2()),
          (DoubleUnaryOperator) x -> Math.min(Math.max(0.2f * x + 0.5, 0), 1)));
      all.add(Arguments.of(b, Named.of("swish alias", Activations.get("swish")),
          (DoubleUnaryOperator) x -> x * ActivationOracle.sigmoid(x)));
      all.add(Arguments.of(b, Named.of("hard_swish alias", Activations.get("hard_swish")),
          (DoubleUnaryOperator) x -> x * Math.min(Math.max(x / 6 + 0.5, 0), 1)));
    });
    return all.stream();
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("parameterised")
  void parameterisedMatchesFloat64(Backend backend, Activation activation, DoubleUnaryOperator oracle) {
    TestBackends.assumeAvailable(backend);
    check(backend, activation, oracle, LOOSER);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.dense4j.testing.TestBackends#all")
  void reluReferencePointsOfTheSpec(Backend backend) {
    TestBackends.assumeAvailable(backend);
    float[] x = {-10, -5, 0, 5, 10};
    float inf = Float.POSITIVE_INFINITY;
    assertRow(backend, Activations.relu(0.5f, inf, 0), x, -5, -2.5f, 0, 5, 10);
    assertRow(backend, Activations.relu(0, 5, 0), x, 0, 0, 0, 5, 5);
    assertRow(backend, Activations.relu(0, inf, 5), x, 0, 0, 0, 0, 10);
    assertRow(backend, Activations.relu(0, 5, 5), x, 0, 0, 0, 0, 5);
    assertRow(backend, Activations.relu(0.5f, 5, 5), x, -7.5f, -5, -2.5f, 0, 5);
  }

  private static void assertRow(Backend backend, Activation a, float[] x, float... expected) {
    float[] y = x.clone();
    run(backend, (BuiltinActivation) a, y, 1, y.length, null);
    for (int i = 0; i < y.length; i++) {
      assertEquals(expected[i], y[i], 1e-6f, a + " at x=" + x[i]);
    }
  }

  /** Runs the activation with a bias and checks each element against oracle(x + bias). */
  private static void check(Backend backend, Activation activation, DoubleUnaryOperator oracle, Tolerance tol) {
    float[] x = inputs();
    int n = x.length;
    float[] bias = new float[n];
    SplittableRandom rng = new SplittableRandom(7);
    for (int j = 0; j < n; j++) {
      bias[j] = Float.isFinite(x[j]) && Math.abs(x[j]) < 1e3 && Math.abs(x[j]) > 1e-2 ? (float) rng.nextDouble(-0.5, 0.5) : 0f;
    }
    float[] y = new float[2 * n]; // two rows: without and with bias
    System.arraycopy(x, 0, y, 0, n);
    System.arraycopy(x, 0, y, n, n);
    run(backend, (BuiltinActivation) activation, y, 1, n, null);
    float[] row2 = java.util.Arrays.copyOfRange(y, n, 2 * n);
    run(backend, (BuiltinActivation) activation, row2, 1, n, bias);
    for (int j = 0; j < n; j++) {
      tol.check(activation + " x=" + x[j], y[j], oracle.applyAsDouble(x[j]));
      float z = x[j] + bias[j];
      tol.check(activation + " x+b=" + z, row2[j], oracle.applyAsDouble(z));
    }
  }

  static void run(Backend backend, BuiltinActivation a, float[] y, int m, int n, float[] bias) {
    Kernels k = Backends.kernels(backend);
    k.biasAct(a.kind(), a.p0(), a.p1(), a.p2(), m, n, MemorySegment.ofArray(y),
        bias == null ? null : MemorySegment.ofArray(bias));
  }
}
