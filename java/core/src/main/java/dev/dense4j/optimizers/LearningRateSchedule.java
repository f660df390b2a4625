// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.optimizers;

import java.util.Map;

/**
 * The learning rate as a function of the optimizer's iteration counter (the number of updates
 * applied before this one, starting at 0), as Keras' {@code LearningRateSchedule}. A lambda
 * is a user schedule: {@code step -> 0.01 / (1 + step)}. Optimizers use the value rounded to
 * float32, as Keras' float32 learning-rate variable does.
 */
@FunctionalInterface
public interface LearningRateSchedule {

  /** The learning rate for the update that follows {@code step} earlier ones. */
  double at(long step);

  /**
   * Keras' serialised form ({@code {module, class_name, config, registered_name}}) of a
   * built-in schedule; null for a user function, which has none.
   */
  default Map<String, Object> serialize() {
    return null;
  }

  /**
   * Keras' {@code schedules.deserialize}: a built-in schedule from its serialized object
   * ({@code {"class_name": "ExponentialDecay", "config": …}}).
   *
   * @throws IllegalArgumentException for a class dense4j does not have
   */
  static LearningRateSchedule deserialize(Map<String, ?> serialized) {
    dev.dense4j.config.KerasObject o = dev.dense4j.config.KerasObject.parse("LearningRateSchedule", serialized);
    if (!o.className().equals("ExponentialDecay")) {
      throw new IllegalArgumentException("Unknown learning rate schedule '" + o.className() + "'; known: ExponentialDecay");
    }
    return ExponentialDecay.fromConfig(o.config());
  }

  /** A constant learning rate. */
  static LearningRateSchedule constant(double learningRate) {
    return new Constant(learningRate);
  }

  /** A constant rate, kept as a type so that optimizers can tell it from a schedule. */
  record Constant(double learningRate) implements LearningRateSchedule {
    public Constant {
      if (!Double.isFinite(learningRate) || learningRate < 0) {
        throw new IllegalArgumentException("Optimizer: learning_rate must be finite and >= 0; received learning_rate="
            + learningRate);
      }
    }

    @Override
    public double at(long step) {
      return learningRate;
    }
  }
}
