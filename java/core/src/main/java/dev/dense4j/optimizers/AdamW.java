// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.optimizers;

/**
 * Keras' {@code AdamW} (spec §6.4): {@link Adam} with decoupled weight decay, default
 * {@code weight_decay=0.004}: {@code w ← w − w·weight_decay·lr} before each Adam step.
 */
public final class AdamW extends Adam {

  /** Keras' defaults (learning rate 0.001, weight decay 0.004). */
  public AdamW() {
    this(builder());
  }

  private AdamW(Adam.Builder b) {
    super(b, "adamw");
  }

  /**
   * Adam's arguments with the weight decay starting at 0.004; every setter returns this builder's
   * own type, so {@code AdamW.builder().learningRate(0.01).build()} is typed {@code AdamW}.
   */
  public static Builder builder() {
    return new Builder();
  }

  /** Keras' {@code AdamW.from_config(config)}: from the dict {@link #getConfig()} returns (not the serialized envelope). */
  public static AdamW fromConfig(java.util.Map<String, ?> config) {
    return OptimizerConfigs.adamW(new dev.dense4j.config.ConfigReader("AdamW", config));
  }

  @Override
  public String className() {
    return "AdamW";
  }

  /** {@code AdamW} arguments: those of Adam, with {@code weight_decay} defaulting to 0.004. */
  public static final class Builder extends Adam.Builder {
    private Builder() {
      super("AdamW");
      weightDecay(0.004);
    }

    // covariant overrides: each setter keeps the AdamW type

    @Override
    public Builder learningRate(double learningRate) {
      super.learningRate(learningRate);
      return this;
    }

    @Override
    public Builder learningRate(LearningRateSchedule schedule) {
      super.learningRate(schedule);
      return this;
    }

    @Override
    public Builder weightDecay(double weightDecay) {
      super.weightDecay(weightDecay);
      return this;
    }

    @Override
    public Builder excludeFromWeightDecay(String... varNames) {
      super.excludeFromWeightDecay(varNames);
      return this;
    }

    @Override
    public Builder clipnorm(double clipnorm) {
      super.clipnorm(clipnorm);
      return this;
    }

    @Override
    public Builder clipvalue(double clipvalue) {
      super.clipvalue(clipvalue);
      return this;
    }

    @Override
    public Builder globalClipnorm(double globalClipnorm) {
      super.globalClipnorm(globalClipnorm);
      return this;
    }

    @Override
    public Builder name(String name) {
      super.name(name);
      return this;
    }

    @Override
    public Builder backend(dev.dense4j.backend.Backend backend) {
      super.backend(backend);
      return this;
    }

    @Override
    public Builder beta1(double beta1) {
      super.beta1(beta1);
      return this;
    }

    @Override
    public Builder beta2(double beta2) {
      super.beta2(beta2);
      return this;
    }

    @Override
    public Builder epsilon(double epsilon) {
      super.epsilon(epsilon);
      return this;
    }

    @Override
    public Builder amsgrad(boolean amsgrad) {
      super.amsgrad(amsgrad);
      return this;
    }

    @Override
    public AdamW build() {
      return new AdamW(this);
    }
  }
}
