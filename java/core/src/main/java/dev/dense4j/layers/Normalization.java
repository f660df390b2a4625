// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.layers;

import dev.dense4j.initializers.Initializers;
import dev.dense4j.internal.norm.AffineTraining;
import dev.dense4j.internal.norm.NormOps;
import dev.dense4j.tensor.Tensor;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Keras' {@code Normalization} preprocessing layer:
 * {@code y = (x − mean) / max(sqrt(variance), 1e-7)}, or with {@code invert=true}
 * {@code y = mean + x·max(sqrt(variance), 1e-7)}. The mean and variance are per channel of the last
 * axis ({@code axis=-1}) or one value for every input ({@code axis=None}, {@link #builder()}'s
 * {@code axisNone()}); they are given ({@code mean}, {@code variance} in the config, no variables)
 * or computed by {@link #adapt} from data (the mean and biased variance over every other axis),
 * stored in the variables {@code mean}, {@code variance} and {@code count}, as Keras 3 does.
 * Keras' {@code adapt} leaves {@code count} unchanged, and so does this one.
 *
 * <p>Nothing is trained: in {@code fit} the gradient passes back scaled.
 */
public final class Normalization implements TrainableLayer {

  private final String name;
  private final boolean axisNone;
  private final boolean invert;
  private final float[] inputMean;     // given in the config, or null (then: variables)
  private final float[] inputVariance;
  private final String owner;
  private final ChannelWeights weights;
  private Tensor count; // the int64 scalar Keras stores, kept as a float

  private Normalization(Builder b) {
    this.name = b.name != null ? b.name : LayerNames.next("normalization");
    this.axisNone = b.axisNone;
    this.invert = b.invert;
    this.inputMean = b.mean;
    this.inputVariance = b.variance;
    this.owner = "Normalization '" + name + "'";
    this.weights = new ChannelWeights(owner, name, List.of(
        new ChannelWeights.Spec("mean", Initializers.get("zeros"), null, false),
        new ChannelWeights.Spec("variance", Initializers.get("ones"), null, false)));
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Keras' defaults: axis -1, no mean or variance (adapt later), invert false. */
  public Normalization() {
    this(new Builder());
  }

  public static Normalization fromConfig(Map<String, ?> config) {
    return NormalizationConfigs.normalization(config).build();
  }

  /** Keras 3's keys: name, trainable, dtype, axis, invert, mean, variance. */
  public Map<String, Object> getConfig() {
    return NormalizationConfigs.of(this);
  }

  @Override
  public Normalization build(int... inputShape) {
    int c = ChannelWeights.lastAxisChannels(owner, inputShape, -1);
    int n = axisNone ? 1 : c;
    if (inputMean != null && inputMean.length != 1 && inputMean.length != n) {
      throw new IllegalArgumentException(owner + ": mean and variance need 1 or " + n + " values for input shape "
          + Arrays.toString(inputShape) + "; received " + inputMean.length);
    }
    boolean fresh = !weights.isBuilt();
    weights.build(n);
    if (fresh) {
      if (inputMean != null) {
        float[] m = new float[n];
        float[] v = new float[n];
        for (int j = 0; j < n; j++) {
          m[j] = inputMean[inputMean.length == 1 ? 0 : j];
          v[j] = inputVariance[inputVariance.length == 1 ? 0 : j];
        }
        weights.set(List.of(m, v));
      } else {
        count = Tensor.zeros();
      }
    }
    return this;
  }

  /**
   * Keras' {@code adapt}: the mean and biased variance of {@code data} (samples first, the model's
   * input shape) per channel, or over every value with {@code axis=None}; builds the layer if needed.
   */
  public void adapt(Tensor data) {
    Objects.requireNonNull(data, "data");
    adapt(data.toArray(), data.shape());
  }

  /** {@link #adapt(Tensor)} on a row-major array of the given shape. */
  public void adapt(float[] data, int... shape) {
    if (inputMean != null) {
      throw new IllegalStateException(owner + ": adapt needs a layer made without mean and variance; received a layer with "
          + "mean=" + Arrays.toString(inputMean));
    }
    if (!weights.isBuilt()) {
      int[] s = shape.clone();
      s[0] = -1;
      build(s);
    }
    int c = shape[shape.length - 1];
    long rows = NormalizationCalls.rows(owner, shape, c);
    NormalizationCalls.checkLengths(owner, data, data, shape);
    if (rows == 0) {
      throw new IllegalArgumentException(owner + ": adapt needs at least one sample; received shape " + Arrays.toString(shape));
    }
    int n = weights.channels();
    double[] sum = new double[n];
    double[] ss = new double[n];
    long per = axisNone ? rows * c : rows;
    for (int pass = 0; pass < 2; pass++) {
      for (long r = 0, o = 0; r < rows; r++) {
        for (int j = 0; j < c; j++, o++) {
          int k = axisNone ? 0 : j;
          if (pass == 0) {
            sum[k] += data[(int) o];
          } else {
            double d = data[(int) o] - sum[k] / per;
            ss[k] += d * d;
          }
        }
      }
    }
    float[] m = new float[n];
    float[] v = new float[n];
    for (int k = 0; k < n; k++) {
      m[k] = (float) (sum[k] / per);
      v[k] = (float) (ss[k] / per);
    }
    weights.set(List.of(m, v));
  }

  @Override
  public boolean isBuilt() {
    return weights.isBuilt();
  }

  @Override
  public int[] computeOutputShape(int... inputShape) {
    Objects.requireNonNull(inputShape, "inputShape");
    return inputShape.clone();
  }

  @Override
  public Tensor call(Tensor input) {
    int c = input.dim(input.rank() - 1);
    long rows = checkedRows(input.shape());
    Tensor out = Tensor.zeros(input.shape());
    NormOps.affine(this, c, rows, input, out);
    return out;
  }

  @Override
  public void call(float[] input, int[] shape, float[] output) {
    long rows = checkedRows(shape);
    NormalizationCalls.checkLengths(owner, input, output, shape);
    NormOps.affine(this, shape[shape.length - 1], rows, input, output);
  }

  private long checkedRows(int[] shape) {
    int c = axisNone ? shape[shape.length - 1] : weights.channels();
    weights.ensureUsable();
    return NormalizationCalls.rows(owner, shape, c);
  }

  @Override
  public String name() {
    return name;
  }

  /** True for Keras' {@code axis=None}: one mean and variance for every value. */
  public boolean axisNone() {
    return axisNone;
  }

  public boolean invert() {
    return invert;
  }

  /** The mean and variance given in the config, or null when they are variables ({@link #adapt}). */
  public float[] inputMean() {
    return inputMean == null ? null : inputMean.clone();
  }

  public float[] inputVariance() {
    return inputVariance == null ? null : inputVariance.clone();
  }

  /** The mean in use (given or adapted), one per channel (one in all with axis=None); built layers only. */
  public Tensor mean() {
    return weights.get("mean");
  }

  public Tensor variance() {
    return weights.get("variance");
  }

  /** Nothing to train. */
  @Override
  public boolean trainable() {
    return false;
  }

  /** Keras' variables {@code mean}, {@code variance}, {@code count}; none when the mean and variance were given. */
  @Override
  public List<Variable> variables() {
    if (inputMean != null || !weights.isBuilt()) {
      return List.of();
    }
    List<Variable> v = new java.util.ArrayList<>(weights.variables(false));
    v.add(new Variable(name + "/count", count, null));
    return v;
  }

  /** The values of {@link #variables()}: mean, variance, count. */
  public List<float[]> getWeights() {
    return variables().stream().map(v -> v.value().toArray()).toList();
  }

  /** Sets mean, variance and (optionally) count, as {@link #variables()} lists them. */
  public void setWeights(List<float[]> values) {
    if (inputMean != null) {
      throw new IllegalStateException(owner + ": the mean and variance were given in the config; the layer has no variables");
    }
    if (values.size() != 2 && values.size() != 3) {
      throw new IllegalArgumentException(owner + ": expected 3 weight arrays (mean, variance, count); received "
          + values.size());
    }
    weights.set(values.subList(0, 2));
    if (values.size() == 3) {
      if (values.get(2).length != 1) {
        throw new IllegalArgumentException(owner + ": count needs 1 value; received " + values.get(2).length);
      }
      count.copyFrom(values.get(2));
    }
  }

  @Override
  public LayerTraining startTraining(int... maxInputShape) {
    weights.ensureUsable();
    return new AffineTraining(this, owner, maxInputShape[maxInputShape.length - 1], maxInputShape.clone());
  }

  @Override
  public void close() {
    weights.close();
    if (count != null) {
      count.close();
    }
  }

  @Override
  public String toString() {
    return owner + "(axis=" + (axisNone ? "None" : "-1") + (invert ? ", invert=true" : "") + ")";
  }

  /** Keras' arguments, with Keras' defaults. */
  public static final class Builder {
    private String name;
    private boolean axisNone;
    private boolean invert;
    private float[] mean;
    private float[] variance;

    private Builder() {}

    public Builder name(String name) {
      this.name = name;
      return this;
    }

    /** Keras' {@code axis=None}: one mean and variance for every value. */
    public Builder axisNone(boolean none) {
      this.axisNone = none;
      return this;
    }

    public Builder invert(boolean invert) {
      this.invert = invert;
      return this;
    }

    /** Fixed statistics (one value, or one per channel); both or neither, of one length. */
    public Builder meanAndVariance(float[] mean, float[] variance) {
      Objects.requireNonNull(mean, "mean");
      Objects.requireNonNull(variance, "variance");
      if (mean.length != variance.length || mean.length == 0) {
        throw new IllegalArgumentException("Normalization: mean and variance must have the same, non-zero length; "
            + "received mean.length=" + mean.length + ", variance.length=" + variance.length);
      }
      for (float v : variance) {
        if (!(v >= 0)) {
          throw new IllegalArgumentException("Normalization: variance must be >= 0; received variance="
              + Arrays.toString(variance));
        }
      }
      this.mean = mean.clone();
      this.variance = variance.clone();
      return this;
    }

    public Normalization build() {
      return new Normalization(this);
    }
  }
}
