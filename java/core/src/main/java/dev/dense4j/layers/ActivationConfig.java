// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.layers;

import dev.dense4j.activations.Activation;
import dev.dense4j.activations.Activations;
import dev.dense4j.activations.BuiltinActivation;
import dev.dense4j.config.ConfigReader;
import dev.dense4j.config.KerasObject;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A Dense layer's {@code activation} in a Keras 3 config, both ways. Keras stores an activation
 * function by name, so a built-in with non-default parameters has no name; Keras' own answer is
 * an activation layer as the activation ({@code Dense(activation=LeakyReLU(negative_slope=0.1))}),
 * whose serialized object Keras writes and reads back. So:
 * <ul>
 *   <li>default parameters, or a custom activation: the name;
 *   <li>{@code leaky_relu(s)}, {@code relu(s, max, threshold)} (threshold and max ≥ 0, as Keras'
 *       ReLU layer requires), {@code elu(a)}: the serialized {@code LeakyReLU}, {@code ReLU} or
 *       {@code ELU} layer, exactly as Keras 3 writes it;
 *   <li>anything else ({@code gelu(approximate=True)}, {@code celu(a)}, Keras 2's
 *       {@code hard_sigmoid}, …): an {@code IllegalArgumentException}, as Keras raises for a
 *       {@code functools.partial} — never a config that would come back with other parameters.
 * </ul>
 */
final class ActivationConfig {

  private ActivationConfig() {}

  /** The config value for {@code a}; {@code owner} starts the error message. */
  static Object of(Activation a, String owner) {
    if (!(a instanceof BuiltinActivation b) || b.equals(Activations.get(b.name()))) {
      return a.name();
    }
    Map<String, Object> c = new LinkedHashMap<>();
    switch (b.kind()) {
      case LEAKY_RELU -> {
        base(c, "leaky_re_lu");
        c.put("negative_slope", (double) b.p0());
        return layer("LeakyReLU", c);
      }
      case RELU -> {
        if (b.p2() >= 0 && b.p1() >= 0) {
          base(c, "re_lu");
          c.put("max_value", Float.isInfinite(b.p1()) ? null : (Object) (double) b.p1());
          c.put("negative_slope", (double) b.p0());
          c.put("threshold", (double) b.p2());
          return layer("ReLU", c);
        }
      }
      case ELU -> {
        c.put("name", "elu");
        c.put("alpha", (double) b.p0());
        c.put("trainable", true);
        c.put("dtype", KerasObject.float32Policy());
        return layer("ELU", c);
      }
      default -> { }
    }
    throw new IllegalArgumentException(owner + ": activation " + a + " has parameters that a Keras 3 config "
        + "cannot express (Keras stores activation functions by name; only leaky_relu, relu with threshold and "
        + "max_value >= 0, and elu have a layer form); use an activation layer after a linear Dense instead; "
        + "received activation=" + a);
  }

  private static void base(Map<String, Object> c, String name) {
    c.put("name", name);
    c.put("trainable", true);
    c.put("dtype", KerasObject.float32Policy());
  }

  private static Map<String, Object> layer(String className, Map<String, Object> config) {
    return new KerasObject("keras.layers", className, config, null).toMap();
  }

  /**
   * The activation of a config value: null (linear), a name, Keras' {@code {"class_name":
   * "function", "config": name}}, or a serialized LeakyReLU, ReLU, ELU or Activation layer.
   */
  static Activation from(ConfigReader r) {
    Object v = r.raw("activation");
    if (v == null || v instanceof String) {
      return Activations.get((String) v);
    }
    if (v instanceof Map<?, ?> m && m.get("config") instanceof String name) {
      return Activations.get(name);
    }
    if (v instanceof Map<?, ?> m && m.get("class_name") instanceof String cls && m.get("config") instanceof Map<?, ?>) {
      ConfigReader c = new ConfigReader(r.owner() + " activation " + cls, KerasObject.parse(r.owner(), m).config());
      switch (cls) {
        case "LeakyReLU":
          return Activations.leakyRelu((float) c.getDouble("negative_slope", 0.3));
        case "ReLU":
          Double max = c.getNullableDouble("max_value");
          return Activations.relu((float) c.getDouble("negative_slope", 0), max == null ? Float.POSITIVE_INFINITY
              : max.floatValue(), (float) c.getDouble("threshold", 0));
        case "ELU":
          return Activations.elu((float) c.getDouble("alpha", 1));
        case "Activation":
          return Activations.get(c.getString("activation", "linear"));
        default:
          break;
      }
    }
    throw r.fail("activation", "must be a name, a serialized function or a LeakyReLU, ReLU, ELU or Activation layer", v);
  }
}
