// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.layers;

import dev.dense4j.backend.Backend;
import java.util.List;

/**
 * A layer that takes part in training: a backward pass, and the weights it updates (none for the
 * weightless layers: {@code Activation}, {@code ReLU}, {@code LeakyReLU}, {@code ELU},
 * {@code Softmax}, {@code Dropout}, {@code Flatten}). {@code Sequential.fit} needs every layer to
 * be one.
 */
public interface TrainableLayer extends Layer {

  /** False for a frozen layer: no weight gradients, no updates, no weight penalties (spec §4.5). */
  boolean trainable();

  /** Every weight in Keras order (for Dense: kernel, then bias); empty before {@link #build}. */
  List<Variable> variables();

  /**
   * The weights an optimizer updates: every variable of a trainable layer (BatchNormalization:
   * gamma and beta only, its moving statistics are not trained); empty when frozen.
   */
  default List<Variable> trainableVariables() {
    return trainable() ? variables() : List.of();
  }

  /**
   * Starts training: a session that owns the buffers for inputs of up to {@code maxInputShape}
   * (batch first, every dimension concrete) and must be closed. The layer must be built.
   */
  LayerTraining startTraining(int... maxInputShape);

  /**
   * {@link #startTraining(int...)} with the kernels of {@code backend}: a model starts its layers'
   * sessions on its own backend. Layers that chose their backend when they were made (Dense, whose
   * backend a model checks at build) keep the default, which ignores the argument.
   */
  default LayerTraining startTraining(Backend backend, int... maxInputShape) {
    return startTraining(maxInputShape);
  }
}
