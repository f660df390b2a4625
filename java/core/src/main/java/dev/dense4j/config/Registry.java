// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.config;

import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A registry of one Keras object family (initializers, regularizers, constraints, losses,
 * metrics, optimizers): exact, case-sensitive names and aliases of the built-ins, user-registered
 * classes, and the serialized-object envelope in both directions. The family facades
 * ({@code Initializers}, {@code Regularizers}, {@code Constraints}, {@code Losses},
 * {@code Metrics}, {@code Optimizers}) each hold one.
 *
 * <p>Built-ins are declared once, at class initialisation; user registrations are thread-safe.
 *
 * @param <T> the family's base type
 */
public final class Registry<T> {

  /** How the registry reads the name and config of an object of the family. */
  public interface Describer<T> {
    String className(T object);

    Map<String, Object> config(T object);
  }

  private final String family;
  private final String module;
  private final String facade;
  private final Class<T> type;
  private final Describer<T> describer;
  private final Map<String, String> names = new HashMap<>();
  private final Map<String, Function<ConfigReader, ? extends T>> builtins = new HashMap<>();
  private final Map<String, String> unsupported = new HashMap<>();
  private final Set<Class<?>> builtinClasses = new HashSet<>();
  private final Map<String, Function<Map<String, Object>, ? extends T>> custom = new ConcurrentHashMap<>();
  private final Map<String, String> customByClassName = new ConcurrentHashMap<>();

  /**
   * @param family the word for error messages, e.g. {@code "initializer"}
   * @param module the Keras module of the built-ins, e.g. {@code "keras.initializers"}
   * @param facade the public class that registers custom objects, e.g. {@code "Initializers"}
   */
  public Registry(String family, String module, String facade, Class<T> type, Describer<T> describer) {
    this.family = family;
    this.module = module;
    this.facade = facade;
    this.type = type;
    this.describer = describer;
  }

  /** Declares a built-in class: its Java class, its Keras class name and every other name for it. */
  public Registry<T> builtin(Class<? extends T> javaClass, String className,
      Function<ConfigReader, ? extends T> fromConfig, String... otherNames) {
    builtins.put(className, fromConfig);
    builtinClasses.add(javaClass);
    names.put(className, className);
    for (String n : otherNames) {
      names.put(n, className);
    }
    return this;
  }

  /** Declares Keras names that resolve to an error, with the reason (e.g. an abstract base class). */
  public Registry<T> unsupported(String reason, String... keras) {
    for (String n : keras) {
      unsupported.put(n, reason);
    }
    return this;
  }

  /**
   * Registers a user class under {@code registeredName}: {@code "package>ClassName"} as Keras'
   * {@code register_keras_serializable} writes it, or a bare class name. It resolves by the
   * registered name and by the class name; built-in names cannot be taken.
   */
  public void register(String registeredName, Function<Map<String, Object>, ? extends T> fromConfig) {
    Objects.requireNonNull(fromConfig, "fromConfig");
    if (registeredName == null || registeredName.isBlank() || names.containsKey(registeredName)
        || unsupported.containsKey(registeredName)) {
      throw new IllegalArgumentException(facade + ".register: name must be non-blank and not a built-in; received registeredName="
          + registeredName);
    }
    String className = registeredName.substring(registeredName.indexOf('>') + 1);
    if (className.isBlank() || names.containsKey(className) || unsupported.containsKey(className)) {
      throw new IllegalArgumentException(facade + ".register: the class name must be non-blank and not a built-in; received registeredName="
          + registeredName);
    }
    custom.put(registeredName, fromConfig);
    custom.putIfAbsent(className, fromConfig);
    customByClassName.put(className, registeredName);
  }

  /** Resolves a name with default parameters; null gives null. */
  public T get(String name) {
    if (name == null) {
      return null;
    }
    String className = names.get(name);
    if (className != null) {
      return builtins.get(className).apply(new ConfigReader(className, Map.of()));
    }
    Function<Map<String, Object>, ? extends T> f = custom.get(name);
    if (f != null) {
      return f.apply(new HashMap<>());
    }
    throw unknown(name);
  }

  /**
   * Resolves any Keras identifier: null → null, a name, a serialized object (either envelope form),
   * or an instance of the family, returned as is.
   */
  public T resolve(Object identifier) {
    if (identifier == null) {
      return null;
    }
    if (type.isInstance(identifier)) {
      return type.cast(identifier);
    }
    if (identifier instanceof String s) {
      return get(s);
    }
    if (identifier instanceof Map<?, ?> m) {
      return fromConfig(m);
    }
    throw new IllegalArgumentException(facade + ": could not interpret " + family
        + " identifier; expected a name, a config dict or a " + type.getSimpleName() + "; received "
        + ConfigReader.describe(identifier));
  }

  /** Builds the object a serialized envelope ({@code class_name} + {@code config}) describes. */
  public T fromConfig(Map<?, ?> envelope) {
    KerasObject o = KerasObject.parse(facade, envelope);
    String reg = o.registeredName();
    if (reg != null && custom.containsKey(reg)) {
      return custom.get(reg).apply(o.config());
    }
    String className = names.get(o.className());
    if (className != null) {
      return builtins.get(className).apply(new ConfigReader(className, o.config()));
    }
    Function<Map<String, Object>, ? extends T> f = custom.get(o.className());
    if (f != null) {
      return f.apply(o.config());
    }
    if (reg != null && !reg.equals(o.className())) {
      throw new IllegalArgumentException("Unknown " + family + " '" + reg + "' (class_name "
          + o.className() + "); register it with " + facade + ".register");
    }
    throw unknown(o.className());
  }

  /** The envelope of {@code object} (null gives null): built-ins with this family's module. */
  public Map<String, Object> serialize(T object) {
    if (object == null) {
      return null;
    }
    String className = describer.className(object);
    Map<String, Object> config = describer.config(object);
    if (builtinClasses.contains(object.getClass())) {
      return new KerasObject(module, className, config, null).toMap();
    }
    // Keras writes the class name as registered_name for an unregistered user class
    return new KerasObject(null, className, config, customByClassName.getOrDefault(className, className)).toMap();
  }

  /** Every name {@link #get} accepts, sorted. */
  public Set<String> names() {
    Set<String> all = new TreeSet<>(names.keySet());
    all.addAll(unsupported.keySet());
    all.addAll(custom.keySet());
    return Collections.unmodifiableSet(all);
  }

  private IllegalArgumentException unknown(String name) {
    String reason = unsupported.get(name);
    if (reason != null) {
      return new IllegalArgumentException(facade + ": " + family + " '" + name + "' " + reason);
    }
    return new IllegalArgumentException("Unknown " + family + " '" + name + "'; known: "
        + String.join(", ", names()) + " (register custom ones with " + facade + ".register)");
  }
}
