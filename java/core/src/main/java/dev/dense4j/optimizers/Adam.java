// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.optimizers;

import dev.dense4j.tensor.Tensor;
import java.util.Map;

/**
 * Keras' {@code Adam(learning_rate=0.001, beta_1=0.9, beta_2=0.999, epsilon=1e-7,
 * amsgrad=False)} (spec §6.3), with {@code t} the 1-based step:
 * <pre>
 *   alpha = lr·sqrt(1 − beta_2^t) / (1 − beta_1^t)
 *   m ← m + (g − m)·(1 − beta_1);   v ← v + (g² − v)·(1 − beta_2)
 *   amsgrad: v̂ ← max(v̂, v), used in place of v
 *   w ← w − m·alpha / (sqrt(v) + epsilon)
 * </pre>
 * Epsilon is added to the square root of the uncorrected second moment. Slots per variable:
 * {@code momentum}, {@code velocity}, and {@code velocity_hat} with amsgrad.
 */
public class Adam extends Optimizer {

  private final double beta1;
  private final double beta2;
  private final double epsilon;
  private final boolean amsgrad;

  /** Keras' defaults. */
  public Adam() {
    this(builder());
  }

  public Adam(double learningRate) {
    this(builder().learningRate(learningRate));
  }

  Adam(Builder b) {
    this(b, "adam");
  }

  Adam(Builder b, String defaultName) {
    super(b, 0.001, defaultName);
    this.beta1 = b.beta1;
    this.beta2 = b.beta2;
    this.epsilon = b.epsilon;
    this.amsgrad = b.amsgrad;
  }

  public static Builder builder() {
    return new Builder("Adam");
  }

  /** Keras' {@code Adam.from_config(config)}: from the dict {@link #getConfig()} returns (not the serialized envelope). */
  public static Adam fromConfig(java.util.Map<String, ?> config) {
    return OptimizerConfigs.adam(new dev.dense4j.config.ConfigReader("Adam", config));
  }

  @Override
  public String className() {
    return "Adam";
  }

  public double beta1() {
    return beta1;
  }

  public double beta2() {
    return beta2;
  }

  public double epsilon() {
    return epsilon;
  }

  public boolean amsgrad() {
    return amsgrad;
  }

  @Override
  final String[] slotNames() {
    return new String[] {"momentum", "velocity", "velocity_hat"};
  }

  @Override
  final boolean[] slotsUsed() {
    return new boolean[] {true, true, amsgrad};
  }

  @Override
  final int[][] slotOrder() {
    return new int[][] {{0, 1}, {2}};
  }

  @Override
  final void update(Step s, Tensor w, Tensor[] slots, Tensor g) {
    double alpha = s.learningRate() * Math.sqrt(1 - Math.pow(beta2, s.t())) / (1 - Math.pow(beta1, s.t()));
    kernels().adamUpdate((float) alpha, (float) (1 - beta1), (float) (1 - beta2), (float) epsilon, s.decay(),
        s.gradScale(), s.clipValue(), w.size(), w.segment(), slots[0].segment(), slots[1].segment(),
        slots[2] == null ? null : slots[2].segment(), g.segment());
  }

  @Override
  final void addConfig(Map<String, Object> config) {
    config.put("beta_1", beta1);
    config.put("beta_2", beta2);
    config.put("epsilon", epsilon);
    config.put("amsgrad", amsgrad);
  }

  /** {@code Adam} (and {@code AdamW}) arguments; unset ones keep Keras' defaults. */
  public static class Builder extends Optimizer.Builder<Builder> {
    private double beta1 = 0.9;
    private double beta2 = 0.999;
    private double epsilon = 1e-7;
    private boolean amsgrad;
    private final String owner;

    Builder(String owner) {
      super(owner);
      this.owner = owner;
    }

    @Override
    Builder self() {
      return this;
    }

    /** In {@code [0, 1)}; default 0.9. */
    public Builder beta1(double beta1) {
      requireBeta("beta_1", beta1);
      this.beta1 = beta1;
      return this;
    }

    /** In {@code [0, 1)}; default 0.999. */
    public Builder beta2(double beta2) {
      requireBeta("beta_2", beta2);
      this.beta2 = beta2;
      return this;
    }

    /** Default 1e-7. */
    public Builder epsilon(double epsilon) {
      requireNonNegative(owner, "epsilon", epsilon);
      this.epsilon = epsilon;
      return this;
    }

    public Builder amsgrad(boolean amsgrad) {
      this.amsgrad = amsgrad;
      return this;
    }

    private void requireBeta(String arg, double v) {
      if (!(v >= 0 && v < 1)) {
        throw new IllegalArgumentException(owner + ": " + arg + " must be in [0, 1); received " + arg + "=" + v);
      }
    }

    public Adam build() {
      return new Adam(this);
    }
  }
}
