// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.layers;

import dev.dense4j.activations.Activations;

/**
 * Keras' {@code ELU} layer: {@code f(x) = x} for {@code x > 0}, {@code alpha · (exp(x) − 1)}
 * otherwise.
 */
public final class ELU extends ActivationLayerBase {

  private final float alpha;

  /** {@code alpha = 1}, auto-named. */
  public ELU() {
    this(null, 1f);
  }

  /** @param name the layer name, or null for an automatic one ({@code elu}, {@code elu_1}, …) */
  public ELU(String name, float alpha) {
    super(name != null ? name : LayerNames.next("elu"), Activations.elu(alpha));
    this.alpha = alpha;
  }

  public float alpha() {
    return alpha;
  }

  @Override
  public String kerasClassName() {
    return "ELU";
  }
}
