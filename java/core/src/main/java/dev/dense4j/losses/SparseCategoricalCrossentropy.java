// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.losses;

import java.util.Map;

/**
 * Keras' {@code SparseCategoricalCrossentropy} (spec §7.5): targets are class indices
 * {@code (batch, …)} stored as floats; {@code ℓ = −log_softmax(z)[class]} from logits, or
 * {@code −log p[class]} after renormalising and clipping probabilities. With
 * {@code ignore_class = k}, positions labelled k have loss 0 and are left out of the count of
 * {@code sum_over_batch_size}.
 */
public final class SparseCategoricalCrossentropy extends Loss {

  private final boolean fromLogits;
  private final Integer ignoreClass;

  public SparseCategoricalCrossentropy() {
    this(false);
  }

  public SparseCategoricalCrossentropy(boolean fromLogits) {
    this(fromLogits, null, Reduction.SUM_OVER_BATCH_SIZE, "sparse_categorical_crossentropy");
  }

  /** {@code ignoreClass} may be null (none). */
  public SparseCategoricalCrossentropy(boolean fromLogits, Integer ignoreClass, Reduction reduction, String name) {
    super(name, reduction);
    this.fromLogits = fromLogits;
    this.ignoreClass = ignoreClass;
  }

  @Override
  public String className() {
    return "SparseCategoricalCrossentropy";
  }

  public boolean fromLogits() {
    return fromLogits;
  }

  public Integer ignoreClass() {
    return ignoreClass;
  }

  @Override
  protected void addConfig(Map<String, Object> config) {
    config.put("from_logits", fromLogits);
    config.put("ignore_class", ignoreClass);
    config.put("axis", -1);
  }

  @Override
  public int targetWidth(int cols) {
    return 1;
  }

  @Override
  public Loss fusedWith(String activation) {
    return !fromLogits && "softmax".equals(activation)
        ? new SparseCategoricalCrossentropy(true, ignoreClass, reduction(), name()) : null;
  }

  @Override
  protected boolean counts(float[] t, int tOff) {
    return ignoreClass == null || t[tOff] != ignoreClass;
  }

  @Override
  protected double rowLoss(float[] t, int tOff, float[] p, int pOff, int cols,
      float[] grad, int gOff, double scale) {
    float v = t[tOff];
    int label = (int) v;
    if (label != v || label < 0 || label >= cols) {
      throw new IllegalArgumentException("SparseCategoricalCrossentropy: expected class indices in [0, "
          + cols + "); received label " + v);
    }
    return fromLogits
        ? CrossEntropyRows.fromLogits(t, tOff, label, 0, p, pOff, cols, grad, gOff, scale)
        : CrossEntropyRows.fromProbabilities(t, tOff, label, 0, p, pOff, cols, grad, gOff, scale);
  }
}
