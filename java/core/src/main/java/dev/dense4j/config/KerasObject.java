// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.config;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Keras' serialized-object envelope: {@code {"module", "class_name", "config", "registered_name"}}
 * (Keras 3), also read from the Keras 2 form {@code {"class_name", "config"}}.
 *
 * <p>{@code module} is the public Keras module of a built-in ({@code "keras.initializers"}, …) and
 * {@code registered_name} is null for built-ins; for a user-registered class it is
 * {@code "package>Name"} and identifies the class when reading. Extra envelope keys
 * ({@code build_config}, {@code compile_config}, {@code shared_object_id},
 * {@code __passive_serialization__}) are ignored when reading.
 *
 * @param module the Keras module, or null (Keras 2 files, user classes)
 * @param className the class name, e.g. {@code "GlorotUniform"}
 * @param config the object's own config dict (never null; empty when the envelope has none)
 * @param registeredName {@code "package>Name"} for registered user classes, else null
 */
public record KerasObject(String module, String className, Map<String, Object> config, String registeredName) {

  /** The {@code DTypePolicy} envelope of a float32 layer, as Keras ≥ 3.4 writes it in layer configs. */
  public static Map<String, Object> float32Policy() {
    Map<String, Object> cfg = new LinkedHashMap<>();
    cfg.put("name", "float32");
    return new KerasObject("keras", "DTypePolicy", cfg, null).toMap();
  }

  public KerasObject {
    Objects.requireNonNull(className, "className");
    config = config == null ? new LinkedHashMap<>() : config;
  }

  /** The envelope as an ordered map, keys in Keras' order. */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("module", module);
    m.put("class_name", className);
    m.put("config", config);
    m.put("registered_name", registeredName);
    return m;
  }

  /**
   * Reads an envelope of either form.
   *
   * @param owner who is reading, for error messages (e.g. {@code "Initializers"})
   * @throws IllegalArgumentException when {@code map} has no string {@code class_name}, or a
   *     {@code config} that is not a dict
   */
  @SuppressWarnings("unchecked")
  public static KerasObject parse(String owner, Map<?, ?> map) {
    Objects.requireNonNull(map, "map");
    ConfigReader r = new ConfigReader(owner, (Map<String, ?>) map);
    Object cls = map.get("class_name");
    if (!(cls instanceof String className)) {
      throw r.fail("class_name", "must be a string in a serialized object", cls);
    }
    Map<String, Object> config = r.getMap("config");
    return new KerasObject(r.getString("module", null), className,
        config == null ? new LinkedHashMap<>() : config, r.getString("registered_name", null));
  }
}
