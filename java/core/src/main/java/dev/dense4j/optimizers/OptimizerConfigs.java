// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.optimizers;

import dev.dense4j.config.ConfigReader;
import dev.dense4j.config.KerasObject;
import java.util.Map;

/** The built-in optimizers rebuilt from the config {@link Optimizer#getConfig()} writes (spec §6.9). */
final class OptimizerConfigs {

  private OptimizerConfigs() {}

  static SGD sgd(ConfigReader r) {
    SGD.Builder b = base(r, SGD.builder());
    return b.momentum(r.getDouble("momentum", 0.0)).nesterov(r.getBoolean("nesterov", false)).build();
  }

  static Adam adam(ConfigReader r) {
    return adamArgs(r, base(r, Adam.builder())).build();
  }

  static AdamW adamW(ConfigReader r) {
    AdamW.Builder b = AdamW.builder();
    adamArgs(r, base(r, b));
    return b.build();
  }

  static RMSprop rmsprop(ConfigReader r) {
    RMSprop.Builder b = base(r, RMSprop.builder());
    return b.rho(r.getDouble("rho", 0.9)).momentum(r.getDouble("momentum", 0.0))
        .epsilon(r.getDouble("epsilon", 1e-7)).centered(r.getBoolean("centered", false)).build();
  }

  private static Adam.Builder adamArgs(ConfigReader r, Adam.Builder b) {
    return b.beta1(r.getDouble("beta_1", 0.9)).beta2(r.getDouble("beta_2", 0.999))
        .epsilon(r.getDouble("epsilon", 1e-7)).amsgrad(r.getBoolean("amsgrad", false));
  }

  // name, learning_rate (a number or a serialized ExponentialDecay), weight decay and clipping;
  // the Keras options dense4j does not implement are refused when set, never dropped
  private static <B extends Optimizer.Builder<B>> B base(ConfigReader r, B b) {
    if (r.getBoolean("use_ema", false)) {
      throw r.fail("use_ema", "is not supported by dense4j (must be false)", true);
    }
    for (String key : new String[] {"gradient_accumulation_steps", "loss_scale_factor", "ema_overwrite_frequency"}) {
      if (r.raw(key) != null) {
        throw r.fail(key, "is not supported by dense4j (must be null)", r.raw(key));
      }
    }
    String name = r.getString("name", null);
    if (name != null) {
      b.name(name);
    }
    Object lr = r.raw("learning_rate");
    if (lr instanceof Number n) {
      b.learningRate(n.doubleValue());
    } else if (lr instanceof Map<?, ?> m) {
      b.learningRate(schedule(r, m));
    } else if (lr != null) {
      throw r.fail("learning_rate", "must be a number or a serialized ExponentialDecay", lr);
    }
    Double wd = r.getNullableDouble("weight_decay");
    if (wd != null) {
      b.weightDecay(wd);
    }
    Double clipnorm = r.getNullableDouble("clipnorm");
    if (clipnorm != null) {
      b.clipnorm(clipnorm);
    }
    Double clipvalue = r.getNullableDouble("clipvalue");
    if (clipvalue != null) {
      b.clipvalue(clipvalue);
    }
    Double global = r.getNullableDouble("global_clipnorm");
    if (global != null) {
      b.globalClipnorm(global);
    }
    return b;
  }

  @SuppressWarnings("unchecked")
  private static LearningRateSchedule schedule(ConfigReader r, Map<?, ?> envelope) {
    KerasObject o = KerasObject.parse(r.owner(), envelope);
    if (!o.className().equals("ExponentialDecay")) {
      throw r.fail("learning_rate", "must be a number or a serialized ExponentialDecay", o.className());
    }
    return LearningRateSchedule.deserialize((Map<String, ?>) envelope);
  }
}
