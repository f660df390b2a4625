// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.keras;

import dev.dense4j.activations.Activation;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How to load a model: the bounds for untrusted files and the custom activations the file refers
 * to by name (Keras' {@code custom_objects}); names not given here are looked up in
 * {@link dev.dense4j.activations.Activations}, which includes registered ones. Custom
 * initializers, regularizers and constraints of Dense layers are registered with core's
 * {@code Initializers.register}, {@code Regularizers.register} and {@code Constraints.register}.
 *
 * @param limits bounds on sizes and counts
 * @param customActivations Keras name → implementation
 */
public record LoadOptions(KerasLimits limits, Map<String, Activation> customActivations) {

  /** Default limits, no custom activations. */
  public static final LoadOptions DEFAULT = new LoadOptions(KerasLimits.DEFAULT, Map.of());

  public LoadOptions {
    Objects.requireNonNull(limits, "limits");
    customActivations = Map.copyOf(customActivations);
  }

  /** Default limits with these custom activations, keyed by their {@link Activation#name()}. */
  public static LoadOptions withActivations(Activation... activations) {
    Map<String, Activation> m = new HashMap<>();
    for (Activation a : activations) {
      m.put(a.name(), a);
    }
    return new LoadOptions(KerasLimits.DEFAULT, m);
  }
}
