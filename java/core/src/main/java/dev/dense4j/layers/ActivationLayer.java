// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.layers;

import dev.dense4j.activations.Activation;
import dev.dense4j.activations.Activations;

/**
 * Keras' {@code Activation} layer: applies an activation function to its input.
 *
 * <p>{@code output = activation(input)}, same shape as the input (half the last axis for
 * {@code glu}).
 *
 * {@snippet :
 * Layer softmax = new ActivationLayer("softmax");
 * }
 */
public final class ActivationLayer extends ActivationLayerBase {

  /** An auto-named layer ({@code activation}, {@code activation_1}, …) for a Keras activation name. */
  public ActivationLayer(String activation) {
    this(null, Activations.get(activation));
  }

  /** @param name the layer name, or null for an automatic one */
  public ActivationLayer(String name, Activation activation) {
    super(name != null ? name : LayerNames.next("activation"), activation);
  }

  @Override
  public String kerasClassName() {
    return "Activation";
  }
}
