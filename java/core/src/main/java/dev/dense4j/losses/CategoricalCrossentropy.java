// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.losses;

/**
 * Keras' {@code CategoricalCrossentropy} (spec §7.4): one-hot (or distribution) targets of the
 * predictions' shape, smoothed as {@code y ← y·(1 − ls) + ls / C}; from logits
 * {@code ℓ = −Σ y·log_softmax(z)}, from probabilities {@code ℓ = −Σ y·log p} after renormalising
 * {@code p} over the class axis and clipping it to {@code [ε, 1 − ε]} in float32.
 */
public final class CategoricalCrossentropy extends SmoothedCrossentropy {

  public CategoricalCrossentropy() {
    this(false, 0.0);
  }

  public CategoricalCrossentropy(boolean fromLogits) {
    this(fromLogits, 0.0);
  }

  public CategoricalCrossentropy(boolean fromLogits, double labelSmoothing) {
    this(fromLogits, labelSmoothing, Reduction.SUM_OVER_BATCH_SIZE, "categorical_crossentropy");
  }

  public CategoricalCrossentropy(boolean fromLogits, double labelSmoothing, Reduction reduction, String name) {
    super(fromLogits, labelSmoothing, reduction, name);
  }

  @Override
  public String className() {
    return "CategoricalCrossentropy";
  }

  @Override
  String fusableActivation() {
    return "softmax";
  }

  @Override
  Loss fromLogitsCopy() {
    return new CategoricalCrossentropy(true, labelSmoothing(), reduction(), name());
  }

  @Override
  protected double rowLoss(float[] t, int tOff, float[] p, int pOff, int cols,
      float[] grad, int gOff, double scale) {
    return fromLogits()
        ? CrossEntropyRows.fromLogits(t, tOff, -1, labelSmoothing(), p, pOff, cols, grad, gOff, scale)
        : CrossEntropyRows.fromProbabilities(t, tOff, -1, labelSmoothing(), p, pOff, cols, grad, gOff, scale);
  }
}
