// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.dense4j.activations.Activation;
import dev.dense4j.activations.Activations;
import dev.dense4j.activations.BuiltinActivation;
import dev.dense4j.backend.Backend;
import dev.dense4j.internal.ActivationKind;
import dev.dense4j.layers.Dense;
import dev.dense4j.losses.BinaryCrossentropy;
import dev.dense4j.losses.CategoricalCrossentropy;
import dev.dense4j.losses.Loss;
import dev.dense4j.losses.MeanAbsoluteError;
import dev.dense4j.losses.MeanSquaredError;
import dev.dense4j.losses.Reduction;
import dev.dense4j.losses.SparseCategoricalCrossentropy;
import dev.dense4j.models.Float64Model.Kind;
import dev.dense4j.models.Float64Model.LossSpec;
import dev.dense4j.optimizers.SGD;
import dev.dense4j.tensor.Tensor;
import dev.dense4j.testing.L2Penalty;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Backward pass against central finite differences in float64 (reference backend): for every
 * activation × every loss, with and without bias, for rank 2 and rank 3 inputs, a two-layer model
 * (so that the input gradient of the second layer is checked through the first layer's weights)
 * with kernel, bias and activity L2 penalties. The library runs in float32; the objective is
 * differentiated in float64 by {@link Float64Model}, written apart from the training code.
 */
class GradientCheckTest {

  static final int D_IN = 4;
  static final int HIDDEN = 5;
  static final int UNITS = 6;
  static final double H = 1e-6;

  /** Every built-in activation, with default and non-default parameters. */
  static List<Activation> activations() {
    List<Activation> all = new ArrayList<>();
    for (ActivationKind k : ActivationKind.values()) {
      if (k != ActivationKind.THRESHOLD) {
        all.add(Activations.get(k.kerasName()));
      }
    }
    all.add(Activations.threshold(0.1f, -0.5f));
    all.add(Activations.relu(0.3f, 0.9f, 0.1f));
    all.add(Activations.relu(0.25f, Float.POSITIVE_INFINITY, 0f));
    all.add(Activations.gelu(true));
    all.add(Activations.elu(0.5f));
    all.add(Activations.celu(1.7f));
    return all;
  }

  static boolean probabilities(ActivationKind k) {
    return switch (k) {
      case SIGMOID, HARD_SIGMOID, SPARSE_SIGMOID, SOFTMAX, SPARSEMAX -> true;
      default -> false;
    };
  }

  static Stream<Arguments> cases() {
    List<Arguments> out = new ArrayList<>();
    for (Activation a : activations()) {
      BuiltinActivation b = (BuiltinActivation) a;
      List<LossSpec> losses = new ArrayList<>(List.of(
          new LossSpec(Kind.MSE, false, 0, "sum_over_batch_size", null),
          new LossSpec(Kind.MAE, false, 0, "sum", null),
          new LossSpec(Kind.BCE, true, 0.1, "sum_over_batch_size", null),
          new LossSpec(Kind.CCE, true, 0.1, "mean_with_sample_weight", null),
          new LossSpec(Kind.SCCE, true, 0, "sum_over_batch_size", 1)));
      if (probabilities(b.kind())) {
        losses.add(new LossSpec(Kind.BCE, false, 0, "sum_over_batch_size", null));
        losses.add(new LossSpec(Kind.CCE, false, 0.05, "sum_over_batch_size", null));
        losses.add(new LossSpec(Kind.SCCE, false, 0, "sum_over_batch_size", null));
      }
      for (LossSpec l : losses) {
        for (boolean bias : new boolean[] {true, false}) {
          for (int rank : new int[] {2, 3}) {
            out.add(Arguments.of(b, l, bias, rank));
          }
        }
      }
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0} × {1}, bias={2}, rank {3}")
  @MethodSource("cases")
  void gradientsMatchFiniteDifferences(BuiltinActivation act, LossSpec spec, boolean bias, int rank) {
    SplittableRandom rng = new SplittableRandom(42);
    Float64Model f = new Float64Model(D_IN, HIDDEN, UNITS, bias, act, spec);
    int batch = rank == 2 ? 3 : 2;
    int[] xShape = rank == 2 ? new int[] {batch, D_IN} : new int[] {batch, 3, D_IN};
    int rows = rank == 2 ? batch : batch * 3;
    float[] x = uniform(rng, rows * D_IN, 1);
    float[] params = new float[f.paramCount()];
    for (int i = 0; i < params.length; i++) {
      params[i] = (float) rng.nextDouble(-0.8, 0.8);
    }
    float[] target = targets(rng, spec.kind(), rows, f.outW);
    float[] sw = spec.reduction().equals("mean_with_sample_weight") ? uniform01(rng, batch) : null;
    int[] outShape = xShape.clone();
    outShape[rank - 1] = f.outW;
    int[] tShape = spec.kind() == Kind.SCCE ? java.util.Arrays.copyOf(outShape, rank - 1) : outShape;

    try (Sequential model = model(act, bias, params);
        Tensor xt = Tensor.of(x, xShape);
        Tensor yt = Tensor.of(target, tShape);
        TrainingSession session = new TrainingSession(model, loss(spec), xShape)) {
      double value = session.step(xt, yt, sw, true);
      double[] p = toDouble(params);
      double[] xd = toDouble(x);
      double[] td = toDouble(target);
      double[] swd = sw == null ? null : toDouble(sw);
      double expected = f.objective(p, xd, rows, batch, td, swd);
      assertEquals(expected, value, 2e-5 * Math.max(1, Math.abs(expected)), "loss value");
      float[] got = flatten(session);
      checkAgainstFiniteDifferences(f, p, xd, rows, batch, td, swd, got);
    }
  }

  private static void checkAgainstFiniteDifferences(Float64Model f, double[] p, double[] x, int rows, int batch,
      double[] t, double[] sw, float[] got) {
    double[] fd = new double[p.length];
    boolean[] kink = new boolean[p.length];
    double f0 = f.objective(p, x, rows, batch, t, sw);
    double scale = 1e-3;
    for (int i = 0; i < p.length; i++) {
      double keep = p[i];
      p[i] = keep + H;
      double up = f.objective(p, x, rows, batch, t, sw);
      p[i] = keep - H;
      double down = f.objective(p, x, rows, batch, t, sw);
      p[i] = keep;
      fd[i] = (up - down) / (2 * H);
      // one-sided slopes that disagree: a kink or a jump of the objective lies within H
      kink[i] = Math.abs((up - f0) - (f0 - down)) / H > 1e-3 * (1 + Math.abs(fd[i]));
      scale = Math.max(scale, Math.abs(fd[i]));
    }
    int skipped = 0;
    for (int i = 0; i < p.length; i++) {
      if (kink[i]) {
        skipped++;
        continue;
      }
      double tol = 2e-4 * scale + 2e-3 * Math.abs(fd[i]);
      if (!(Math.abs(got[i] - fd[i]) <= tol)) {
        fail("parameter " + i + " of " + p.length + ": gradient " + got[i] + ", finite difference " + fd[i]
            + " (tolerance " + tol + ")");
      }
    }
    assertTrue(skipped <= p.length / 10, skipped + " of " + p.length + " parameters sit at a kink");
  }

  static Sequential model(BuiltinActivation act, boolean bias, float[] params) {
    Sequential model = new Sequential();
    model.add(Dense.builder(HIDDEN).activation("tanh").backend(Backend.REFERENCE).build());
    model.add(Dense.builder(UNITS).activation(act).useBias(bias).backend(Backend.REFERENCE)
        .kernelRegularizer(new L2Penalty(Float64Model.KERNEL_L2))
        .biasRegularizer(new L2Penalty(Float64Model.BIAS_L2))
        .activityRegularizer(new L2Penalty(Float64Model.ACTIVITY_L2)).build());
    model.build(-1, D_IN);
    List<float[]> w = new ArrayList<>();
    int off = 0;
    for (int size : new int[] {D_IN * HIDDEN, HIDDEN, HIDDEN * UNITS, bias ? UNITS : 0}) {
      if (size > 0) {
        w.add(java.util.Arrays.copyOfRange(params, off, off + size));
      }
      off += size;
    }
    model.setWeights(w);
    model.compile(new SGD(), new MeanSquaredError());
    return model;
  }

  static Loss loss(LossSpec s) {
    Reduction r = Reduction.of(s.reduction());
    return switch (s.kind()) {
      case MSE -> new MeanSquaredError(r, "mse");
      case MAE -> new MeanAbsoluteError(r, "mae");
      case BCE -> new BinaryCrossentropy(s.logits(), s.smoothing(), r, "bce");
      case CCE -> new CategoricalCrossentropy(s.logits(), s.smoothing(), r, "cce");
      case SCCE -> new SparseCategoricalCrossentropy(s.logits(), s.ignoreClass(), r, "scce");
    };
  }

  static float[] targets(SplittableRandom rng, Kind kind, int rows, int width) {
    return switch (kind) {
      case MSE, MAE -> uniform(rng, rows * width, 1);
      case BCE -> {
        float[] t = new float[rows * width];
        for (int i = 0; i < t.length; i++) {
          t[i] = rng.nextBoolean() ? 1 : 0;
        }
        yield t;
      }
      case CCE -> {
        float[] t = new float[rows * width];
        for (int r = 0; r < rows; r++) {
          t[r * width + rng.nextInt(width)] = 1;
        }
        yield t;
      }
      case SCCE -> {
        float[] t = new float[rows];
        for (int r = 0; r < rows; r++) {
          t[r] = rng.nextInt(width);
        }
        yield t;
      }
    };
  }

  static float[] flatten(TrainingSession session) {
    List<float[]> parts = new ArrayList<>();
    int n = 0;
    for (Tensor g : session.gradients()) {
      float[] a = g.toArray();
      parts.add(a);
      n += a.length;
    }
    float[] out = new float[n];
    int off = 0;
    for (float[] a : parts) {
      System.arraycopy(a, 0, out, off, a.length);
      off += a.length;
    }
    return out;
  }

  static float[] uniform(SplittableRandom rng, int n, double bound) {
    float[] a = new float[n];
    for (int i = 0; i < n; i++) {
      a[i] = (float) rng.nextDouble(-bound, bound);
    }
    return a;
  }

  static float[] uniform01(SplittableRandom rng, int n) {
    float[] a = new float[n];
    for (int i = 0; i < n; i++) {
      a[i] = (float) rng.nextDouble(0.2, 1.5);
    }
    return a;
  }

  static double[] toDouble(float[] a) {
    double[] d = new double[a.length];
    for (int i = 0; i < a.length; i++) {
      d[i] = a[i];
    }
    return d;
  }
}
