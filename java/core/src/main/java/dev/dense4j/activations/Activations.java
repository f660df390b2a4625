// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.activations;

import dev.dense4j.internal.ActivationKind;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The activation registry: Keras 3's 30 built-in names, the aliases {@code swish} → {@code silu}
 * and {@code hard_swish} → {@code hard_silu}, parameterised factories, and user-registered ones.
 * Names are exact and case-sensitive, as in Keras.
 */
public final class Activations {

  private static final float ONE_SIXTH = 1f / 6f;
  private static final Map<String, Activation> BUILTIN = builtins();
  private static final Map<String, String> ALIASES = Map.of("swish", "silu", "hard_swish", "hard_silu");
  private static final Map<String, Activation> CUSTOM = new ConcurrentHashMap<>();

  private Activations() {}

  private static Map<String, Activation> builtins() {
    Map<String, Activation> m = new LinkedHashMap<>();
    for (ActivationKind k : ActivationKind.values()) {
      if (k != ActivationKind.THRESHOLD) {
        m.put(k.kerasName(), defaults(k));
      }
    }
    return Collections.unmodifiableMap(m);
  }

  private static Activation defaults(ActivationKind k) {
    return switch (k) {
      case RELU -> relu(0f, Float.POSITIVE_INFINITY, 0f);
      case LEAKY_RELU -> leakyRelu(0.2f);
      case ELU -> elu(1f);
      case CELU -> celu(1f);
      case HARD_SIGMOID -> new BuiltinActivation(k, ONE_SIXTH, 0.5f, 0f);
      case HARD_SILU -> new BuiltinActivation(k, ONE_SIXTH, 0.5f, 0f);
      case SQUAREPLUS -> squareplus(4f);
      case GELU -> gelu(false);
      case SOFT_SHRINK -> softShrink(0.5f);
      case HARD_SHRINK -> hardShrink(0.5f);
      default -> new BuiltinActivation(k, 0f, 0f, 0f);
    };
  }

  /**
   * Resolves a Keras identifier: {@code null} → {@code linear}; a built-in name or alias; a name
   * given to {@link #register}.
   *
   * @throws IllegalArgumentException for unknown names, listing the known ones
   */
  public static Activation get(String name) {
    if (name == null) {
      return BUILTIN.get("linear");
    }
    Activation a = BUILTIN.get(ALIASES.getOrDefault(name, name));
    if (a == null) {
      a = CUSTOM.get(name);
    }
    if (a != null) {
      return a;
    }
    if (name.equals("threshold")) {
      throw new IllegalArgumentException("Activation 'threshold' needs its threshold and default_value "
          + "(Keras cannot use it by name either); use Activations.threshold(threshold, defaultValue)");
    }
    throw new IllegalArgumentException("Unknown activation '" + name + "'; known: "
        + String.join(", ", names()) + " (register custom ones with Activations.register)");
  }

  /** Every name {@link #get} accepts: built-ins, aliases and registered ones, sorted. */
  public static Set<String> names() {
    Set<String> all = new TreeSet<>(BUILTIN.keySet());
    all.add("threshold");
    all.addAll(ALIASES.keySet());
    all.addAll(CUSTOM.keySet());
    return Collections.unmodifiableSet(all);
  }

  /**
   * Registers a custom activation under {@code activation.name()}; built-in names cannot be
   * replaced. Registration is global to the JVM and thread-safe.
   */
  public static void register(Activation activation) {
    Objects.requireNonNull(activation, "activation");
    String name = activation.name();
    if (name == null || name.isBlank() || BUILTIN.containsKey(name) || ALIASES.containsKey(name)
        || name.equals("threshold")) {
      throw new IllegalArgumentException("Activations.register: name must be non-blank and not a built-in; received name="
          + name);
    }
    CUSTOM.put(name, activation);
  }

  /**
   * Keras' {@code relu(x, negative_slope, max_value, threshold)} (spec §2.3); pass
   * {@code Float.POSITIVE_INFINITY} for no {@code max_value}.
   */
  public static Activation relu(float negativeSlope, float maxValue, float threshold) {
    requireFinite("relu", "negative_slope", negativeSlope);
    requireFinite("relu", "threshold", threshold);
    if (!(maxValue > 0)) {
      throw new IllegalArgumentException("relu: max_value must be > 0 (or +inf for none); received max_value=" + maxValue);
    }
    return new BuiltinActivation(ActivationKind.RELU, negativeSlope, maxValue, threshold);
  }

  /** {@code x >= 0 ? x : negativeSlope * x}; Keras' default slope is 0.2. */
  public static Activation leakyRelu(float negativeSlope) {
    requireFinite("leaky_relu", "negative_slope", negativeSlope);
    return new BuiltinActivation(ActivationKind.LEAKY_RELU, negativeSlope, 0f, 0f);
  }

  public static Activation elu(float alpha) {
    requireFinite("elu", "alpha", alpha);
    return new BuiltinActivation(ActivationKind.ELU, alpha, 0f, 0f);
  }

  public static Activation celu(float alpha) {
    requireFinite("celu", "alpha", alpha);
    if (alpha == 0) {
      throw new IllegalArgumentException("celu: alpha must be non-zero; received alpha=0.0");
    }
    return new BuiltinActivation(ActivationKind.CELU, alpha, 0f, 0f);
  }

  /** The exact (erf) form, Keras' default for the activation, or the tanh approximation. */
  public static Activation gelu(boolean approximate) {
    return new BuiltinActivation(ActivationKind.GELU, approximate ? 1f : 0f, 0f, 0f);
  }

  public static Activation squareplus(float b) {
    if (!(b >= 0) || Float.isInfinite(b)) {
      throw new IllegalArgumentException("squareplus: b must be finite and >= 0; received b=" + b);
    }
    return new BuiltinActivation(ActivationKind.SQUAREPLUS, b, 0f, 0f);
  }

  public static Activation softShrink(float threshold) {
    requireFinite("soft_shrink", "threshold", threshold);
    return new BuiltinActivation(ActivationKind.SOFT_SHRINK, threshold, 0f, 0f);
  }

  public static Activation hardShrink(float threshold) {
    requireFinite("hard_shrink", "threshold", threshold);
    return new BuiltinActivation(ActivationKind.HARD_SHRINK, threshold, 0f, 0f);
  }

  /** {@code x > threshold ? x : defaultValue}. */
  public static Activation threshold(float threshold, float defaultValue) {
    requireFinite("threshold", "threshold", threshold);
    if (Float.isNaN(defaultValue)) {
      throw new IllegalArgumentException("threshold: default_value must not be NaN; received default_value=NaN");
    }
    return new BuiltinActivation(ActivationKind.THRESHOLD, threshold, defaultValue, 0f);
  }

  /** Keras 2's {@code hard_sigmoid}, {@code clip(0.2·x + 0.5, 0, 1)}, for files written by Keras 2. */
  public static Activation hardSigmoidKeras2() {
    return new BuiltinActivation(ActivationKind.HARD_SIGMOID, 0.2f, 0.5f, 0f);
  }

  private static void requireFinite(String owner, String arg, float v) {
    if (!Float.isFinite(v)) {
      throw new IllegalArgumentException(owner + ": " + arg + " must be finite; received " + arg + "=" + v);
    }
  }
}
