// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.internal;

import dev.dense4j.backend.Backend;
import dev.dense4j.optimizers.Optimizer;
import java.util.Objects;

/**
 * The route by which a model hands its backend to the optimizer it compiles, without a public
 * method on {@link Optimizer}: the optimizers package installs the binder when {@code Optimizer}
 * is initialised (which has happened by the time anyone holds an instance).
 */
public final class OptimizerBinding {

  /** Gives an optimizer the backend of its owner. */
  public interface Binder {
    void bind(Optimizer optimizer, Backend backend);
  }

  private static volatile Binder binder;

  private OptimizerBinding() {}

  /** Called once, by {@code Optimizer}'s static initialiser. */
  public static void install(Binder b) {
    if (binder != null) {
      throw new IllegalStateException("OptimizerBinding: a binder is already installed");
    }
    binder = Objects.requireNonNull(b, "binder");
  }

  /**
   * Runs {@code optimizer} on {@code backend} from now on, unless its builder chose a backend
   * explicitly (that choice stays).
   */
  public static void bind(Optimizer optimizer, Backend backend) {
    binder.bind(Objects.requireNonNull(optimizer, "optimizer"), Objects.requireNonNull(backend, "backend"));
  }
}
