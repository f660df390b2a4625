// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.layers;

import dev.dense4j.tensor.Tensor;
import java.util.Arrays;
import java.util.Objects;

/**
 * Keras' {@code Dropout} layer at inference: the identity. (During training Keras zeroes a
 * fraction {@code rate} of the inputs and scales the rest by {@code 1 / (1 − rate)}; inference,
 * which is what this layer runs, passes inputs through unchanged.)
 *
 * @param rate the fraction of inputs dropped in training, in {@code [0, 1)}
 */
public final class Dropout implements Layer {

  private final String name;
  private final float rate;
  private boolean built;

  /** Auto-named ({@code dropout}, {@code dropout_1}, …). */
  public Dropout(float rate) {
    this(null, rate);
  }

  /** @param name the layer name, or null for an automatic one */
  public Dropout(String name, float rate) {
    if (!(rate >= 0 && rate < 1)) {
      throw new IllegalArgumentException("Dropout: rate must be in [0, 1); received rate=" + rate);
    }
    this.name = name != null ? name : LayerNames.next("dropout");
    this.rate = rate;
  }

  public float rate() {
    return rate;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Layer build(int... inputShape) {
    Objects.requireNonNull(inputShape, "inputShape");
    built = true;
    return this;
  }

  @Override
  public boolean isBuilt() {
    return built;
  }

  @Override
  public int[] computeOutputShape(int... inputShape) {
    return inputShape.clone();
  }

  @Override
  public Tensor call(Tensor input) {
    return Tensor.copyOf(input);
  }

  @Override
  public void call(float[] input, int[] shape, float[] output) {
    long n = Tensor.elementCount(shape);
    if (input.length != n || output.length != n) {
      throw new IllegalArgumentException("Dropout '" + name + "': expected input and output of " + n
          + " values for shape " + Arrays.toString(shape) + "; received input.length=" + input.length
          + ", output.length=" + output.length);
    }
    System.arraycopy(input, 0, output, 0, input.length);
  }

  @Override
  public void close() {}

  @Override
  public String toString() {
    return "Dropout '" + name + "'(rate=" + rate + ")";
  }
}
