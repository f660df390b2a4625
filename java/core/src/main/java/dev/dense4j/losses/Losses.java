// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.losses;

import dev.dense4j.config.ConfigReader;
import dev.dense4j.config.Registry;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * The loss registry (spec §7.6): class names, function names and the aliases {@code mse},
 * {@code MSE}, {@code mae}, {@code MAE}, {@code bce}, {@code BCE}; each resolves to an instance
 * with Keras' defaults and {@code sum_over_batch_size} reduction. Names are exact. User losses
 * (subclasses of {@link Loss}) join with {@link #register}.
 */
public final class Losses {

  private static final Registry<Loss> REGISTRY = new Registry<>("loss", "keras.losses", "Losses", Loss.class,
      new Registry.Describer<>() {
        @Override
        public String className(Loss l) {
          return l.className();
        }

        @Override
        public Map<String, Object> config(Loss l) {
          return l.getConfig();
        }
      });

  static {
    REGISTRY
        .builtin(MeanSquaredError.class, "MeanSquaredError",
            r -> new MeanSquaredError(reduction(r), name(r, "mean_squared_error")), "mean_squared_error", "mse", "MSE")
        .builtin(MeanAbsoluteError.class, "MeanAbsoluteError",
            r -> new MeanAbsoluteError(reduction(r), name(r, "mean_absolute_error")), "mean_absolute_error", "mae",
            "MAE")
        .builtin(BinaryCrossentropy.class, "BinaryCrossentropy", r -> new BinaryCrossentropy(
            r.getBoolean("from_logits", false), r.getDouble("label_smoothing", 0.0), reduction(r),
            name(r, "binary_crossentropy")), "binary_crossentropy", "bce", "BCE")
        .builtin(CategoricalCrossentropy.class, "CategoricalCrossentropy", r -> new CategoricalCrossentropy(
            r.getBoolean("from_logits", false), r.getDouble("label_smoothing", 0.0), reduction(r),
            name(r, "categorical_crossentropy")), "categorical_crossentropy")
        .builtin(SparseCategoricalCrossentropy.class, "SparseCategoricalCrossentropy",
            r -> new SparseCategoricalCrossentropy(r.getBoolean("from_logits", false),
                r.raw("ignore_class") instanceof Number n ? n.intValue() : null, reduction(r),
                name(r, "sparse_categorical_crossentropy")), "sparse_categorical_crossentropy");
  }

  private Losses() {}

  private static Reduction reduction(ConfigReader r) {
    return r.has("reduction") ? Reduction.of(r.getString("reduction", null)) : Reduction.SUM_OVER_BATCH_SIZE;
  }

  private static String name(ConfigReader r, String dflt) {
    return r.getString("name", dflt);
  }

  /** Resolves a Keras loss identifier (or a registered name) to an instance with default arguments. */
  public static Loss get(String name) {
    return REGISTRY.get(Objects.requireNonNull(name, "name"));
  }

  /** Every name {@link #get} accepts, sorted. */
  public static Set<String> names() {
    return REGISTRY.names();
  }

  /** Rebuilds a loss from its Keras class name (or registered name) and {@code get_config()} dict. */
  public static Loss fromConfig(String className, Map<String, ?> config) {
    Map<String, Object> envelope = new LinkedHashMap<>();
    envelope.put("class_name", className);
    envelope.put("config", config == null ? null : new LinkedHashMap<>(config));
    return REGISTRY.fromConfig(envelope);
  }

  /** Rebuilds a loss from its serialized object ({@code module}, {@code class_name}, {@code config}, …). */
  public static Loss fromConfig(Map<String, ?> serialized) {
    return REGISTRY.fromConfig(serialized);
  }

  /** The serialized object of {@code loss} (null gives null), as Keras writes it. */
  public static Map<String, Object> serialize(Loss loss) {
    return REGISTRY.serialize(loss);
  }

  /**
   * Registers a user loss under {@code "package>ClassName"} (or a bare class name);
   * {@code fromConfig} makes an instance from the config {@link Loss#getConfig()} wrote (an empty
   * map when resolved by name).
   */
  public static void register(String registeredName, Function<Map<String, Object>, ? extends Loss> fromConfig) {
    REGISTRY.register(registeredName, fromConfig);
  }
}
