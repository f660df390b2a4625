// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.layers;

import dev.dense4j.backend.Backend;
import dev.dense4j.internal.training.ReshapeTraining;
import dev.dense4j.tensor.Tensor;
import java.util.Arrays;
import java.util.Objects;

/**
 * Keras' {@code Flatten} layer ({@code data_format="channels_last"}): {@code (b, d0, d1, …)} →
 * {@code (b, d0·d1·…)}. Row-major data is already in that order, so values are copied unchanged.
 * A rank-1 input becomes {@code (b, 1)}, as in Keras.
 */
public final class Flatten extends CopyLayer {

  /** Auto-named ({@code flatten}, {@code flatten_1}, …). */
  public Flatten() {
    this(null);
  }

  /** @param name the layer name, or null for an automatic one */
  public Flatten(String name) {
    super(name, "flatten");
  }

  @Override
  String kerasClassName() {
    return "Flatten";
  }

  /** {@code [b, product of the rest]}; -1 (unknown) stays unknown. */
  @Override
  public int[] computeOutputShape(int... inputShape) {
    Objects.requireNonNull(inputShape, "inputShape");
    if (inputShape.length == 0) {
      throw new IllegalArgumentException(owner() + ": expected an input of rank >= 1; received shape []");
    }
    long rest = 1;
    for (int i = 1; i < inputShape.length; i++) {
      if (inputShape[i] < 0) {
        return new int[] {inputShape[0], -1};
      }
      rest = Math.multiplyExact(rest, inputShape[i]);
    }
    if (rest > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(owner() + ": at most " + Integer.MAX_VALUE
          + " values per row; received shape " + Arrays.toString(inputShape));
    }
    return new int[] {inputShape[0], (int) rest};
  }

  @Override
  public Tensor call(Tensor input) {
    return Tensor.of(input.toArray(), computeOutputShape(input.shape()));
  }

  /** Training: the output is the input seen in the flat shape, the gradient the same way back. */
  @Override
  public LayerTraining startTraining(Backend backend, int... maxInputShape) {
    return new ReshapeTraining(owner(), this::computeOutputShape);
  }

  @Override
  public String toString() {
    return owner();
  }
}
