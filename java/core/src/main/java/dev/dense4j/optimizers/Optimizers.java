// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.optimizers;

import dev.dense4j.config.Registry;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The optimizer registry: Keras' class names {@code SGD}, {@code Adam}, {@code AdamW},
 * {@code RMSprop} and their lower-cased forms (a built-in name matches case-insensitively, as
 * Keras matches configs), each with Keras' defaults; serialized optimizers in both directions;
 * user-registered names.
 *
 * {@snippet :
 * Optimizers.register("MyPackage>FastSgd", c -> SGD.builder().learningRate(0.1).momentum(0.9).build());
 * model.compile(Optimizers.get("FastSgd"), new MeanSquaredError());
 * }
 */
public final class Optimizers {

  private static final Registry<Optimizer> REGISTRY = new Registry<>("optimizer", "keras.optimizers", "Optimizers",
      Optimizer.class, new Registry.Describer<>() {
        @Override
        public String className(Optimizer o) {
          return o.className();
        }

        @Override
        public Map<String, Object> config(Optimizer o) {
          return o.getConfig();
        }
      });

  static {
    REGISTRY
        .builtin(SGD.class, "SGD", OptimizerConfigs::sgd, "sgd")
        .builtin(Adam.class, "Adam", OptimizerConfigs::adam, "adam")
        .builtin(AdamW.class, "AdamW", OptimizerConfigs::adamW, "adamw")
        .builtin(RMSprop.class, "RMSprop", OptimizerConfigs::rmsprop, "rmsprop");
  }

  private Optimizers() {}

  /**
   * A new optimizer with default arguments (or a registered one); built-in names match in any
   * case. Null gives null, as Keras' {@code optimizers.get(None)}.
   */
  public static Optimizer get(String name) {
    if (name == null) {
      return null;
    }
    Set<String> known = REGISTRY.names();
    if (!known.contains(name) && known.contains(name.toLowerCase(Locale.ROOT))) {
      return REGISTRY.get(name.toLowerCase(Locale.ROOT));
    }
    return REGISTRY.get(name);
  }

  /**
   * Keras' {@code optimizers.get(dict)}: an optimizer from its serialized object
   * ({@code {"class_name": …, "config": …}}); null gives null.
   */
  public static Optimizer get(Map<String, ?> identifier) {
    return identifier == null ? null : fromConfig(identifier);
  }

  /** Keras' {@code optimizers.deserialize}: the same as {@link #fromConfig(Map)}. */
  public static Optimizer deserialize(Map<String, ?> serialized) {
    return fromConfig(serialized);
  }

  /** Every name {@link #get} accepts, sorted. */
  public static Set<String> names() {
    return REGISTRY.names();
  }

  /** Rebuilds an optimizer from its serialized object ({@code class_name}, {@code config}, …). */
  public static Optimizer fromConfig(Map<String, ?> serialized) {
    return REGISTRY.fromConfig(serialized);
  }

  /** The serialized object of {@code optimizer} (null gives null), as Keras writes it. */
  public static Map<String, Object> serialize(Optimizer optimizer) {
    return REGISTRY.serialize(optimizer);
  }

  /**
   * Registers an optimizer under {@code "package>ClassName"} (or a bare class name):
   * {@code fromConfig} makes a new one from a config (an empty map when resolved by name). Each
   * call must return a fresh optimizer: optimizers hold per-variable state.
   */
  public static void register(String registeredName, Function<Map<String, Object>, ? extends Optimizer> fromConfig) {
    REGISTRY.register(registeredName, fromConfig);
  }
}
