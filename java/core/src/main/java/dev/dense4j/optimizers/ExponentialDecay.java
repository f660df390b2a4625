// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.optimizers;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Keras' {@code ExponentialDecay}:
 * {@code lr(step) = initial_learning_rate · decay_rate^(step / decay_steps)}, with the exponent
 * floored when {@code staircase}.
 *
 * @param initialLearningRate the rate at step 0, finite and >= 0
 * @param decaySteps steps per factor of {@code decayRate}, > 0
 * @param decayRate the factor, finite and >= 0
 * @param staircase decay in discrete jumps every {@code decaySteps}
 */
public record ExponentialDecay(double initialLearningRate, long decaySteps, double decayRate,
    boolean staircase) implements LearningRateSchedule {

  public ExponentialDecay {
    if (!Double.isFinite(initialLearningRate) || initialLearningRate < 0) {
      throw new IllegalArgumentException("ExponentialDecay: initial_learning_rate must be finite and >= 0; "
          + "received initial_learning_rate=" + initialLearningRate);
    }
    if (decaySteps <= 0) {
      throw new IllegalArgumentException("ExponentialDecay: decay_steps must be > 0; received decay_steps=" + decaySteps);
    }
    if (!Double.isFinite(decayRate) || decayRate < 0) {
      throw new IllegalArgumentException("ExponentialDecay: decay_rate must be finite and >= 0; received decay_rate="
          + decayRate);
    }
  }

  /** Without staircase, as Keras' default. */
  public ExponentialDecay(double initialLearningRate, long decaySteps, double decayRate) {
    this(initialLearningRate, decaySteps, decayRate, false);
  }

  /** Keras' {@code ExponentialDecay.from_config(config)}: from the dict of {@link #serialize()}'s {@code config}. */
  public static ExponentialDecay fromConfig(Map<String, ?> config) {
    dev.dense4j.config.ConfigReader c = new dev.dense4j.config.ConfigReader("ExponentialDecay", config);
    Long steps = c.getNullableLong("decay_steps");
    if (steps == null) {
      throw c.fail("decay_steps", "must be an integer > 0", c.raw("decay_steps"));
    }
    return new ExponentialDecay(c.getDouble("initial_learning_rate", Double.NaN), steps,
        c.getDouble("decay_rate", Double.NaN), c.getBoolean("staircase", false));
  }

  @Override
  public double at(long step) {
    double p = (double) step / decaySteps;
    return initialLearningRate * Math.pow(decayRate, staircase ? Math.floor(p) : p);
  }

  @Override
  public Map<String, Object> serialize() {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("initial_learning_rate", initialLearningRate);
    config.put("decay_steps", decaySteps);
    config.put("decay_rate", decayRate);
    config.put("staircase", staircase);
    config.put("name", "ExponentialDecay");
    Map<String, Object> obj = new LinkedHashMap<>();
    obj.put("module", "keras.optimizers.schedules");
    obj.put("class_name", "ExponentialDecay");
    obj.put("config", config);
    obj.put("registered_name", null);
    return obj;
  }
}
