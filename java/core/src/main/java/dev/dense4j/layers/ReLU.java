// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.layers;

import dev.dense4j.activations.Activation;
import dev.dense4j.activations.Activations;

/**
 * Keras' {@code ReLU} layer: the rectified linear unit with its three parameters (spec §2.3).
 *
 * <p>{@code f(x) = min(max_value, x)} for {@code x ≥ threshold},
 * {@code negative_slope · (x − threshold)} otherwise (Keras' exact algorithm, spec §2.3).
 *
 * @param maxValue {@code Float.POSITIVE_INFINITY} for none (Keras' {@code None}); must be > 0
 * @param negativeSlope must be ≥ 0
 * @param threshold any finite value
 */
public final class ReLU extends ActivationLayerBase {

  private final float maxValue;
  private final float negativeSlope;
  private final float threshold;

  /** Keras' defaults: no max_value, negative_slope 0, threshold 0; auto-named. */
  public ReLU() {
    this(null, Float.POSITIVE_INFINITY, 0f, 0f);
  }

  /** @param name the layer name, or null for an automatic one ({@code re_lu}, {@code re_lu_1}, …) */
  public ReLU(String name, float maxValue, float negativeSlope, float threshold) {
    super(name != null ? name : LayerNames.next("re_lu"), make(maxValue, negativeSlope, threshold));
    this.maxValue = maxValue;
    this.negativeSlope = negativeSlope;
    this.threshold = threshold;
  }

  private static Activation make(float maxValue, float negativeSlope, float threshold) {
    if (!(negativeSlope >= 0)) {
      throw new IllegalArgumentException("ReLU: negative_slope must be >= 0; received negative_slope=" + negativeSlope);
    }
    return Activations.relu(negativeSlope, maxValue, threshold);
  }

  /** {@code Float.POSITIVE_INFINITY} when there is none. */
  public float maxValue() {
    return maxValue;
  }

  public float negativeSlope() {
    return negativeSlope;
  }

  public float threshold() {
    return threshold;
  }

  @Override
  public String kerasClassName() {
    return "ReLU";
  }
}
