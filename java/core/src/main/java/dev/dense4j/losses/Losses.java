// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.losses;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * The loss registry (spec §7.6): class names, function names and the aliases {@code mse},
 * {@code MSE}, {@code mae}, {@code MAE}, {@code bce}, {@code BCE}; each resolves to an instance
 * with Keras' defaults and {@code sum_over_batch_size} reduction. Names are exact.
 */
public final class Losses {

  private Losses() {}

  private static final Map<String, Supplier<Loss>> BY_NAME = byName();

  private static Map<String, Supplier<Loss>> byName() {
    Map<String, Supplier<Loss>> m = new LinkedHashMap<>();
    for (String n : new String[] {"MeanSquaredError", "mean_squared_error", "mse", "MSE"}) {
      m.put(n, MeanSquaredError::new);
    }
    for (String n : new String[] {"MeanAbsoluteError", "mean_absolute_error", "mae", "MAE"}) {
      m.put(n, MeanAbsoluteError::new);
    }
    for (String n : new String[] {"BinaryCrossentropy", "binary_crossentropy", "bce", "BCE"}) {
      m.put(n, BinaryCrossentropy::new);
    }
    for (String n : new String[] {"CategoricalCrossentropy", "categorical_crossentropy"}) {
      m.put(n, CategoricalCrossentropy::new);
    }
    for (String n : new String[] {"SparseCategoricalCrossentropy", "sparse_categorical_crossentropy"}) {
      m.put(n, SparseCategoricalCrossentropy::new);
    }
    return Map.copyOf(m);
  }

  /** Resolves a Keras loss identifier to an instance with default arguments. */
  public static Loss get(String name) {
    Supplier<Loss> s = BY_NAME.get(Objects.requireNonNull(name, "name"));
    if (s == null) {
      throw new IllegalArgumentException("Unknown loss '" + name + "'; known: " + String.join(", ", names()));
    }
    return s.get();
  }

  /** Every name {@link #get} accepts, sorted. */
  public static Set<String> names() {
    return new TreeSet<>(BY_NAME.keySet());
  }

  /** Rebuilds a loss from its Keras class name and {@code get_config()} dict. */
  public static Loss fromConfig(String className, Map<String, ?> config) {
    String name = config.get("name") instanceof String s ? s : null;
    Reduction reduction = config.containsKey("reduction")
        ? Reduction.of((String) config.get("reduction")) : Reduction.SUM_OVER_BATCH_SIZE;
    boolean logits = Boolean.TRUE.equals(config.get("from_logits"));
    double ls = config.get("label_smoothing") instanceof Number n ? n.doubleValue() : 0.0;
    return switch (className) {
      case "MeanSquaredError" -> new MeanSquaredError(reduction, name != null ? name : "mean_squared_error");
      case "MeanAbsoluteError" -> new MeanAbsoluteError(reduction, name != null ? name : "mean_absolute_error");
      case "BinaryCrossentropy" ->
          new BinaryCrossentropy(logits, ls, reduction, name != null ? name : "binary_crossentropy");
      case "CategoricalCrossentropy" ->
          new CategoricalCrossentropy(logits, ls, reduction, name != null ? name : "categorical_crossentropy");
      case "SparseCategoricalCrossentropy" -> new SparseCategoricalCrossentropy(logits,
          config.get("ignore_class") instanceof Number n ? n.intValue() : null, reduction,
          name != null ? name : "sparse_categorical_crossentropy");
      default -> throw new IllegalArgumentException("Unknown loss class '" + className + "'; known: "
          + "BinaryCrossentropy, CategoricalCrossentropy, MeanAbsoluteError, MeanSquaredError, "
          + "SparseCategoricalCrossentropy");
    };
  }
}
