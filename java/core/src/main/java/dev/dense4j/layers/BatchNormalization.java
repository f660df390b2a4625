// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.layers;

import dev.dense4j.backend.Backend;
import dev.dense4j.constraints.Constraint;
import dev.dense4j.initializers.Initializer;
import dev.dense4j.initializers.Initializers;
import dev.dense4j.internal.WeightOps;
import dev.dense4j.internal.norm.BatchNormTraining;
import dev.dense4j.internal.norm.NormOps;
import dev.dense4j.regularizers.Regularizer;
import dev.dense4j.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Keras' {@code BatchNormalization} over the last axis.
 *
 * <p>Inference: {@code y = gamma·(x − moving_mean) / sqrt(moving_variance + epsilon) + beta}.
 * Training ({@code Sequential.fit}): the batch's mean and biased variance per channel replace the
 * moving statistics, which are then updated as
 * {@code moving = moving·momentum + batch·(1 − momentum)}. A layer made with {@code trainable=false}
 * runs in inference mode in training too and updates nothing, as in Keras 3.
 *
 * <p>Variables, in Keras' order: {@code gamma} (without {@code scale=false}), {@code beta}
 * (without {@code center=false}), {@code moving_mean}, {@code moving_variance}; the last two are
 * never trained by an optimizer. {@code synchronized} (multi-device statistics, TensorFlow only)
 * has no meaning on one JVM and is read from configs and ignored; {@code renorm} is not supported.
 *
 * <p>Input shape: any rank >= 2, normalized over the last axis ({@code axis=-1}). Output: the same.
 * Threading and memory as {@link Dense}: calls may run concurrently once built; the layer owns its
 * weights and frees them on {@link #close()}.
 *
 * {@snippet :
 * model.add(Dense.builder(64).build()).add(BatchNormalization.builder().momentum(0.9).build());
 * }
 */
public final class BatchNormalization implements TrainableLayer {

  private final String name;
  private final int axis;
  private final float momentum;
  private final float epsilon;
  private final boolean center;
  private final boolean scale;
  private final Initializer betaInitializer;
  private final Initializer gammaInitializer;
  private final Initializer movingMeanInitializer;
  private final Initializer movingVarianceInitializer;
  private final Regularizer betaRegularizer;
  private final Regularizer gammaRegularizer;
  private final Constraint betaConstraint;
  private final Constraint gammaConstraint;
  private final boolean trainable;
  private final String owner;
  private final ChannelWeights weights;

  private BatchNormalization(Builder b) {
    this.name = b.name != null ? b.name : LayerNames.next("batch_normalization");
    this.axis = b.axis;
    this.momentum = b.momentum;
    this.epsilon = b.epsilon;
    this.center = b.center;
    this.scale = b.scale;
    this.betaInitializer = b.betaInitializer;
    this.gammaInitializer = b.gammaInitializer;
    this.movingMeanInitializer = b.movingMeanInitializer;
    this.movingVarianceInitializer = b.movingVarianceInitializer;
    this.betaRegularizer = b.betaRegularizer;
    this.gammaRegularizer = b.gammaRegularizer;
    this.betaConstraint = b.betaConstraint;
    this.gammaConstraint = b.gammaConstraint;
    this.trainable = b.trainable;
    this.owner = "BatchNormalization '" + name + "'";
    List<ChannelWeights.Spec> specs = new ArrayList<>();
    if (scale) {
      specs.add(new ChannelWeights.Spec("gamma", gammaInitializer, gammaConstraint, true));
    }
    if (center) {
      specs.add(new ChannelWeights.Spec("beta", betaInitializer, betaConstraint, true));
    }
    specs.add(new ChannelWeights.Spec("moving_mean", movingMeanInitializer, null, false));
    specs.add(new ChannelWeights.Spec("moving_variance", movingVarianceInitializer, null, false));
    this.weights = new ChannelWeights(owner, name, specs);
  }

  /** A builder with Keras' defaults: axis -1, momentum 0.99, epsilon 1e-3, center and scale. */
  public static Builder builder() {
    return new Builder();
  }

  /** Keras' defaults, auto-named ({@code batch_normalization}, {@code batch_normalization_1}, …). */
  public BatchNormalization() {
    this(new Builder());
  }

  /** The layer described by a Keras config (Keras 3 keys; Keras 2's one-element axis list too). */
  public static BatchNormalization fromConfig(Map<String, ?> config) {
    return NormalizationConfigs.batchNormalization(config).build();
  }

  /** Keras 3's {@code get_config()} keys in Keras' order ({@code renorm} keys left out: always off). */
  public Map<String, Object> getConfig() {
    return NormalizationConfigs.of(this);
  }

  @Override
  public BatchNormalization build(int... inputShape) {
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

  /** Inference: the moving statistics. */
  @Override
  public Tensor call(Tensor input) {
    long rows = NormalizationCalls.rows(owner, input.shape(), weights.channels());
    Tensor out = Tensor.zeros(input.shape());
    NormOps.affine(this, weights.channels(), rows, input, out);
    return out;
  }

  @Override
  public void call(float[] input, int[] shape, float[] output) {
    long rows = NormalizationCalls.rows(owner, shape, weights.channels());
    NormalizationCalls.checkLengths(owner, input, output, shape);
    NormOps.affine(this, weights.channels(), rows, input, output);
  }

  @Override
  public String name() {
    return name;
  }

  public int axis() {
    return axis;
  }

  public float momentum() {
    return momentum;
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

  public Initializer betaInitializer() {
    return betaInitializer;
  }

  public Initializer gammaInitializer() {
    return gammaInitializer;
  }

  public Initializer movingMeanInitializer() {
    return movingMeanInitializer;
  }

  public Initializer movingVarianceInitializer() {
    return movingVarianceInitializer;
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

  /** The channels normalized; the layer must be built. */
  public int channels() {
    return weights.channels();
  }

  /** {@code gamma}, or null with {@code scale=false}. */
  public Tensor gamma() {
    return weights.get("gamma");
  }

  /** {@code beta}, or null with {@code center=false}. */
  public Tensor beta() {
    return weights.get("beta");
  }

  public Tensor movingMean() {
    return weights.get("moving_mean");
  }

  public Tensor movingVariance() {
    return weights.get("moving_variance");
  }

  /** Every weight in Keras' order: gamma, beta, moving_mean, moving_variance (those that exist). */
  @Override
  public List<Variable> variables() {
    return weights.variables(false);
  }

  /** The weights an optimizer updates: gamma and beta (empty when the layer is frozen). */
  @Override
  public List<Variable> trainableVariables() {
    return trainable ? weights.variables(true) : List.of();
  }

  public List<float[]> getWeights() {
    return weights.get();
  }

  /** Sets the weights in the order of {@link #variables()}. */
  public void setWeights(List<float[]> values) {
    weights.set(values);
  }

  /**
   * A training session: batch statistics and moving-average updates when trainable, inference
   * mode when frozen. The caller closes it.
   */
  @Override
  public LayerTraining startTraining(int... maxInputShape) {
    return startTraining(Backend.preferred(), maxInputShape);
  }

  /** A training session whose regularizers run on {@code backend}'s kernels (the model's). */
  @Override
  public LayerTraining startTraining(Backend backend, int... maxInputShape) {
    weights.ensureUsable();
    return new BatchNormTraining(this, WeightOps.of(backend), maxInputShape.clone());
  }

  @Override
  public void close() {
    weights.close();
  }

  @Override
  public String toString() {
    return owner + "(momentum=" + momentum + ", epsilon=" + epsilon + ", center=" + center + ", scale=" + scale
        + (trainable ? "" : ", trainable=false") + ")";
  }

  /** Keras' arguments, with Keras' defaults. */
  public static final class Builder {
    private String name;
    private int axis = -1;
    private float momentum = 0.99f;
    private float epsilon = 1e-3f;
    private boolean center = true;
    private boolean scale = true;
    private Initializer betaInitializer = Initializers.get("zeros");
    private Initializer gammaInitializer = Initializers.get("ones");
    private Initializer movingMeanInitializer = Initializers.get("zeros");
    private Initializer movingVarianceInitializer = Initializers.get("ones");
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

    /** The normalized axis: -1 (or the last axis' index at build); other axes are refused at build. */
    public Builder axis(int axis) {
      this.axis = axis;
      return this;
    }

    public Builder momentum(double momentum) {
      if (!(momentum >= 0 && momentum <= 1)) {
        throw new IllegalArgumentException("BatchNormalization: momentum must be in [0, 1]; received momentum=" + momentum);
      }
      this.momentum = (float) momentum;
      return this;
    }

    public Builder epsilon(double epsilon) {
      if (!(epsilon > 0) || Double.isInfinite(epsilon)) {
        throw new IllegalArgumentException("BatchNormalization: epsilon must be > 0; received epsilon=" + epsilon);
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

    public Builder betaInitializer(Initializer i) {
      this.betaInitializer = Objects.requireNonNull(i, "betaInitializer");
      return this;
    }

    public Builder gammaInitializer(Initializer i) {
      this.gammaInitializer = Objects.requireNonNull(i, "gammaInitializer");
      return this;
    }

    public Builder movingMeanInitializer(Initializer i) {
      this.movingMeanInitializer = Objects.requireNonNull(i, "movingMeanInitializer");
      return this;
    }

    public Builder movingVarianceInitializer(Initializer i) {
      this.movingVarianceInitializer = Objects.requireNonNull(i, "movingVarianceInitializer");
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

    /** False freezes the layer: inference mode in training too, no updates (Keras 3). */
    public Builder trainable(boolean trainable) {
      this.trainable = trainable;
      return this;
    }

    public BatchNormalization build() {
      return new BatchNormalization(this);
    }
  }
}
