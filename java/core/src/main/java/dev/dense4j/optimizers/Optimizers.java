// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.optimizers;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * The optimizer registry: the lower-cased Keras class names {@code sgd}, {@code adam},
 * {@code adamw}, {@code rmsprop} (matched case-insensitively, as Keras matches configs), each with
 * Keras' defaults.
 */
public final class Optimizers {

  private Optimizers() {}

  private static final Map<String, Supplier<Optimizer>> BY_NAME = Map.of(
      "sgd", SGD::new, "adam", Adam::new, "adamw", AdamW::new, "rmsprop", RMSprop::new);

  /** A new optimizer with default arguments. */
  public static Optimizer get(String name) {
    Supplier<Optimizer> s = name == null ? null : BY_NAME.get(name.toLowerCase(Locale.ROOT));
    if (s == null) {
      throw new IllegalArgumentException("Unknown optimizer '" + name + "'; known: " + String.join(", ", names()));
    }
    return s.get();
  }

  public static Set<String> names() {
    return new TreeSet<>(BY_NAME.keySet());
  }
}
