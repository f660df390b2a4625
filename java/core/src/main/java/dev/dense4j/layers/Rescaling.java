// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.layers;

import dev.dense4j.internal.norm.AffineTraining;
import dev.dense4j.internal.norm.NormOps;
import dev.dense4j.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Keras' {@code Rescaling} preprocessing layer: {@code y = x·scale + offset}, with scalar
 * {@code scale} and {@code offset} (Keras also takes per-channel arrays; dense4j takes scalars).
 * No weights; in training it passes the gradient back scaled ({@code dx = g·scale}).
 */
public final class Rescaling implements TrainableLayer {

  private final String name;
  private final float scale;
  private final float offset;
  private final String owner;
  private int channels = -1;

  /** Auto-named ({@code rescaling}, {@code rescaling_1}, …). */
  public Rescaling(float scale, float offset) {
    this(null, scale, offset);
  }

  /** @param name the layer name, or null for an automatic one */
  public Rescaling(String name, float scale, float offset) {
    if (!Float.isFinite(scale) || !Float.isFinite(offset)) {
      throw new IllegalArgumentException("Rescaling: scale and offset must be finite; received scale=" + scale
          + ", offset=" + offset);
    }
    this.name = name != null ? name : LayerNames.next("rescaling");
    this.scale = scale;
    this.offset = offset;
    this.owner = "Rescaling '" + this.name + "'";
  }

  /** From a Keras config: {@code scale} (required) and {@code offset} (default 0) as numbers. */
  public static Rescaling fromConfig(Map<String, ?> config) {
    return NormalizationConfigs.rescaling(config);
  }

  /** Keras 3's keys: name, trainable, dtype, scale, offset. */
  public Map<String, Object> getConfig() {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("name", name);
    c.put("trainable", true);
    c.put("dtype", dev.dense4j.config.KerasObject.float32Policy());
    c.put("scale", NormalizationConfigs.dec(scale));
    c.put("offset", NormalizationConfigs.dec(offset));
    return c;
  }

  public float scale() {
    return scale;
  }

  public float offset() {
    return offset;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Rescaling build(int... inputShape) {
    channels = ChannelWeights.lastAxisChannels(owner, inputShape, -1);
    return this;
  }

  @Override
  public boolean isBuilt() {
    return channels >= 0;
  }

  @Override
  public int[] computeOutputShape(int... inputShape) {
    Objects.requireNonNull(inputShape, "inputShape");
    return inputShape.clone();
  }

  @Override
  public Tensor call(Tensor input) {
    int c = input.dim(input.rank() - 1);
    long rows = NormalizationCalls.rows(owner, input.shape(), c);
    Tensor out = Tensor.zeros(input.shape());
    NormOps.affine(this, c, rows, input, out);
    return out;
  }

  @Override
  public void call(float[] input, int[] shape, float[] output) {
    NormalizationCalls.checkLengths(owner, input, output, shape);
    int c = shape[shape.length - 1];
    NormOps.affine(this, c, NormalizationCalls.rows(owner, shape, c), input, output);
  }

  /** Nothing to train. */
  @Override
  public boolean trainable() {
    return false;
  }

  @Override
  public List<Variable> variables() {
    return List.of();
  }

  @Override
  public LayerTraining startTraining(int... maxInputShape) {
    return new AffineTraining(this, owner, maxInputShape[maxInputShape.length - 1], maxInputShape.clone());
  }

  @Override
  public void close() {}

  @Override
  public String toString() {
    return owner + "(scale=" + scale + ", offset=" + offset + ")";
  }
}
