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
 * @param compile whether a {@code .keras} file's {@code compile_config} and optimizer state are
 *     restored (Keras' {@code load_model(compile=True)}, the default)
 */
public record LoadOptions(KerasLimits limits, Map<String, Activation> customActivations, boolean compile) {

  /** Default limits, no custom activations, the training state restored. */
  public static final LoadOptions DEFAULT = new LoadOptions(KerasLimits.DEFAULT, Map.of());

  public LoadOptions {
    Objects.requireNonNull(limits, "limits");
    customActivations = Map.copyOf(customActivations);
  }

  /** With the training state restored. */
  public LoadOptions(KerasLimits limits, Map<String, Activation> customActivations) {
    this(limits, customActivations, true);
  }

  /** These options with {@code compile} set (false: Keras' {@code load_model(compile=False)}). */
  public LoadOptions withCompile(boolean compile) {
    return new LoadOptions(limits, customActivations, compile);
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
