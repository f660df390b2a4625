// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.keras;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Turns a Keras model config (Keras 1, 2 and 3; {@code model.to_json()}, {@code model_config},
 * {@code config.json}) into a {@link ModelSpec}: Sequential models (list- or dict-style) and linear
 * functional models ({@code Model}/{@code Functional}); the input shape comes from the InputLayer,
 * the first layer's {@code batch_input_shape}/{@code input_dim}, or the model's build shape.
 */
final class ModelConfigParser {

  private final String file;
  private final String where;

  private ModelConfigParser(String file, String where) {
    this.file = file;
    this.where = where;
  }

  /**
   * @param root the serialized model: {@code {"class_name": …, "config": …}}
   * @param file the file, for errors
   * @param where the inner path holding the config, for errors
   */
  static ModelSpec parse(JsonNode root, String file, String where, KerasLimits limits) {
    return new ModelConfigParser(file, where).model(root, limits);
  }

  private ModelSpec model(JsonNode root, KerasLimits limits) {
    if (!root.isObject() || !root.path("class_name").isTextual()) {
      throw error("expected a serialized model with a \"class_name\"; received " + kind(root));
    }
    String cls = root.get("class_name").asText();
    JsonNode registered = root.path("registered_name");
    if (registered.isTextual() && !registered.asText().equals(cls)) {
      throw error("custom model class " + cls + " (registered_name " + registered.asText()
          + ") is not supported: subclassed models have no layer list; only Sequential and linear functional models load");
    }
    JsonNode config = root.path("config");
    List<JsonNode> raw;
    String name;
    switch (cls) {
      case "Sequential" -> {
        raw = elements(config.isArray() ? config : config.path("layers"), "layers");
        name = config.path("name").asText("sequential");
      }
      case "Model", "Functional" -> {
        raw = FunctionalChain.order(config, this);
        name = config.path("name").asText("model");
      }
      default -> throw error("unsupported model class " + cls + "; supported: Sequential, Model, Functional");
    }
    if (raw.size() > limits.maxLayers()) {
      throw error("model lists " + raw.size() + " layers; the limit is " + limits.maxLayers());
    }
    List<LayerSpec> layers = new ArrayList<>();
    for (JsonNode l : raw) {
      layers.add(layer(l));
    }
    int[] input = null;
    if (!layers.isEmpty() && layers.get(0).className().equals("InputLayer")) {
      LayerSpec in = layers.remove(0);
      input = InputShapes.fromInputLayer(in, this);
    } else if (!layers.isEmpty()) {
      input = InputShapes.fromFirstLayer(layers.get(0), this);
    }
    for (LayerSpec l : layers) {
      if (l.className().equals("InputLayer")) {
        throw error("InputLayer " + l.describe() + " must be the first layer");
      }
    }
    if (input == null) {
      input = InputShapes.fromBuildShape(config.path("build_input_shape"), this);
    }
    if (input == null) {
      input = InputShapes.fromBuildShape(root.path("build_config").path("input_shape"), this);
    }
    return new ModelSpec(cls, name, input, List.copyOf(layers));
  }

  private List<JsonNode> elements(JsonNode array, String key) {
    if (!array.isArray()) {
      throw error("expected \"" + key + "\" to be a list; received " + kind(array));
    }
    List<JsonNode> out = new ArrayList<>();
    array.forEach(out::add);
    return out;
  }

  private LayerSpec layer(JsonNode l) {
    if (!l.isObject() || !l.path("class_name").isTextual()) {
      throw error("expected each layer to be an object with a \"class_name\"; received " + kind(l));
    }
    JsonNode config = l.path("config");
    if (!config.isObject()) {
      config = JsonNodeFactory.instance.objectNode();
    }
    String name = config.path("name").isTextual() ? config.get("name").asText() : l.path("name").asText(null);
    String cls = l.get("class_name").asText();
    if (name == null || name.isEmpty()) {
      throw error("layer of class " + cls + " has no name");
    }
    JsonNode registered = l.path("registered_name");
    if (registered.isTextual() && !registered.asText().equals(cls)) {
      cls = registered.asText(); // a custom class: reported as unsupported under its registered name
    }
    return new LayerSpec(cls, name, config);
  }

  KerasFormatException error(String problem) {
    return new KerasFormatException(file, where, problem);
  }

  static String kind(JsonNode n) {
    return n == null || n.isMissingNode() ? "nothing" : n.getNodeType().name().toLowerCase(Locale.ROOT);
  }
}
