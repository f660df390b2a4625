// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.initializers;

import dev.dense4j.config.ConfigReader;
import dev.dense4j.config.Registry;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The initializer registry: Keras 3's names, exact and case-sensitive, resolved to instances with
 * default parameters; serialized objects in both directions; user-registered classes.
 *
 * <p>Names: each class name and its snake_case form — {@code Constant}, {@code Zeros},
 * {@code Ones}, {@code Identity}, {@code Orthogonal}, {@code RandomNormal}, {@code RandomUniform},
 * {@code TruncatedNormal}, {@code VarianceScaling}, {@code GlorotNormal}, {@code GlorotUniform},
 * {@code HeNormal}, {@code HeUniform}, {@code LecunNormal}, {@code LecunUniform} — and the aliases
 * {@code normal}, {@code uniform}, {@code zero}, {@code one}, {@code IdentityInitializer},
 * {@code OrthogonalInitializer}. {@code STFT} (a convolution-kernel initializer for spectrograms)
 * and the abstract {@code Initializer} base are known names that fail with the reason.
 *
 * {@snippet :
 * Initializer he = Initializers.get("he_normal");                    // unseeded: seed drawn now
 * Initializer same = Initializers.fromConfig(Initializers.serialize(new GlorotUniform(42L)));
 * }
 */
public final class Initializers {

  private static final Registry<Initializer> REGISTRY = new Registry<>("initializer", "keras.initializers",
      "Initializers", Initializer.class, new Registry.Describer<>() {
        @Override
        public String className(Initializer i) {
          return i.className();
        }

        @Override
        public Map<String, Object> config(Initializer i) {
          return i.getConfig();
        }
      });

  static {
    REGISTRY
        .builtin(Constant.class, "Constant", Constant::fromConfig, "constant")
        .builtin(Zeros.class, "Zeros", noArgs(Zeros::new), "zeros", "zero")
        .builtin(Ones.class, "Ones", noArgs(Ones::new), "ones", "one")
        .builtin(Identity.class, "Identity", Identity::fromConfig, "identity", "IdentityInitializer")
        .builtin(Orthogonal.class, "Orthogonal", Orthogonal::fromConfig, "orthogonal", "OrthogonalInitializer")
        .builtin(RandomNormal.class, "RandomNormal", RandomNormal::fromConfig, "random_normal", "normal")
        .builtin(RandomUniform.class, "RandomUniform", RandomUniform::fromConfig, "random_uniform", "uniform")
        .builtin(TruncatedNormal.class, "TruncatedNormal", TruncatedNormal::fromConfig, "truncated_normal")
        .builtin(VarianceScaling.class, "VarianceScaling", VarianceScaling::fromConfig, "variance_scaling")
        .builtin(GlorotNormal.class, "GlorotNormal", GlorotNormal::fromConfig, "glorot_normal")
        .builtin(GlorotUniform.class, "GlorotUniform", GlorotUniform::fromConfig, "glorot_uniform")
        .builtin(HeNormal.class, "HeNormal", HeNormal::fromConfig, "he_normal")
        .builtin(HeUniform.class, "HeUniform", HeUniform::fromConfig, "he_uniform")
        .builtin(LecunNormal.class, "LecunNormal", LecunNormal::fromConfig, "lecun_normal")
        .builtin(LecunUniform.class, "LecunUniform", LecunUniform::fromConfig, "lecun_uniform")
        .unsupported("is a convolution-kernel initializer for spectrograms (Keras' STFT); dense4j does not "
            + "support it on Dense", "STFT", "stft", "STFTInitializer")
        .unsupported("is Keras' abstract base class and cannot fill weights; use a concrete initializer",
            "Initializer", "initializer");
  }

  private Initializers() {}

  private static Function<ConfigReader, Initializer> noArgs(Supplier<Initializer> s) {
    return r -> {
      r.checkKeys(List.of("dtype"));
      return s.get();
    };
  }

  /**
   * Resolves a Keras name with default parameters (a random initializer gets a fresh seed).
   *
   * @throws IllegalArgumentException for unknown names, listing the known ones
   */
  public static Initializer get(String name) {
    if (name == null) {
      throw new IllegalArgumentException("Initializers: expected an initializer name; received name=null");
    }
    return REGISTRY.get(name);
  }

  /**
   * Resolves any Keras identifier: null → null, a name, a serialized object
   * ({@code {"module", "class_name", "config", "registered_name"}} or Keras 2's
   * {@code {"class_name", "config"}}), or an {@link Initializer}, returned as is.
   */
  public static Initializer resolve(Object identifier) {
    return REGISTRY.resolve(identifier);
  }

  /** The initializer a serialized object describes. */
  public static Initializer fromConfig(Map<String, ?> serialized) {
    return REGISTRY.fromConfig(serialized);
  }

  /** The serialized object of {@code initializer} (null gives null), as Keras writes it. */
  public static Map<String, Object> serialize(Initializer initializer) {
    return REGISTRY.serialize(initializer);
  }

  /**
   * Registers a user-defined initializer: {@code registeredName} is {@code "package>ClassName"}
   * (Keras' {@code register_keras_serializable}) or a bare class name, and {@code fromConfig}
   * makes an instance from the config {@link Initializer#getConfig()} wrote. Global to the JVM.
   */
  public static void register(String registeredName, Function<Map<String, Object>, ? extends Initializer> fromConfig) {
    REGISTRY.register(registeredName, fromConfig);
  }

  /** Every name {@link #get} knows (built-ins, aliases, registered ones), sorted. */
  public static Set<String> names() {
    return REGISTRY.names();
  }
}
