// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.layers;

import dev.dense4j.tensor.Tensor;
import java.util.List;

/**
 * One layer's training session: a forward pass that keeps what the backward pass needs, the
 * backward pass, and the weight gradients it produces. Tensors returned here are views into the
 * session's buffers, valid until the next call of the same method or {@link #close()}.
 * A session is used by one thread at a time.
 */
public interface LayerTraining extends AutoCloseable {

  /** Forward pass on a batch, as in training mode; the result has the layer's output shape. */
  Tensor forward(Tensor input);

  /**
   * Forward pass in training mode ({@code training} true: what {@code fit} runs before its
   * backward pass, as {@link #forward(Tensor)}) or inference mode (false: what {@code evaluate}
   * and validation run), as Keras' {@code call(inputs, training=…)}: {@code Dropout} drops only in
   * training mode, BatchNormalization uses its moving statistics and updates nothing in inference
   * mode. Layers whose two modes agree (Dense) keep this default.
   */
  default Tensor forward(Tensor input, boolean training) {
    return forward(input);
  }

  /**
   * Backward pass for the last {@link #forward}: takes {@code dL/dOutput}, fills
   * {@link #gradients()} (when the layer is trainable) and returns {@code dL/dInput}, or null
   * when {@code inputGradient} is false (the first layer of a model needs none).
   */
  Tensor backward(Tensor outputGradient, boolean inputGradient);

  /** The weights an optimizer updates: empty when the layer is frozen. */
  List<Variable> trainableVariables();

  /** The gradient of each of {@link #trainableVariables()}, in the same order. */
  List<Tensor> gradients();

  /**
   * The regularization losses of the last forward pass (spec §4.5): the weight penalties of the
   * trainable weights plus the activity penalty divided by the batch size.
   */
  double penalty();

  /** Frees the session's buffers; idempotent. */
  @Override
  void close();
}
