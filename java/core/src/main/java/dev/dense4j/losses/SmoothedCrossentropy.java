// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.losses;

import java.util.Map;

/**
 * The common part of {@link BinaryCrossentropy} and {@link CategoricalCrossentropy}: the
 * {@code from_logits} and {@code label_smoothing} arguments, config
 * {@code {"from_logits", "label_smoothing", "axis"}}, and the fused form from logits that replaces
 * the loss on probabilities after the activation {@link #fusableActivation()}.
 */
abstract sealed class SmoothedCrossentropy extends Loss permits BinaryCrossentropy, CategoricalCrossentropy {

  private final boolean fromLogits;
  private final double labelSmoothing;

  SmoothedCrossentropy(boolean fromLogits, double labelSmoothing, Reduction reduction, String name) {
    super(name, reduction);
    checkLabelSmoothing(className(), labelSmoothing);
    this.fromLogits = fromLogits;
    this.labelSmoothing = labelSmoothing;
  }

  public final boolean fromLogits() {
    return fromLogits;
  }

  public final double labelSmoothing() {
    return labelSmoothing;
  }

  @Override
  protected final void addConfig(Map<String, Object> config) {
    config.put("from_logits", fromLogits);
    config.put("label_smoothing", labelSmoothing);
    config.put("axis", -1);
  }

  @Override
  public final Loss fusedWith(String activation) {
    return !fromLogits && fusableActivation().equals(activation) ? fromLogitsCopy() : null;
  }

  /** The Keras activation name whose pre-activation this loss can take as logits. */
  abstract String fusableActivation();

  /** This loss with {@code from_logits=True} and the same smoothing, reduction and name. */
  abstract Loss fromLogitsCopy();
}
