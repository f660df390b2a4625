// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.keras;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dense4j.activations.Activation;
import dev.dense4j.activations.Activations;
import dev.dense4j.activations.BuiltinActivation;
import dev.dense4j.layers.ActivationLayer;
import dev.dense4j.layers.BatchNormalization;
import dev.dense4j.layers.Dense;
import dev.dense4j.layers.Dropout;
import dev.dense4j.layers.ELU;
import dev.dense4j.layers.Flatten;
import dev.dense4j.layers.Layer;
import dev.dense4j.layers.LayerNormalization;
import dev.dense4j.layers.LeakyReLU;
import dev.dense4j.layers.Normalization;
import dev.dense4j.layers.ReLU;
import dev.dense4j.layers.Rescaling;
import dev.dense4j.layers.Softmax;
import dev.dense4j.models.Sequential;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code config.json} of a {@code .keras} file: the model in Keras 3's serialized-object
 * envelope (spec §8.2–8.4). A Dense layer's config is {@link Dense#getConfig()} (so its
 * initializers, regularizers and constraints round-trip), written with only the keys every
 * Keras 3 release accepts: dtype as a plain string, no {@code quantization_config} (Keras ≥ 3.13),
 * no null {@code input_axes}/{@code output_axes} in initializer configs (Keras ≥ 3.15).
 */
final class KerasConfigWriter {

  /** Initializer config keys that Keras before 3.15 rejects, left out while null (their default). */
  private static final List<String> KERAS_3_15_INITIALIZER_KEYS = List.of("input_axes", "output_axes");

  private KerasConfigWriter() {}

  static ObjectNode model(Sequential model) {
    int[] input = model.inputShape();
    ArrayNode layers = Json.MAPPER.createArrayNode();
    ObjectNode in = Json.MAPPER.createObjectNode();
    in.set("batch_shape", shape(input));
    in.put("dtype", "float32").put("sparse", false).put("name", inputLayerName(model));
    layers.add(envelope("InputLayer", in, null));
    int[] shape = input;
    for (Layer l : model.layers()) {
      layers.add(envelope(KerasModelInfo.className(l), layer(l), shape));
      shape = l.computeOutputShape(shape);
    }
    ObjectNode config = Json.MAPPER.createObjectNode();
    config.put("name", model.name()).put("trainable", true).put("dtype", "float32");
    config.set("layers", layers);
    config.set("build_input_shape", shape(input));
    ObjectNode root = Json.MAPPER.createObjectNode().put("module", "keras").put("class_name", "Sequential");
    root.set("config", config);
    root.putNull("registered_name");
    root.set("build_config", Json.MAPPER.createObjectNode().set("input_shape", shape(input)));
    root.set("compile_config", TrainingState.compileConfig(model));
    return root;
  }

  /** {@code input_layer}, or {@code input_layer_<n>} when a layer already has that name. */
  private static String inputLayerName(Sequential model) {
    Set<String> taken = new HashSet<>();
    model.layers().forEach(l -> taken.add(l.name()));
    String name = "input_layer";
    for (int i = 1; taken.contains(name); i++) {
      name = "input_layer_" + i;
    }
    return name;
  }

  private static ObjectNode envelope(String className, ObjectNode config, int[] inputShape) {
    ObjectNode e = Json.MAPPER.createObjectNode().put("module", "keras.layers").put("class_name", className);
    e.set("config", config);
    e.putNull("registered_name");
    if (inputShape != null) {
      e.set("build_config", Json.MAPPER.createObjectNode().set("input_shape", shape(inputShape)));
    }
    return e;
  }

  private static ObjectNode layer(Layer l) {
    switch (l) {
      case Dense d -> {
        return dense(d);
      }
      case BatchNormalization b -> {
        return core(b.getConfig());
      }
      case LayerNormalization n -> {
        return core(n.getConfig());
      }
      case Normalization n -> {
        return core(n.getConfig());
      }
      case Rescaling r -> {
        return core(r.getConfig());
      }
      default -> { }
    }
    ObjectNode c = Json.MAPPER.createObjectNode().put("name", l.name()).put("trainable", true).put("dtype", "float32");
    switch (l) {
      case ActivationLayer a -> c.put("activation", activationName(a.activation(), "Activation '" + a.name() + "'"));
      case ReLU r -> {
        // Keras' ReLU layer (unlike its relu function) rejects a negative threshold or max_value on load
        if (!(r.threshold() >= 0) || !(r.maxValue() >= 0)) {
          throw new IllegalArgumentException("KerasModels.save: ReLU layer '" + r.name() + "' needs threshold >= 0 "
              + "and max_value >= 0, which Keras' ReLU layer requires to load; received threshold=" + r.threshold()
              + ", max_value=" + r.maxValue());
        }
        if (Float.isInfinite(r.maxValue())) {
          c.putNull("max_value");
        } else {
          c.put("max_value", r.maxValue());
        }
        c.put("negative_slope", r.negativeSlope()).put("threshold", r.threshold());
      }
      case LeakyReLU r -> c.put("negative_slope", r.negativeSlope());
      case ELU e -> c.put("alpha", e.alpha());
      case Softmax s -> c.put("axis", -1);
      case Dropout d -> {
        c.put("rate", d.rate());
        if (d.seed() == null) {
          c.putNull("seed");
        } else {
          c.put("seed", d.seed());
        }
        if (d.noiseShape() == null) {
          c.putNull("noise_shape");
        } else {
          c.set("noise_shape", shape(d.noiseShape()));
        }
      }
      case Flatten f -> c.put("data_format", "channels_last");
      default -> throw new IllegalArgumentException("KerasModels.save: no Keras equivalent for layer '" + l.name()
          + "' of " + l.getClass().getName());
    }
    return c;
  }

