// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.losses;

import static dev.dense4j.losses.Loss.clipProbability;
import static dev.dense4j.losses.Loss.insideClip;

/**
 * Categorical cross-entropy of one row, shared by the dense and sparse losses. The target is
 * either one-hot at {@code label} ({@code label >= 0}) or the row {@code t[tOff…]} smoothed with
 * {@code ls}: {@code y_j = t_j·(1 − ls) + ls / C}.
 */
final class CrossEntropyRows {

  private CrossEntropyRows() {}

  private static double target(float[] t, int tOff, int label, double ls, int cols, int j) {
    return label >= 0 ? (j == label ? 1 : 0) : t[tOff + j] * (1 - ls) + ls / cols;
  }

  /**
   * {@code ℓ = −Σ y_j·log_softmax(z)_j = (Σ y)·lse(z) − Σ y_j z_j}, gradient
   * {@code (Σ y)·softmax(z)_j − y_j}.
   */
  static double fromLogits(float[] t, int tOff, int label, double ls, float[] p,
      int pOff, int cols, float[] grad, int gOff, double scale) {
    double max = Double.NEGATIVE_INFINITY;
    for (int j = 0; j < cols; j++) {
      max = Math.max(max, p[pOff + j]);
    }
    double sumExp = 0;
    double sumY = 0;
    double dot = 0;
    for (int j = 0; j < cols; j++) {
      double z = p[pOff + j];
      double y = target(t, tOff, label, ls, cols, j);
      sumExp += Math.exp(z - max);
      sumY += y;
      dot += y * z;
    }
    double lse = max + Math.log(sumExp);
    if (grad != null) {
      for (int j = 0; j < cols; j++) {
        double softmax = Math.exp(p[pOff + j] - lse);
        grad[gOff + j] = (float) (scale * (sumY * softmax - target(t, tOff, label, ls, cols, j)));
      }
    }
    return sumY * lse - dot;
  }

  /**
   * Probabilities: renormalised ({@code q = p / Σp}, in float32), clipped to {@code [ε, 1 − ε]},
   * {@code ℓ = −Σ y_j·log q_j}. With {@code g_j = −y_j / q_j} inside the clip (0 outside), the
   * gradient through the renormalisation is {@code (g_k − Σ_j g_j q_j) / Σp}.
   */
  static double fromProbabilities(float[] t, int tOff, int label, double ls, float[] p,
      int pOff, int cols, float[] grad, int gOff, double scale) {
    float s = 0f;
    for (int j = 0; j < cols; j++) {
      s += p[pOff + j];
    }
    double loss = 0;
    double gq = 0;
    for (int j = 0; j < cols; j++) {
      float q = p[pOff + j] / s;
      float c = clipProbability(q);
      double y = target(t, tOff, label, ls, cols, j);
      loss -= y * Math.log(c);
      gq += insideClip(q) ? -y / c * q : 0;
    }
    if (grad != null) {
      for (int j = 0; j < cols; j++) {
        float q = p[pOff + j] / s;
        double g = insideClip(q) ? -target(t, tOff, label, ls, cols, j) / clipProbability(q) : 0;
        grad[gOff + j] = (float) (scale * (g - gq) / s);
      }
    }
    return loss;
  }
}
