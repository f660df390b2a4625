// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.layers;

import dev.dense4j.backend.Backend;
import dev.dense4j.tensor.Tensor;
import java.util.Arrays;
import java.util.List;

/**
 * The common part of the weightless layers whose output holds the input's values unchanged, in
 * the same row-major order ({@link Dropout} at inference, {@link Flatten}): a name, a built flag,
 * the array call, which copies, and no weights to train.
 */
abstract sealed class CopyLayer implements TrainableLayer permits Dropout, Flatten {

  private final String name;
  private boolean built;

  /** @param name the layer name, or null for the next automatic one with {@code autoNamePrefix} */
  CopyLayer(String name, String autoNamePrefix) {
    this.name = name != null ? name : LayerNames.next(autoNamePrefix);
  }

  /** Keras' class name, which starts the error messages. */
  abstract String kerasClassName();

  @Override
  public final String name() {
    return name;
  }

  /** Checks the input shape through {@link #computeOutputShape}. */
  @Override
  public final Layer build(int... inputShape) {
    computeOutputShape(inputShape);
    built = true;
    return this;
  }

  @Override
  public final boolean isBuilt() {
    return built;
  }

  @Override
  public final void call(float[] input, int[] shape, float[] output) {
    long n = Tensor.elementCount(shape);
    if (input.length != n || output.length != n) {
      throw new IllegalArgumentException(owner() + ": expected input and output of " + n
          + " values for shape " + Arrays.toString(shape) + "; received input.length=" + input.length
          + ", output.length=" + output.length);
    }
    System.arraycopy(input, 0, output, 0, input.length);
  }

  /** True, as Keras' default; the layer has no weights for it to freeze. */
  @Override
  public final boolean trainable() {
    return true;
  }

  /** None: the layer has no weights. */
  @Override
  public final List<Variable> variables() {
    return List.of();
  }

  /** A training session on the preferred backend (the layer's work is plain Java either way). */
  @Override
  public final LayerTraining startTraining(int... maxInputShape) {
    return startTraining(Backend.preferred(), maxInputShape);
  }

  @Override
  public abstract LayerTraining startTraining(Backend backend, int... maxInputShape);

  /** Nothing to free: the layer has no weights. */
  @Override
  public final void close() {}

  final String owner() {
    return kerasClassName() + " '" + name + "'";
  }
}
