// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.constraints;

import dev.dense4j.config.Registry;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The constraint registry: Keras 3's names, exact and case-sensitive — {@code NonNeg}/
 * {@code non_neg}, {@code MaxNorm}/{@code max_norm}, {@code MinMaxNorm}/{@code min_max_norm},
 * {@code UnitNorm}/{@code unit_norm}, {@code Constraint}/{@code constraint} (identity) — resolved
 * with default parameters; serialized objects in both directions; user-registered classes (see
 * {@link Constraint} for a weight-clipping example).
 *
 * {@snippet :
 * Constraint c = Constraints.get("max_norm");                    // MaxNorm(max_value=2, axis=0)
 * Constraint d = Constraints.fromConfig(Map.of("class_name", "UnitNorm", "config", Map.of("axis", 1)));
 * }
 */
public final class Constraints {

  private static final Registry<Constraint> REGISTRY = new Registry<>("constraint", "keras.constraints",
      "Constraints", Constraint.class, new Registry.Describer<>() {
        @Override
        public String className(Constraint c) {
          return c.className();
        }

        @Override
        public Map<String, Object> config(Constraint c) {
          return c.getConfig();
        }
      });

  static {
    REGISTRY
        .builtin(NonNeg.class, "NonNeg", r -> {
          r.checkKeys(List.of());
          return new NonNeg();
        }, "non_neg")
        .builtin(MaxNorm.class, "MaxNorm", MaxNorm::fromConfig, "max_norm")
        .builtin(MinMaxNorm.class, "MinMaxNorm", MinMaxNorm::fromConfig, "min_max_norm")
        .builtin(UnitNorm.class, "UnitNorm", UnitNorm::fromConfig, "unit_norm")
        .builtin(IdentityConstraint.class, "Constraint", r -> {
          r.checkKeys(List.of());
          return new IdentityConstraint();
        }, "constraint");
  }

  private Constraints() {}

  /**
   * Resolves a Keras name with default parameters; null gives null (no constraint).
   *
   * @throws IllegalArgumentException for unknown names, listing the known ones
   */
  public static Constraint get(String name) {
    return REGISTRY.get(name);
  }

  /**
   * Resolves any Keras identifier: null → null, a name, a serialized object (Keras 3 envelope or
   * Keras 2 {@code {"class_name", "config"}}), or a {@link Constraint}, returned as is.
   */
  public static Constraint resolve(Object identifier) {
    return REGISTRY.resolve(identifier);
  }

  /** The constraint a serialized object describes. */
  public static Constraint fromConfig(Map<String, ?> serialized) {
    return REGISTRY.fromConfig(serialized);
  }

  /** The serialized object of {@code constraint} (null gives null), as Keras writes it. */
  public static Map<String, Object> serialize(Constraint constraint) {
    return REGISTRY.serialize(constraint);
  }

  /**
   * Registers a user-defined constraint under {@code "package>ClassName"} (or a bare class name);
   * {@code fromConfig} makes an instance from the config {@link Constraint#getConfig()} wrote.
   */
  public static void register(String registeredName, Function<Map<String, Object>, ? extends Constraint> fromConfig) {
    REGISTRY.register(registeredName, fromConfig);
  }

  /** Every name {@link #get} knows, sorted. */
  public static Set<String> names() {
    return REGISTRY.names();
  }
}
