// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dense4j.tensor.Tensor;
import dev.dense4j.testing.Float64Forward;
import dev.dense4j.testing.Tolerance;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The training sessions of BatchNormalization and LayerNormalization against float64 references
 * of Keras' formulas, written apart from the library: the analytic gradients (float32) against
 * central finite differences of {@code L = Σ w·y} in float64, and the moving statistics after N
 * steps against a float64 replay of Keras' update.
 */
class NormalizationTrainingTest {

  private static final Tolerance GRADIENT = new Tolerance(2e-3, 2e-4);
  private static final double H = 1e-5;

  // ---- BatchNormalization ----

  /** Keras' training-mode batch normalization of rows × c in float64. */
  static double[] bnTrain(double[] x, int rows, int c, double[] gamma, double[] beta, double eps) {
    double[] y = new double[x.length];
    for (int j = 0; j < c; j++) {
      double m = 0;
      for (int r = 0; r < rows; r++) {
        m += x[r * c + j];
      }
      m /= rows;
      double v = 0;
      for (int r = 0; r < rows; r++) {
        v += (x[r * c + j] - m) * (x[r * c + j] - m);
      }
      v /= rows;
      for (int r = 0; r < rows; r++) {
        y[r * c + j] = gamma[j] * (x[r * c + j] - m) / Math.sqrt(v + eps) + beta[j];
      }
    }
    return y;
  }

