// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.layers;

import dev.dense4j.backend.Backend;
import dev.dense4j.constraints.Constraint;
import dev.dense4j.initializers.Initializer;
import dev.dense4j.initializers.Initializers;
import dev.dense4j.internal.WeightOps;
import dev.dense4j.internal.norm.LayerNormTraining;
import dev.dense4j.internal.norm.NormOps;
import dev.dense4j.regularizers.Regularizer;
import dev.dense4j.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Keras' {@code LayerNormalization} over the last axis of each sample (the same in training and
 * inference): {@code inv = gamma / sqrt(var + epsilon)}, {@code y = x·inv + (beta − mean·inv)},
 * with the mean and biased variance of each row. With {@code rms_scaling=true} Keras 3 (deprecated
 * there, kept for its files) ignores {@code center} and computes {@code y = x·gamma / sqrt(var + epsilon)}
 * (the variance, not the mean square, as Keras does).
 *
 * <p>Variables, in Keras' order: {@code gamma} (with {@code scale} or {@code rms_scaling}),
 * {@code beta} (with {@code center} and without {@code rms_scaling}). Input: rank >= 2, normalized
 * over the last axis ({@code axis=-1} or {@code [-1]}). Output: the same shape.
 */
public final class LayerNormalization implements TrainableLayer {

  private final String name;
  private final int axis;
  private final float epsilon;
  private final boolean center;
  private final boolean scale;
  private final boolean rmsScaling;
  private final Initializer betaInitializer;
  private final Initializer gammaInitializer;
  private final Regularizer betaRegularizer;
  private final Regularizer gammaRegularizer;
  private final Constraint betaConstraint;
  private final Constraint gammaConstraint;
  private final boolean trainable;
  private final String owner;
  private final ChannelWeights weights;

