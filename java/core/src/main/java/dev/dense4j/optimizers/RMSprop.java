// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.optimizers;

import dev.dense4j.tensor.Tensor;
import java.util.Map;

/**
 * Keras' {@code RMSprop(learning_rate=0.001, rho=0.9, momentum=0.0, epsilon=1e-7,
 * centered=False)} (spec §6.5):
 * <pre>
 *   vel ← rho·vel + (1 − rho)·g²
 *   centered: ag ← rho·ag + (1 − rho)·g;  denom = vel − ag² + epsilon;  else denom = vel + epsilon
 *   inc = lr·g / sqrt(denom)                  (epsilon inside the square root)
 *   momentum > 0: mom ← momentum·mom + inc;  w ← w − mom;   else w ← w − inc
 * </pre>
 * Slots: {@code velocity}; {@code momentum} when momentum > 0; {@code average_gradient} when
 * centered.
 */
public final class RMSprop extends Optimizer {

  private final double rho;
  private final double momentum;
  private final double epsilon;
  private final boolean centered;

  /** Keras' defaults. */
  public RMSprop() {
    this(builder());
  }

  public RMSprop(double learningRate) {
    this(builder().learningRate(learningRate));
  }

  private RMSprop(Builder b) {
    super(b, 0.001, "rmsprop");
    this.rho = b.rho;
    this.momentum = b.momentum;
    this.epsilon = b.epsilon;
    this.centered = b.centered;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Keras' {@code RMSprop.from_config(config)}: from the dict {@link #getConfig()} returns (not the serialized envelope). */
  public static RMSprop fromConfig(java.util.Map<String, ?> config) {
    return OptimizerConfigs.rmsprop(new dev.dense4j.config.ConfigReader("RMSprop", config));
  }

  @Override
  public String className() {
    return "RMSprop";
  }

  public double rho() {
    return rho;
  }

  public double momentum() {
    return momentum;
  }

  public double epsilon() {
    return epsilon;
  }

  public boolean centered() {
    return centered;
  }

  @Override
  String[] slotNames() {
    return new String[] {"velocity", "momentum", "average_gradient"};
  }

  @Override
  boolean[] slotsUsed() {
    return new boolean[] {true, momentum > 0, centered};
  }

  @Override
  int[][] slotOrder() {
    return new int[][] {{0}, {1}, {2}};
  }

  @Override
  void update(Step s, Tensor w, Tensor[] slots, Tensor g) {
    kernels().rmspropUpdate((float) s.learningRate(), (float) rho, (float) (1 - rho), (float) momentum,
        (float) epsilon, s.decay(), s.gradScale(), s.clipValue(), w.size(), w.segment(), slots[0].segment(),
        slots[1] == null ? null : slots[1].segment(), slots[2] == null ? null : slots[2].segment(), g.segment());
  }

  @Override
  void addConfig(Map<String, Object> config) {
    config.put("rho", rho);
    config.put("momentum", momentum);
    config.put("epsilon", epsilon);
    config.put("centered", centered);
  }

  /** {@code RMSprop} arguments; unset ones keep Keras' defaults. */
  public static final class Builder extends Optimizer.Builder<Builder> {
    private double rho = 0.9;
    private double momentum;
    private double epsilon = 1e-7;
    private boolean centered;

    private Builder() {
      super("RMSprop");
    }

    @Override
    Builder self() {
      return this;
    }

    /** In {@code [0, 1]}; default 0.9. */
    public Builder rho(double rho) {
      requireUnit("RMSprop", "rho", rho);
      this.rho = rho;
      return this;
    }

    /** Finite and >= 0; default 0. */
    public Builder momentum(double momentum) {
      requireNonNegative("RMSprop", "momentum", momentum);
      this.momentum = momentum;
      return this;
    }

    /** Default 1e-7. */
    public Builder epsilon(double epsilon) {
      requireNonNegative("RMSprop", "epsilon", epsilon);
      this.epsilon = epsilon;
      return this;
    }

    public Builder centered(boolean centered) {
      this.centered = centered;
      return this;
    }

    public RMSprop build() {
      return new RMSprop(this);
    }
  }
}
