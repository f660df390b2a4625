// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.regularizers;

import dev.dense4j.config.Registry;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The regularizer registry: Keras 3's names, exact and case-sensitive — {@code L1}/{@code l1},
 * {@code L2}/{@code l2}, {@code L1L2}/{@code l1l2}, {@code OrthogonalRegularizer}/
 * {@code orthogonal_regularizer}, {@code Regularizer}/{@code regularizer} (no penalty) — resolved
 * with default parameters; serialized objects in both directions; user-registered classes.
 *
 * <p>Keras 3's string traps are kept: {@code "l1"} and {@code "l2"} give a factor of 0.01, but
 * {@code "l1l2"} gives {@code L1L2(0, 0)}, a zero penalty, and {@code "l1_l2"} is unknown.
 *
 * {@snippet :
 * Regularizer r = Regularizers.get("l2");                        // L2(0.01)
 * Regularizer s = Regularizers.fromConfig(Map.of("class_name", "L1L2",
 *     "config", Map.of("l1", 0.0, "l2", 0.01)));                  // Keras 2 form
 * }
 */
public final class Regularizers {

  private static final Registry<Regularizer> REGISTRY = new Registry<>("regularizer", "keras.regularizers",
      "Regularizers", Regularizer.class, new Registry.Describer<>() {
        @Override
        public String className(Regularizer r) {
          return r.className();
        }

        @Override
        public Map<String, Object> config(Regularizer r) {
          return r.getConfig();
        }
      });

  static {
    REGISTRY
        .builtin(L1.class, "L1", L1::fromConfig, "l1")
        .builtin(L2.class, "L2", L2::fromConfig, "l2")
        .builtin(L1L2.class, "L1L2", L1L2::fromConfig, "l1l2")
        .builtin(OrthogonalRegularizer.class, "OrthogonalRegularizer", OrthogonalRegularizer::fromConfig,
            "orthogonal_regularizer")
        .builtin(NoPenalty.class, "Regularizer", r -> {
          r.checkKeys(List.of());
          return new NoPenalty();
        }, "regularizer");
  }

  private Regularizers() {}

  /**
   * Resolves a Keras name with default parameters; null gives null (no regularizer).
   *
   * @throws IllegalArgumentException for unknown names, listing the known ones
   */
  public static Regularizer get(String name) {
    return REGISTRY.get(name);
  }

  /**
   * Resolves any Keras identifier: null → null, a name, a serialized object (Keras 3 envelope or
   * Keras 2 {@code {"class_name", "config"}}), or a {@link Regularizer}, returned as is.
   */
  public static Regularizer resolve(Object identifier) {
    return REGISTRY.resolve(identifier);
  }

  /** The regularizer a serialized object describes. */
  public static Regularizer fromConfig(Map<String, ?> serialized) {
    return REGISTRY.fromConfig(serialized);
  }

  /** The serialized object of {@code regularizer} (null gives null), as Keras writes it. */
  public static Map<String, Object> serialize(Regularizer regularizer) {
    return REGISTRY.serialize(regularizer);
  }

  /**
   * Registers a user-defined regularizer under {@code "package>ClassName"} (or a bare class name);
   * {@code fromConfig} makes an instance from the config {@link Regularizer#getConfig()} wrote.
   */
  public static void register(String registeredName, Function<Map<String, Object>, ? extends Regularizer> fromConfig) {
    REGISTRY.register(registeredName, fromConfig);
  }

  /** Every name {@link #get} knows, sorted. */
  public static Set<String> names() {
    return REGISTRY.names();
  }
}
