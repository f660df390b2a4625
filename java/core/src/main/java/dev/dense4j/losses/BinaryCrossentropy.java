// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.losses;

/**
 * Keras' {@code BinaryCrossentropy} (spec §7.3), averaged over the last axis per sample.
 *
 * <p>Targets are first smoothed: {@code y ← y·(1 − ls) + 0.5·ls}. From logits {@code z}:
 * {@code ℓ = max(z, 0) − z·y + log(1 + e^{−|z|})}. From probabilities {@code p}: {@code p} is
 * clipped to {@code [ε, 1 − ε]} in float32 (ε = 1e-7), then
 * {@code ℓ = −(y·log p + (1 − y)·log(1 − p))}; a clipped entry has gradient 0.
 */
public final class BinaryCrossentropy extends SmoothedCrossentropy {

  public BinaryCrossentropy() {
    this(false, 0.0);
  }

  public BinaryCrossentropy(boolean fromLogits) {
    this(fromLogits, 0.0);
  }

  public BinaryCrossentropy(boolean fromLogits, double labelSmoothing) {
    this(fromLogits, labelSmoothing, Reduction.SUM_OVER_BATCH_SIZE, "binary_crossentropy");
  }

  public BinaryCrossentropy(boolean fromLogits, double labelSmoothing, Reduction reduction, String name) {
    super(fromLogits, labelSmoothing, reduction, name);
  }

  @Override
  public String className() {
    return "BinaryCrossentropy";
  }

  @Override
  String fusableActivation() {
    return "sigmoid";
  }

  @Override
  Loss fromLogitsCopy() {
    return new BinaryCrossentropy(true, labelSmoothing(), reduction(), name());
  }

  @Override
  protected double rowLoss(float[] t, int tOff, float[] p, int pOff, int cols,
      float[] grad, int gOff, double scale) {
    double ls = labelSmoothing();
    boolean logits = fromLogits();
    double sum = 0;
    for (int j = 0; j < cols; j++) {
      double y = t[tOff + j] * (1 - ls) + 0.5 * ls;
      float v = p[pOff + j];
      double d;
      if (logits) {
        double z = v;
        sum += Math.max(z, 0) - z * y + Math.log1p(Math.exp(-Math.abs(z)));
        d = sigmoid(z) - y;
      } else {
        float pc = clipProbability(v);
        float q = 1f - pc;
        sum += -(y * Math.log(pc) + (1 - y) * Math.log(q));
        d = insideClip(v) ? -y / pc + (1 - y) / q : 0;
      }
      if (grad != null) {
        grad[gOff + j] = (float) (scale * d / cols);
      }
    }
    return sum / cols;
  }

  static double sigmoid(double z) {
    return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
  }
}
