// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.losses;

import java.lang.foreign.MemorySegment;
import java.util.Map;

/**
 * Keras' {@code CategoricalCrossentropy} (spec §7.4): one-hot (or distribution) targets of the
 * predictions' shape, smoothed as {@code y ← y·(1 − ls) + ls / C}; from logits
 * {@code ℓ = −Σ y·log_softmax(z)}, from probabilities {@code ℓ = −Σ y·log p} after renormalising
 * {@code p} over the class axis and clipping it to {@code [ε, 1 − ε]} in float32.
 */
public final class CategoricalCrossentropy extends Loss {

  private final boolean fromLogits;
  private final double labelSmoothing;

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
    super(name, reduction);
    checkLabelSmoothing("CategoricalCrossentropy", labelSmoothing);
    this.fromLogits = fromLogits;
    this.labelSmoothing = labelSmoothing;
  }

  @Override
  public String className() {
    return "CategoricalCrossentropy";
  }

  public boolean fromLogits() {
    return fromLogits;
  }

  public double labelSmoothing() {
    return labelSmoothing;
  }

  @Override
  protected void addConfig(Map<String, Object> config) {
    config.put("from_logits", fromLogits);
    config.put("label_smoothing", labelSmoothing);
    config.put("axis", -1);
  }

  @Override
  public Loss fusedWith(String activation) {
    return !fromLogits && "softmax".equals(activation)
        ? new CategoricalCrossentropy(true, labelSmoothing, reduction(), name()) : null;
  }

  @Override
  protected double rowLoss(MemorySegment t, long tOff, MemorySegment p, long pOff, int cols,
      MemorySegment grad, long gOff, double scale) {
    return fromLogits
        ? CrossEntropyRows.fromLogits(t, tOff, -1, labelSmoothing, p, pOff, cols, grad, gOff, scale)
        : CrossEntropyRows.fromProbabilities(t, tOff, -1, labelSmoothing, p, pOff, cols, grad, gOff, scale);
  }
}
