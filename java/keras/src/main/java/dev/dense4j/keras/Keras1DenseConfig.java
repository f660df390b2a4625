// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.keras;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A Keras 1 Dense config in Keras 2/3 words, as Keras 2's legacy interface translated it:
 * {@code output_dim → units}, {@code init → kernel_initializer}, {@code bias → use_bias},
 * {@code W_regularizer}/{@code b_regularizer} → {@code kernel_}/{@code bias_regularizer},
 * {@code W_constraint}/{@code b_constraint} → {@code kernel_}/{@code bias_constraint},
 * {@code input_dtype → dtype}. Keras 1 wrote regularizers and constraints as
 * {@code {"name": Class, arg: …}}; those become {@code {"class_name", "config"}} envelopes, with
 * {@code L1L2Regularizer}/{@code WeightRegularizer}/{@code ActivityRegularizer} read as
 * {@code L1L2} and the arguments {@code m}, {@code low}, {@code high} of {@code MaxNorm} and
 * {@code MinMaxNorm} as {@code max_value}, {@code min_value}, {@code max_value}. Keras 1's
 * initializer names ({@code uniform}, {@code normal}, {@code zero}, {@code one}, …) are names the
 * core registry knows, with the same defaults.
 */
final class Keras1DenseConfig {

  private static final Map<String, String> KEYS = Map.of("output_dim", "units", "init", "kernel_initializer",
      "bias", "use_bias", "W_regularizer", "kernel_regularizer", "b_regularizer", "bias_regularizer",
      "W_constraint", "kernel_constraint", "b_constraint", "bias_constraint", "input_dtype", "dtype");

  private static final Map<String, String> CLASSES = Map.of("L1L2Regularizer", "L1L2",
      "WeightRegularizer", "L1L2", "ActivityRegularizer", "L1L2");

  private static final Map<String, String> ARGUMENTS = Map.of("m", "max_value", "low", "min_value",
      "high", "max_value");

  private Keras1DenseConfig() {}

  /**
   * The config with Keras 1's keys and objects translated; a config without them is returned as is.
   *
   * @throws IllegalArgumentException when a Keras 1 key and its Keras 2 name are both present
   */
  static Map<String, Object> translate(Map<String, Object> config) {
    if (KEYS.keySet().stream().noneMatch(config::containsKey)) {
      return config;
    }
    Map<String, Object> out = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : config.entrySet()) {
      String key = KEYS.getOrDefault(e.getKey(), e.getKey());
      if (!key.equals(e.getKey()) && config.containsKey(key)) {
        throw new IllegalArgumentException("the config has both Keras 1's " + e.getKey() + " and Keras 2's " + key
            + "; received " + e.getKey() + "=" + e.getValue() + ", " + key + "=" + config.get(key));
      }
      out.put(key, isKeras1Object(e.getValue()) ? envelope((Map<?, ?>) e.getValue()) : e.getValue());
    }
    return out;
  }

  /** {@code {"name": …}} without {@code class_name}: a Keras 1 regularizer or constraint. */
  private static boolean isKeras1Object(Object v) {
    return v instanceof Map<?, ?> m && m.get("name") instanceof String && !m.containsKey("class_name");
  }

  private static Map<String, Object> envelope(Map<?, ?> keras1) {
    String name = (String) keras1.get("name");
    Map<String, Object> config = new LinkedHashMap<>();
    keras1.forEach((k, v) -> {
      if (!"name".equals(k)) {
        config.put(ARGUMENTS.getOrDefault(String.valueOf(k), String.valueOf(k)), v);
      }
    });
    Map<String, Object> envelope = new LinkedHashMap<>();
    envelope.put("class_name", CLASSES.getOrDefault(name, name));
    envelope.put("config", config);
    return envelope;
  }
}
