// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.layers;

import dev.dense4j.activations.Activation;
import dev.dense4j.activations.Activations;

/**
 * Keras' {@code LeakyReLU} layer: {@code f(x) = x} for {@code x ≥ 0}, {@code negative_slope · x}
 * otherwise.
 *
 * <p>NOTE: the layer's default slope is 0.3 (Keras 2's {@code alpha} and Keras 3's
 * {@code negative_slope}), while the {@code leaky_relu} activation function defaults to 0.2.
 */
public final class LeakyReLU extends ActivationLayerBase {

  /** The layer's default slope, 0.3. */
  public static final float DEFAULT_NEGATIVE_SLOPE = 0.3f;

  private final float negativeSlope;

  /** Slope 0.3, auto-named. */
  public LeakyReLU() {
    this(null, DEFAULT_NEGATIVE_SLOPE);
  }

  /** @param name the layer name, or null for an automatic one ({@code leaky_re_lu}, …) */
  public LeakyReLU(String name, float negativeSlope) {
    super(name != null ? name : LayerNames.next("leaky_re_lu"), check(negativeSlope));
    this.negativeSlope = negativeSlope;
  }

  private static Activation check(float negativeSlope) {
    if (!(negativeSlope >= 0) || Float.isInfinite(negativeSlope)) {
      throw new IllegalArgumentException("LeakyReLU: negative_slope must be finite and >= 0; received negative_slope="
          + negativeSlope);
    }
    return Activations.leakyRelu(negativeSlope);
  }

  public float negativeSlope() {
    return negativeSlope;
  }

  @Override
  public String kerasClassName() {
    return "LeakyReLU";
  }
}