  private static double dot(double[] a, float[] w) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * w[i];
    }
    return s;
  }

  @ParameterizedTest(name = "rows={0} c={1}")
  @CsvSource({"8, 5", "3, 1", "13, 7", "2, 257"})
  void batchNormGradientsMatchFiniteDifferences(int rows, int c) {
    SplittableRandom rng = new SplittableRandom(rows * 31L + c);
    try (BatchNormalization bn = BatchNormalization.builder().epsilon(1e-2).build()) {
      bn.build(-1, c);
      float[] gamma = random(rng, c, 0.5, 1.5);
      float[] beta = random(rng, c, -1, 1);
      bn.setWeights(List.of(gamma, beta, new float[c], ones(c)));
      float[] x = random(rng, rows * c, -2, 2);
      float[] w = random(rng, rows * c, -1, 1);
      try (LayerTraining t = bn.startTraining(rows, c); Tensor xt = Tensor.of(x, rows, c); Tensor g = Tensor.of(w, rows, c)) {
        Tensor y = t.forward(xt, true);
        double[] ref = bnTrain(toDouble(x), rows, c, toDouble(gamma), toDouble(beta), bn.epsilon());
        for (int i = 0; i < ref.length; i++) {
          GRADIENT.check("y[" + i + "]", y.getFlat(i), ref[i]);
        }
        Tensor dx = t.backward(g, true);
        for (int i = 0; i < x.length; i++) {
          double[] p = toDouble(x);
          double[] m = toDouble(x);
          p[i] += H;
          m[i] -= H;
          double fd = (dot(bnTrain(p, rows, c, toDouble(gamma), toDouble(beta), bn.epsilon()), w)
              - dot(bnTrain(m, rows, c, toDouble(gamma), toDouble(beta), bn.epsilon()), w)) / (2 * H);
          GRADIENT.check("dx[" + i + "]", dx.getFlat(i), fd);
        }
        List<Tensor> grads = t.gradients();
        assertEquals(List.of("gamma", "beta"), t.trainableVariables().stream().map(Variable::name).toList());
        for (int j = 0; j < c; j++) {
          double[] gp = toDouble(gamma);
          double[] gm = toDouble(gamma);
          gp[j] += H;
          gm[j] -= H;
          double fdGamma = (dot(bnTrain(toDouble(x), rows, c, gp, toDouble(beta), bn.epsilon()), w)
              - dot(bnTrain(toDouble(x), rows, c, gm, toDouble(beta), bn.epsilon()), w)) / (2 * H);
          GRADIENT.check("dgamma[" + j + "]", grads.get(0).getFlat(j), fdGamma);
          double[] bp = toDouble(beta);
          double[] bm = toDouble(beta);
          bp[j] += H;
          bm[j] -= H;
          double fdBeta = (dot(bnTrain(toDouble(x), rows, c, toDouble(gamma), bp, bn.epsilon()), w)
              - dot(bnTrain(toDouble(x), rows, c, toDouble(gamma), bm, bn.epsilon()), w)) / (2 * H);
          GRADIENT.check("dbeta[" + j + "]", grads.get(1).getFlat(j), fdBeta);
        }
      }
    }
  }

  @ParameterizedTest(name = "momentum={0}")
  @ValueSource(doubles = {0.99, 0.9, 0.5})
  void movingStatisticsAfterNStepsFollowKerasUpdate(double momentum) {
    int rows = 16;
    int c = 7;
    int steps = 25;
    SplittableRandom rng = new SplittableRandom(7);
    try (BatchNormalization bn = BatchNormalization.builder().momentum(momentum).build()) {
      bn.build(-1, c);
      double[] mm = new double[c];
      double[] mv = new double[c];
      java.util.Arrays.fill(mv, 1);
      try (LayerTraining t = bn.startTraining(rows, c)) {
        for (int s = 0; s < steps; s++) {
          int n = s % 5 == 4 ? 9 : rows; // a smaller last batch too
          float[] x = random(rng, n * c, -1 + s * 0.1, 3 + s * 0.2);
          try (Tensor xt = Tensor.of(x, n, c)) {
            t.forward(xt, true);
          }
          for (int j = 0; j < c; j++) {
            double m = 0;
            for (int r = 0; r < n; r++) {
              m += x[r * c + j];
            }
            m /= n;
            double v = 0;
            for (int r = 0; r < n; r++) {
              v += (x[r * c + j] - m) * (x[r * c + j] - m);
            }
            v /= n;
            mm[j] = mm[j] * (float) momentum + m * (1 - (float) momentum);
            mv[j] = mv[j] * (float) momentum + v * (1 - (float) momentum);
          }
        }
      }
      Tolerance tol = new Tolerance(1e-5, 1e-6);
      for (int j = 0; j < c; j++) {
        tol.check("moving_mean[" + j + "]", bn.movingMean().getFlat(j), mm[j]);
        tol.check("moving_variance[" + j + "]", bn.movingVariance().getFlat(j), mv[j]);
      }
    }
  }

  @ParameterizedTest(name = "trainable={0}")
  @ValueSource(booleans = {true, false})
  void inferenceModeUsesMovingStatisticsAndUpdatesNothing(boolean trainable) {
    int rows = 6;
    int c = 4;
    SplittableRandom rng = new SplittableRandom(3);
    try (BatchNormalization bn = BatchNormalization.builder().trainable(trainable).build()) {
      bn.build(-1, c);
      float[] mm = random(rng, c, -1, 1);
      float[] mv = random(rng, c, 0.5, 2);
      bn.setWeights(List.of(random(rng, c, 0.5, 2), random(rng, c, -1, 1), mm, mv));
      float[] x = random(rng, rows * c, -2, 2);
      float[] g = random(rng, rows * c, -1, 1);
      try (LayerTraining t = bn.startTraining(rows, c); Tensor xt = Tensor.of(x, rows, c); Tensor gt = Tensor.of(g, rows, c)) {
        // evaluate (training=false) for any layer; a frozen layer also in training mode (Keras 3)
        Tensor y = t.forward(xt, trainable ? false : true);
        assertArrayEquals(inference(bn, x, rows, c), y.toArray(), 0f); // the layer's own inference call
        for (int i = 0; i < x.length; i++) {
          int j = i % c;
          double ref = bn.gamma().getFlat(j) * (x[i] - mm[j]) / Math.sqrt(mv[j] + (double) bn.epsilon()) + bn.beta().getFlat(j);
          new Tolerance(2e-6, 2e-6).check("y[" + i + "]", y.getFlat(i), ref);
        }
        assertArrayEquals(mm, bn.movingMean().toArray(), 0f);
        assertArrayEquals(mv, bn.movingVariance().toArray(), 0f);
        Tensor dx = t.backward(gt, true);
        for (int i = 0; i < g.length; i++) {
          int j = i % c;
          double s = bn.gamma().getFlat(j) / Math.sqrt(mv[j] + (double) bn.epsilon());
          new Tolerance(1e-6, 1e-7).check("dx[" + i + "]", dx.getFlat(i), g[i] * s);
        }
        assertEquals(trainable ? 2 : 0, t.trainableVariables().size());
      }
    }
  }

  private static float[] inference(BatchNormalization bn, float[] x, int rows, int c) {
    float[] y = new float[x.length];
    bn.call(x, new int[] {rows, c}, y);
    return y;
  }

  // ---- LayerNormalization ----

  private static double[] lnForward(double[] x, int rows, int c, float[] gamma, float[] beta, double eps, boolean rms) {
    double[] y = new double[x.length];
    for (int r = 0; r < rows; r++) {
      double[] row = java.util.Arrays.copyOfRange(x, r * c, r * c + c);
      System.arraycopy(Float64Forward.layerNormRow(row, gamma, beta, eps, rms), 0, y, r * c, c);
    }
    return y;
  }

  @ParameterizedTest(name = "rows={0} c={1} rms={2}")
  @CsvSource({"5, 6, false", "5, 6, true", "1, 13, false", "4, 2, true", "3, 257, false"})
  void layerNormGradientsMatchFiniteDifferences(int rows, int c, boolean rms) {
    SplittableRandom rng = new SplittableRandom(rows * 17L + c);
    try (LayerNormalization ln = LayerNormalization.builder().rmsScaling(rms).epsilon(1e-2).build()) {
      ln.build(-1, c);
      float[] gamma = random(rng, c, 0.5, 1.5);
      float[] beta = rms ? null : random(rng, c, -1, 1);
      ln.setWeights(rms ? List.of(gamma) : List.of(gamma, beta));
      float[] x = random(rng, rows * c, -2, 2);
      float[] w = random(rng, rows * c, -1, 1);
      try (LayerTraining t = ln.startTraining(rows, c); Tensor xt = Tensor.of(x, rows, c); Tensor g = Tensor.of(w, rows, c)) {
        Tensor y = t.forward(xt, true);
        double[] ref = lnForward(toDouble(x), rows, c, gamma, beta, ln.epsilon(), rms);
        for (int i = 0; i < ref.length; i++) {
          GRADIENT.check("y[" + i + "]", y.getFlat(i), ref[i]);
        }
        float[] inference = new float[x.length];
        ln.call(x, new int[] {rows, c}, inference);
        for (int i = 0; i < ref.length; i++) {
          new Tolerance(2e-6, 2e-6).check("call y[" + i + "]", inference[i], ref[i]);
        }
        Tensor dx = t.backward(g, true);
        for (int i = 0; i < x.length; i++) {
          double[] p = toDouble(x);
          double[] m = toDouble(x);
          p[i] += H;
          m[i] -= H;
          double fd = (dot(lnForward(p, rows, c, gamma, beta, ln.epsilon(), rms), w)
              - dot(lnForward(m, rows, c, gamma, beta, ln.epsilon(), rms), w)) / (2 * H);
          GRADIENT.check("dx[" + i + "]", dx.getFlat(i), fd);
        }
        for (int j = 0; j < c; j++) {
          float[] gp = gamma.clone();
          float[] gm = gamma.clone();
          double hg = 1e-2; // float parameters: a step float32 can hold; the objective is linear-ish in gamma
          gp[j] += (float) hg;
          gm[j] -= (float) hg;
          double fdGamma = (dot(lnForward(toDouble(x), rows, c, gp, beta, ln.epsilon(), rms), w)
              - dot(lnForward(toDouble(x), rows, c, gm, beta, ln.epsilon(), rms), w)) / (gp[j] - gm[j]);
          GRADIENT.check("dgamma[" + j + "]", t.gradients().get(0).getFlat(j), fdGamma);
          if (!rms) {
            float[] bp = beta.clone();
            float[] bm = beta.clone();
            bp[j] += (float) hg;
            bm[j] -= (float) hg;
            double fdBeta = (dot(lnForward(toDouble(x), rows, c, gamma, bp, ln.epsilon(), rms), w)
                - dot(lnForward(toDouble(x), rows, c, gamma, bm, ln.epsilon(), rms), w)) / (bp[j] - bm[j]);
            GRADIENT.check("dbeta[" + j + "]", t.gradients().get(1).getFlat(j), fdBeta);
          }
        }
        assertNull(t.backward(g, false));
      }
    }
  }

  @org.junit.jupiter.api.Test
  void affineLayersPassTheGradientBackScaled() {
    try (Normalization n = Normalization.builder().meanAndVariance(new float[] {1, 2}, new float[] {4, 0.25f}).build();
        Rescaling r = new Rescaling(0.5f, 3)) {
      n.build(-1, 2);
      r.build(-1, 2);
      try (LayerTraining tn = n.startTraining(3, 2); LayerTraining tr = r.startTraining(3, 2);
          Tensor x = Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 3, 2); Tensor g = Tensor.of(new float[] {1, 1, 2, 2, 3, 3}, 3, 2)) {
        assertArrayEquals(new float[] {0, 0, 1, 4, 2, 8}, tn.forward(x).toArray(), 1e-6f);
        assertArrayEquals(new float[] {0.5f, 2, 1, 4, 1.5f, 6}, tn.backward(g, true).toArray(), 1e-6f);
        assertArrayEquals(new float[] {3.5f, 4, 4.5f, 5, 5.5f, 6}, tr.forward(x).toArray(), 1e-6f);
        assertArrayEquals(new float[] {0.5f, 0.5f, 1, 1, 1.5f, 1.5f}, tr.backward(g, true).toArray(), 1e-6f);
        assertTrue(tn.trainableVariables().isEmpty() && tr.gradients().isEmpty());
      }
    }
  }

  // ---- helpers ----

  static float[] random(SplittableRandom rng, int n, double lo, double hi) {
    float[] a = new float[n];
    for (int i = 0; i < n; i++) {
      a[i] = (float) rng.nextDouble(lo, hi);
    }
    return a;
  }

  static float[] ones(int n) {
    float[] a = new float[n];
    java.util.Arrays.fill(a, 1);
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
