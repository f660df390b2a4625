// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.layers;

import dev.dense4j.activations.Activations;

/**
 * Keras' {@code Softmax} layer over the last axis: {@code exp(x − max) / Σ exp(x − max)}.
 *
 * <p>Only {@code axis = -1} is supported (the only axis a row-major kernel normalises without a
 * transpose, and the one every Dense model uses).
 */
public final class Softmax extends ActivationLayerBase {

  /** Auto-named ({@code softmax}, {@code softmax_1}, …). */
  public Softmax() {
    this(null);
  }

  /** @param name the layer name, or null for an automatic one */
  public Softmax(String name) {
    super(name != null ? name : LayerNames.next("softmax"), Activations.get("softmax"));
  }

  /** The normalised axis: always -1. */
  public int axis() {
    return -1;
  }

  @Override
  public String kerasClassName() {
    return "Softmax";
  }
}
