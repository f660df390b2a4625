// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.optimizers;

import java.util.function.LongToDoubleFunction;

/**
 * Keras 3's optimizer step (spec §6.1–6.6) in float64, written from the spec for the tests:
 * clipping, decoupled weight decay before the update, then SGD / Adam / RMSprop.
 */
final class OptimizerOracle {

  enum Rule { SGD, ADAM, RMSPROP }

  Rule rule = Rule.SGD;
  LongToDoubleFunction lr = s -> 0.01;
  double momentum;
  boolean nesterov;
  double beta1 = 0.9;
  double beta2 = 0.999;
  double epsilon = 1e-7;
  boolean amsgrad;
  double rho = 0.9;
  boolean centered;
  double weightDecay;
  boolean decayBias = true;
  double clipnorm;
  double clipvalue;
  double globalClipnorm;

  private double[][] w;
  private double[][] m;
  private double[][] v;
  private double[][] h;
  private long iterations;

  void init(float[][] weights) {
    w = new double[weights.length][];
    m = new double[weights.length][];
    v = new double[weights.length][];
    h = new double[weights.length][];
    for (int k = 0; k < weights.length; k++) {
      w[k] = new double[weights[k].length];
      for (int i = 0; i < w[k].length; i++) {
        w[k][i] = weights[k][i];
      }
      m[k] = new double[w[k].length];
      v[k] = new double[w[k].length];
      h[k] = new double[w[k].length];
    }
  }

  double[][] weights() {
    return w;
  }

  /** One step; variable 1 is the bias (for weight-decay exclusion). */
  void step(float[][] grads) {
    double rate = (float) lr.applyAsDouble(iterations); // Keras' float32 learning-rate variable
    double[][] g = clip(grads);
    long t = iterations + 1;
    for (int k = 0; k < w.length; k++) {
      boolean decay = weightDecay != 0 && (k != 1 || decayBias);
      for (int i = 0; i < w[k].length; i++) {
        if (decay) {
          w[k][i] -= w[k][i] * weightDecay * rate;
        }
        update(k, i, g[k][i], rate, t);
      }
    }
    iterations++;
  }

  private void update(int k, int i, double g, double rate, long t) {
    switch (rule) {
      case SGD -> {
        if (momentum == 0) {
          w[k][i] -= rate * g;
        } else {
          m[k][i] = momentum * m[k][i] - rate * g;
          w[k][i] += nesterov ? momentum * m[k][i] - rate * g : m[k][i];
        }
      }
      case ADAM -> {
        m[k][i] = beta1 * m[k][i] + (1 - beta1) * g;
        v[k][i] = beta2 * v[k][i] + (1 - beta2) * g * g;
        h[k][i] = Math.max(h[k][i], v[k][i]);
        double mHat = m[k][i] / (1 - Math.pow(beta1, t));
        double vHat = (amsgrad ? h[k][i] : v[k][i]) / (1 - Math.pow(beta2, t));
        // textbook form with Keras' epsilon-hat: ε' = ε / sqrt(1 − β2^t)
        w[k][i] -= rate * mHat / (Math.sqrt(vHat) + epsilon / Math.sqrt(1 - Math.pow(beta2, t)));
      }
      case RMSPROP -> {
        v[k][i] = rho * v[k][i] + (1 - rho) * g * g;
        double denom = v[k][i] + epsilon;
        if (centered) {
          h[k][i] = rho * h[k][i] + (1 - rho) * g;
          denom = v[k][i] - h[k][i] * h[k][i] + epsilon;
        }
        double inc = rate * g / Math.sqrt(denom);
        if (momentum > 0) {
          m[k][i] = momentum * m[k][i] + inc;
          inc = m[k][i];
        }
        w[k][i] -= inc;
      }
    }
  }

  private double[][] clip(float[][] grads) {
    double[][] g = new double[grads.length][];
    double total = 0;
    for (int k = 0; k < g.length; k++) {
      g[k] = new double[grads[k].length];
      double sq = 0;
      for (int i = 0; i < g[k].length; i++) {
        g[k][i] = grads[k][i];
        sq += g[k][i] * g[k][i];
      }
      total += sq;
      if (clipnorm > 0 && Math.sqrt(sq) > clipnorm) {
        scale(g[k], clipnorm / Math.sqrt(sq));
      }
    }
    for (int k = 0; k < g.length; k++) {
      if (globalClipnorm > 0 && Math.sqrt(total) > globalClipnorm) {
        scale(g[k], globalClipnorm / Math.sqrt(total));
      }
      if (clipvalue > 0) {
        for (int i = 0; i < g[k].length; i++) {
          g[k][i] = Math.max(-clipvalue, Math.min(clipvalue, g[k][i]));
        }
      }
    }
    return g;
  }

  private static void scale(double[] a, double s) {
    for (int i = 0; i < a.length; i++) {
      a[i] *= s;
    }
  }
}
