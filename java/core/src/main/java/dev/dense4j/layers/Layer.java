// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.layers;

import dev.dense4j.tensor.Tensor;

/**
 * A Keras layer: built once for an input shape, then called on tensors or arrays. Shapes include
 * the batch dimension; in {@link #build} leading entries may be -1 ("any", Keras' {@code None}).
 */
public interface Layer extends AutoCloseable {

  /** The layer's name, unique inside a model. */
  String name();

  /** Creates the weights for inputs of this shape; returns {@code this}. */
  Layer build(int... inputShape);

  boolean isBuilt();

  /** The output shape for an input shape. */
  int[] computeOutputShape(int... inputShape);

  /** Forward pass into a new tensor, which the caller closes. */
  Tensor call(Tensor input);

  /** Forward pass from {@code input} (of {@code shape}) into {@code output} (of the output shape's size). */
  void call(float[] input, int[] shape, float[] output);

  /** Frees native memory held by the layer (its weights); idempotent. */
  @Override
  void close();
}