  private LayerNormalization(Builder b) {
    this.name = b.name != null ? b.name : LayerNames.next("layer_normalization");
    this.axis = b.axis;
    this.epsilon = b.epsilon;
    this.center = b.center;
    this.scale = b.scale;
    this.rmsScaling = b.rmsScaling;
    this.betaInitializer = b.betaInitializer;
    this.gammaInitializer = b.gammaInitializer;
    this.betaRegularizer = b.betaRegularizer;
    this.gammaRegularizer = b.gammaRegularizer;
    this.betaConstraint = b.betaConstraint;
    this.gammaConstraint = b.gammaConstraint;
    this.trainable = b.trainable;
    this.owner = "LayerNormalization '" + name + "'";
    List<ChannelWeights.Spec> specs = new ArrayList<>();
    if (scale || rmsScaling) {
      specs.add(new ChannelWeights.Spec("gamma", gammaInitializer, gammaConstraint, true));
    }
    if (center && !rmsScaling) {
      specs.add(new ChannelWeights.Spec("beta", betaInitializer, betaConstraint, true));
    }
    this.weights = new ChannelWeights(owner, name, specs);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Keras' defaults, auto-named ({@code layer_normalization}, …). */
  public LayerNormalization() {
    this(new Builder());
  }

  public static LayerNormalization fromConfig(Map<String, ?> config) {
    return NormalizationConfigs.layerNormalization(config).build();
  }

  /** Keras 3's {@code get_config()} keys in Keras' order ({@code axis} as a list, as Keras writes it after build). */
  public Map<String, Object> getConfig() {
    return NormalizationConfigs.of(this);
  }

  @Override
  public LayerNormalization build(int... inputShape) {
    weights.build(ChannelWeights.lastAxisChannels(owner, inputShape, axis));
    return this;
  }

  @Override
  public boolean isBuilt() {
    return weights.isBuilt();
  }

  @Override
  public int[] computeOutputShape(int... inputShape) {
    Objects.requireNonNull(inputShape, "inputShape");
    ChannelWeights.lastAxisChannels(owner, inputShape, axis);
    return inputShape.clone();
  }

  @Override
  public Tensor call(Tensor input) {
    int c = weights.channels();
    long rows = NormalizationCalls.rows(owner, input.shape(), c);
    Tensor out = Tensor.zeros(input.shape());
    NormOps.layerNorm(rows, c, input, out, gamma(), beta(), epsilon, rmsScaling);
    return out;
  }

  @Override
  public void call(float[] input, int[] shape, float[] output) {
    int c = weights.channels();
    long rows = NormalizationCalls.rows(owner, shape, c);
    NormalizationCalls.checkLengths(owner, input, output, shape);
    NormOps.layerNorm(rows, c, input, output, gamma(), beta(), epsilon, rmsScaling);
  }

  @Override
  public String name() {
    return name;
  }

  public int axis() {
    return axis;
  }

  public float epsilon() {
    return epsilon;
  }

  public boolean center() {
    return center;
  }

  public boolean scale() {
    return scale;
  }

  public boolean rmsScaling() {
    return rmsScaling;
  }

  public Initializer betaInitializer() {
    return betaInitializer;
  }

  public Initializer gammaInitializer() {
    return gammaInitializer;
  }

  public Regularizer betaRegularizer() {
    return betaRegularizer;
  }

  public Regularizer gammaRegularizer() {
    return gammaRegularizer;
  }

  public Constraint betaConstraint() {
    return betaConstraint;
  }

  public Constraint gammaConstraint() {
    return gammaConstraint;
  }

  @Override
  public boolean trainable() {
    return trainable;
  }

  public int channels() {
    return weights.channels();
  }

  /** {@code gamma}, or null when the layer has none. */
  public Tensor gamma() {
    return weights.get("gamma");
  }

  /** {@code beta}, or null when the layer has none. */
  public Tensor beta() {
    return weights.get("beta");
  }

  @Override
  public List<Variable> variables() {
    return weights.variables(false);
  }

  /** gamma and beta, or empty when frozen. */
  @Override
  public List<Variable> trainableVariables() {
    return trainable ? weights.variables(true) : List.of();
  }

  public List<float[]> getWeights() {
    return weights.get();
  }

  public void setWeights(List<float[]> values) {
    weights.set(values);
  }

  @Override
  public LayerTraining startTraining(int... maxInputShape) {
    return startTraining(Backend.preferred(), maxInputShape);
  }

  /** A training session whose regularizers run on {@code backend}'s kernels (the model's). */
  @Override
  public LayerTraining startTraining(Backend backend, int... maxInputShape) {
    weights.ensureUsable();
    return new LayerNormTraining(this, WeightOps.of(backend), maxInputShape.clone());
  }

  @Override
  public void close() {
    weights.close();
  }

  @Override
  public String toString() {
    return owner + "(epsilon=" + epsilon + ", center=" + center + ", scale=" + scale
        + (rmsScaling ? ", rms_scaling=true" : "") + ")";
  }

  /** Keras' arguments, with Keras' defaults. */
  public static final class Builder {
    private String name;
    private int axis = -1;
    private float epsilon = 1e-3f;
    private boolean center = true;
    private boolean scale = true;
    private boolean rmsScaling;
    private Initializer betaInitializer = Initializers.get("zeros");
    private Initializer gammaInitializer = Initializers.get("ones");
    private Regularizer betaRegularizer;
    private Regularizer gammaRegularizer;
    private Constraint betaConstraint;
    private Constraint gammaConstraint;
    private boolean trainable = true;

    private Builder() {}

    public Builder name(String name) {
      this.name = name;
      return this;
    }

    public Builder axis(int axis) {
      this.axis = axis;
      return this;
    }

    public Builder epsilon(double epsilon) {
      if (!(epsilon > 0) || Double.isInfinite(epsilon)) {
        throw new IllegalArgumentException("LayerNormalization: epsilon must be > 0; received epsilon=" + epsilon);
      }
      this.epsilon = (float) epsilon;
      return this;
    }

    public Builder center(boolean center) {
      this.center = center;
      return this;
    }

    public Builder scale(boolean scale) {
      this.scale = scale;
      return this;
    }

    public Builder rmsScaling(boolean rmsScaling) {
      this.rmsScaling = rmsScaling;
      return this;
    }

    public Builder betaInitializer(Initializer i) {
      this.betaInitializer = Objects.requireNonNull(i, "betaInitializer");
      return this;
    }

    public Builder gammaInitializer(Initializer i) {
      this.gammaInitializer = Objects.requireNonNull(i, "gammaInitializer");
      return this;
    }

    public Builder betaRegularizer(Regularizer r) {
      this.betaRegularizer = r;
      return this;
    }

    public Builder gammaRegularizer(Regularizer r) {
      this.gammaRegularizer = r;
      return this;
    }

    public Builder betaConstraint(Constraint c) {
      this.betaConstraint = c;
      return this;
    }

    public Builder gammaConstraint(Constraint c) {
      this.gammaConstraint = c;
      return this;
    }

    public Builder trainable(boolean trainable) {
      this.trainable = trainable;
      return this;
    }

    public LayerNormalization build() {
      return new LayerNormalization(this);
    }
  }
}