  private static ObjectNode dense(Dense d) {
    Map<String, Object> config;
    try {
      config = new LinkedHashMap<>(d.getConfig()); // the activation: a name or an activation layer's object
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("KerasModels.save: " + e.getMessage(), e);
    }
    config.put("dtype", "float32");
    config.computeIfPresent("activation", (k, v) -> withPlainDtype(v));
    if (config.get("quantization_config") == null) {
      config.remove("quantization_config");
    }
    config.computeIfPresent("kernel_initializer", (k, v) -> withoutNullAxes(v));
    config.computeIfPresent("bias_initializer", (k, v) -> withoutNullAxes(v));
    return Json.MAPPER.valueToTree(config);
  }

  /** An activation layer's object with its dtype as a plain string, as the Dense config around it. */
  @SuppressWarnings("unchecked")
  private static Object withPlainDtype(Object activation) {
    if (!(activation instanceof Map<?, ?> e) || !(e.get("config") instanceof Map<?, ?> config)) {
      return activation;
    }
    Map<String, Object> copy = new LinkedHashMap<>((Map<String, Object>) e);
    Map<String, Object> c = new LinkedHashMap<>((Map<String, Object>) config);
    c.computeIfPresent("dtype", (k, v) -> "float32");
    copy.put("config", c);
    return copy;
  }

  /** A core layer's config with the plain dtype string and initializers every Keras 3 release reads. */
  private static ObjectNode core(Map<String, Object> coreConfig) {
    Map<String, Object> config = new LinkedHashMap<>(coreConfig);
    config.put("dtype", "float32");
    for (String key : List.copyOf(config.keySet())) {
      if (key.endsWith("_initializer")) {
        config.computeIfPresent(key, (k, v) -> withoutNullAxes(v));
      }
    }
    return Json.MAPPER.valueToTree(config);
  }

  /** A built-in initializer's envelope without null {@link #KERAS_3_15_INITIALIZER_KEYS}. */
  @SuppressWarnings("unchecked")
  private static Object withoutNullAxes(Object envelope) {
    if (!(envelope instanceof Map<?, ?> e) || !"keras.initializers".equals(e.get("module"))
        || !(e.get("config") instanceof Map<?, ?> config)) {
      return envelope;
    }
    Map<String, Object> copy = new LinkedHashMap<>((Map<String, Object>) e);
    Map<String, Object> trimmed = new LinkedHashMap<>((Map<String, Object>) config);
    KERAS_3_15_INITIALIZER_KEYS.forEach(key -> trimmed.remove(key, null));
    copy.put("config", trimmed);
    return copy;
  }

  /**
   * The name Keras 3 resolves to this activation. Built-ins with non-default parameters and Keras 2's
   * {@code hard_sigmoid} have none; custom activations are written by name and must be registered on
   * the Keras side ({@code custom_objects}).
   */
  static String activationName(Activation a, String owner) {
    if (!(a instanceof BuiltinActivation b)) {
      return a.name();
    }
    if (b.equals(Activations.hardSigmoidKeras2())) {
      throw new IllegalArgumentException("KerasModels.save: " + owner + " uses Keras 2's hard_sigmoid "
          + "(clip(0.2·x + 0.5, 0, 1)), which Keras 3 cannot express; received activation=" + a);
    }
    if (!b.equals(Activations.get(b.name()))) {
      throw new IllegalArgumentException("KerasModels.save: " + owner + " has an activation with non-default "
          + "parameters, which a Keras 3 config stores by name only; use an activation layer (ReLU, LeakyReLU, ELU) "
          + "instead; received activation=" + a);
    }
    return b.name();
  }

  private static ArrayNode shape(int[] shape) {
    ArrayNode a = Json.MAPPER.createArrayNode();
    for (int d : shape) {
      if (d < 0) {
        a.addNull();
      } else {
        a.add(d);
      }
    }
    return a;
  }
}
