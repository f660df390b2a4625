// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.layers;

import dev.dense4j.tensor.Tensor;
import java.util.Objects;

/**
 * Keras' {@code Dropout} layer at inference: the identity. (During training Keras zeroes a
 * fraction {@code rate} of the inputs and scales the rest by {@code 1 / (1 − rate)}; inference,
 * which is what this layer runs, passes inputs through unchanged.)
 *
 * @param rate the fraction of inputs dropped in training, in {@code [0, 1)}
 */
public final class Dropout extends CopyLayer {

  private final float rate;

  /** Auto-named ({@code dropout}, {@code dropout_1}, …). */
  public Dropout(float rate) {
    this(null, rate);
  }

  /** @param name the layer name, or null for an automatic one */
  public Dropout(String name, float rate) {
    super(name, checkRate(rate));
    this.rate = rate;
  }

  // checked before the automatic name is taken
  private static String checkRate(float rate) {
    if (!(rate >= 0 && rate < 1)) {
      throw new IllegalArgumentException("Dropout: rate must be in [0, 1); received rate=" + rate);
    }
    return "dropout";
  }

  public float rate() {
    return rate;
  }

  @Override
  String kerasClassName() {
    return "Dropout";
  }

  @Override
  public int[] computeOutputShape(int... inputShape) {
    Objects.requireNonNull(inputShape, "inputShape");
    return inputShape.clone();
  }

  @Override
  public Tensor call(Tensor input) {
    return Tensor.copyOf(input);
  }

  @Override
  public String toString() {
    return owner() + "(rate=" + rate + ")";
  }
}
