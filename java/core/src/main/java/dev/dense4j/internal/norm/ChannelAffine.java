// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.internal.norm;

import dev.dense4j.layers.BatchNormalization;
import dev.dense4j.layers.Layer;
import dev.dense4j.layers.Normalization;
import dev.dense4j.layers.Rescaling;
import dev.dense4j.tensor.Tensor;

/**
 * The inference form of the per-channel normalization layers: {@code y = x·scale + shift} over the
 * last axis, with {@code scale} and {@code shift} computed in double from the layer's weights and
 * rounded once to float. The one place that turns these layers into an affine map: their own
 * calls, their frozen training and the plan (which folds it into a neighbouring Dense) use it.
 * <pre>
 *   BatchNormalization  scale = gamma / sqrt(moving_variance + epsilon), shift = beta − moving_mean·scale
 *   Normalization       scale = 1 / max(sqrt(variance), 1e-7),         shift = −mean·scale
 *   Normalization(invert=True) scale = max(sqrt(variance), 1e-7),      shift = mean
 *   Rescaling           scale, offset (scalars, broadcast)
 * </pre>
 *
 * @param scale per channel
 * @param shift per channel
 */
public record ChannelAffine(float[] scale, float[] shift) {

  /** Keras' {@code backend.epsilon()}, Normalization's lower bound on the standard deviation. */
  public static final double KERAS_EPSILON = 1e-7;

  /** True for the layers that have an affine inference form. */
  public static boolean isAffine(Layer layer) {
    return layer instanceof BatchNormalization || layer instanceof Normalization || layer instanceof Rescaling;
  }

  /** The affine form of a built BatchNormalization, Normalization or Rescaling over {@code channels}. */
  public static ChannelAffine of(Layer layer, int channels) {
    float[] st = new float[2 * channels];
    compute(layer, channels, st);
    return new ChannelAffine(java.util.Arrays.copyOf(st, channels), java.util.Arrays.copyOfRange(st, channels, 2 * channels));
  }

  /** The scales then the shifts, in one new array of {@code 2·channels} values. */
  public static float[] packed(Layer layer, int channels) {
    float[] st = new float[2 * channels];
    compute(layer, channels, st);
    return st;
  }

  /**
   * {@link #of} into {@code st} (at least {@code 2·channels} values): the scales in
   * {@code [0, channels)}, the shifts in {@code [channels, 2·channels)}; allocates nothing.
   */
  public static void compute(Layer layer, int channels, float[] st) {
    int c = channels;
    switch (layer) {
      case BatchNormalization bn -> {
        for (int j = 0; j < channels; j++) {
          double inv = 1 / Math.sqrt((double) bn.movingVariance().getFlat(j) + bn.epsilon());
          double scale = bn.gamma() == null ? inv : inv * bn.gamma().getFlat(j);
          double beta = bn.beta() == null ? 0 : bn.beta().getFlat(j);
          st[j] = (float) scale;
          st[c + j] = (float) (beta - bn.movingMean().getFlat(j) * scale);
        }
      }
      case Normalization n -> {
        Tensor mean = n.mean();
        Tensor variance = n.variance();
        for (int j = 0; j < channels; j++) {
          int k = mean.size() == 1 ? 0 : j; // axis=None: one mean for every value
          double std = Math.max(Math.sqrt(variance.getFlat(k)), KERAS_EPSILON);
          st[j] = (float) (n.invert() ? std : 1 / std);
          st[c + j] = (float) (n.invert() ? mean.getFlat(k) : -mean.getFlat(k) / std);
        }
      }
      case Rescaling r -> {
        java.util.Arrays.fill(st, 0, c, r.scale());
        java.util.Arrays.fill(st, c, 2 * c, r.offset());
      }
      default -> throw new IllegalArgumentException("ChannelAffine: expected BatchNormalization, Normalization or "
          + "Rescaling; received " + layer);
    }
  }
}
