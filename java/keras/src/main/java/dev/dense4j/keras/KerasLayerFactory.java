// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.keras;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dense4j.activations.Activation;
import dev.dense4j.activations.Activations;
import dev.dense4j.initializers.Initializer;
import dev.dense4j.initializers.Initializers;
import dev.dense4j.layers.ActivationLayer;
import dev.dense4j.layers.ActivationLayerBase;
import dev.dense4j.layers.Dense;
import dev.dense4j.layers.Dropout;
import dev.dense4j.layers.ELU;
import dev.dense4j.layers.Flatten;
import dev.dense4j.layers.Layer;
import dev.dense4j.layers.LeakyReLU;
import dev.dense4j.layers.ReLU;
import dev.dense4j.layers.Softmax;
import java.util.Map;
import java.util.Set;

/**
 * The one place where a Keras layer config becomes a dense4j layer (and so the one place to switch
 * to {@code Dense.fromConfig} once the core registries cover every Keras family). Reads the
 * Keras 1 spellings too ({@code output_dim}, {@code init}, {@code bias}, Dropout {@code p},
 * LeakyReLU {@code alpha}). Regularizers and constraints do not change inference and are not
 * mapped here; initializers are mapped when the core registry knows the name (weights from the
 * file replace their values anyway).
 */
final class KerasLayerFactory {

  /** The Keras classes this factory builds. */
  static final Set<String> SUPPORTED =
      Set.of("Dense", "Activation", "Dropout", "Flatten", "ReLU", "LeakyReLU", "ELU", "Softmax");

  private final String file;
  private final String where;
  private final boolean keras2Formulas;
  private final Map<String, Activation> customActivations;

  /**
   * @param kerasVersion the writer's Keras version; "1.x"/"2.x" (and unknown, for configs that
   *     predate the version field) select Keras 2's {@code hard_sigmoid}
   */
  KerasLayerFactory(String file, String where, String kerasVersion, Map<String, Activation> customActivations) {
    this.file = file;
    this.where = where;
    this.keras2Formulas = kerasVersion == null || kerasVersion.startsWith("1.") || kerasVersion.startsWith("2.");
    this.customActivations = customActivations;
  }

  static boolean supports(String className) {
    return SUPPORTED.contains(className);
  }

  /** True for the layers that own weights (and so a group in the weights file). */
  static boolean hasWeights(String className) {
    return className.equals("Dense");
  }

  Layer create(LayerSpec spec) {
    JsonNode c = spec.config();
    String name = spec.name();
    return switch (spec.className()) {
      case "Dense" -> dense(spec);
      case "Activation" -> new ActivationLayer(name, activation(c.path("activation"), spec));
      case "Dropout" -> new Dropout(name, (float) number(c, spec, 0, "rate", "p"));
      case "Flatten" -> flatten(spec);
      case "ReLU" -> new ReLU(name, c.path("max_value").isNumber() ? (float) c.get("max_value").asDouble()
          : Float.POSITIVE_INFINITY, (float) number(c, spec, 0, "negative_slope"), (float) number(c, spec, 0, "threshold"));
      case "LeakyReLU" -> new LeakyReLU(name, (float) number(c, spec, LeakyReLU.DEFAULT_NEGATIVE_SLOPE,
          "negative_slope", "alpha"));
      case "ELU" -> new ELU(name, (float) number(c, spec, 1, "alpha"));
      case "Softmax" -> softmax(spec);
      default -> throw error(spec, "unsupported layer class " + spec.className());
    };
  }

  private Dense dense(LayerSpec spec) {
    JsonNode c = spec.config();
    JsonNode units = c.has("units") ? c.get("units") : c.path("output_dim");
    if (!units.isIntegralNumber() || !units.canConvertToInt() || units.asInt() <= 0) {
      throw error(spec, "expected units > 0; received units=" + units);
    }
    Dense.Builder b = Dense.builder(units.asInt()).name(spec.name())
        .activation(activation(c.path("activation"), spec))
        .useBias(c.has("use_bias") ? c.get("use_bias").asBoolean(true) : c.path("bias").asBoolean(true))
        .trainable(c.path("trainable").asBoolean(true));
    Initializer k = initializer(c.has("kernel_initializer") ? c.get("kernel_initializer") : c.path("init"));
    if (k != null) {
      b.kernelInitializer(k);
    }
    Initializer bi = initializer(c.path("bias_initializer"));
    if (bi != null) {
      b.biasInitializer(bi);
    }
    return b.build();
  }

  private Layer flatten(LayerSpec spec) {
    String format = spec.config().path("data_format").asText("channels_last");
    if (!format.equals("channels_last") && !spec.config().path("data_format").isNull()) {
      throw error(spec, "only data_format=channels_last is supported; received data_format=" + format);
    }
    return new Flatten(spec.name());
  }

  private Layer softmax(LayerSpec spec) {
    JsonNode axis = spec.config().path("axis");
    boolean last = axis.isMissingNode() || axis.isNull() || (axis.isInt() && axis.asInt() == -1)
        || (axis.isArray() && axis.size() == 1 && axis.get(0).asInt() == -1);
    if (!last) {
      throw error(spec, "only axis=-1 is supported; received axis=" + axis);
    }
    return new Softmax(spec.name());
  }

  /** A Keras activation identifier: null, a name, or a serialized function/layer object. */
  Activation activation(JsonNode id, LayerSpec spec) {
    if (id.isMissingNode() || id.isNull()) {
      return Activations.get("linear");
    }
    if (id.isTextual()) {
      return activationByName(id.asText(), spec);
    }
    if (id.isObject() && id.path("config").isTextual()) {
      return activationByName(id.get("config").asText(), spec); // {"class_name": "function", "config": "relu"}
    }
    if (id.isObject() && id.path("class_name").isTextual() && supports(id.get("class_name").asText())
        && !id.get("class_name").asText().equals("Dense")) {
      JsonNode cfg = id.path("config").isObject() ? id.get("config") : Json.MAPPER.createObjectNode();
      Layer l = create(new LayerSpec(id.get("class_name").asText(), spec.name(), cfg));
      if (l instanceof ActivationLayerBase a) {
        return a.activation();
      }
    }
    throw error(spec, "unsupported activation " + id);
  }

  private Activation activationByName(String name, LayerSpec spec) {
    if (name.equals("hard_sigmoid") && keras2Formulas) {
      return Activations.hardSigmoidKeras2();
    }
    Activation custom = customActivations.get(name);
    if (custom != null) {
      return custom;
    }
    try {
      return Activations.get(name);
    } catch (IllegalArgumentException e) {
      throw error(spec, "unknown activation '" + name + "'; pass it as a custom activation when loading "
          + "(known: " + String.join(", ", Activations.names()) + ")");
    }
  }

  /** The core registry's initializer for a Keras identifier, or null to keep the default. */
  private static Initializer initializer(JsonNode id) {
    String name = id.isTextual() ? id.asText() : id.path("class_name").asText(null);
    if (name == null || !Initializers.names().contains(name)) {
      return null;
    }
    return Initializers.get(name);
  }

  private double number(JsonNode c, LayerSpec spec, double fallback, String... keys) {
    for (String key : keys) {
      JsonNode v = c.path(key);
      if (v.isNumber()) {
        return v.asDouble();
      }
      if (!v.isMissingNode() && !v.isNull()) {
        throw error(spec, "expected a number for " + key + "; received " + key + "=" + v);
      }
    }
    return fallback;
  }

  private KerasFormatException error(LayerSpec spec, String problem) {
    return new KerasFormatException(file, where, "layer " + spec.describe() + ": " + problem);
  }
}
