// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.optimizers;

import dev.dense4j.tensor.Tensor;
import java.util.Map;

/**
 * Keras' {@code SGD(learning_rate=0.01, momentum=0.0, nesterov=False)} (spec §6.2):
 * <pre>
 *   momentum = 0:  w ← w − lr·g
 *   otherwise:     m ← momentum·m − lr·g;   w ← w + m   (nesterov: w ← w + momentum·m − lr·g)
 * </pre>
 * One slot {@code momentum} per variable, only when {@code momentum ≠ 0}.
 */
public final class SGD extends Optimizer {

  private final double momentum;
  private final boolean nesterov;

  /** Keras' defaults. */
  public SGD() {
    this(builder());
  }

  public SGD(double learningRate) {
    this(builder().learningRate(learningRate));
  }

  private SGD(Builder b) {
    super(b, 0.01, "sgd");
    this.momentum = b.momentum;
    this.nesterov = b.nesterov;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Keras' {@code SGD.from_config(config)}: from the dict {@link #getConfig()} returns (not the serialized envelope). */
  public static SGD fromConfig(java.util.Map<String, ?> config) {
    return OptimizerConfigs.sgd(new dev.dense4j.config.ConfigReader("SGD", config));
  }

  @Override
  public String className() {
    return "SGD";
  }

  public double momentum() {
    return momentum;
  }

  public boolean nesterov() {
    return nesterov;
  }

  @Override
  String[] slotNames() {
    return new String[] {"momentum"};
  }

  @Override
  boolean[] slotsUsed() {
    return new boolean[] {momentum != 0};
  }

  @Override
  int[][] slotOrder() {
    return new int[][] {{0}};
  }

  @Override
  void update(Step s, Tensor w, Tensor[] slots, Tensor g) {
    kernels().sgdUpdate(nesterov, (float) s.learningRate(), (float) momentum, s.decay(), s.gradScale(),
        s.clipValue(), w.size(), w.segment(), slots[0] == null ? null : slots[0].segment(), g.segment());
  }

  @Override
  void addConfig(Map<String, Object> config) {
    config.put("momentum", momentum);
    config.put("nesterov", nesterov);
  }

  /** {@code SGD} arguments; unset ones keep Keras' defaults. */
  public static final class Builder extends Optimizer.Builder<Builder> {
    private double momentum;
    private boolean nesterov;

    private Builder() {
      super("SGD");
    }

    @Override
    Builder self() {
      return this;
    }

    /** In {@code [0, 1]}; default 0. */
    public Builder momentum(double momentum) {
      requireUnit("SGD", "momentum", momentum);
      this.momentum = momentum;
      return this;
    }

    public Builder nesterov(boolean nesterov) {
      this.nesterov = nesterov;
      return this;
    }

    public SGD build() {
      return new SGD(this);
    }
  }
}
