// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.keras;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import dev.dense4j.activations.Activation;
import dev.dense4j.activations.Activations;
import dev.dense4j.layers.ActivationLayer;
import dev.dense4j.layers.ActivationLayerBase;
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
import java.util.Map;
import java.util.Set;

/**
 * The one place where a Keras layer config becomes a dense4j layer. Dense layers come from
 * {@link Dense#builderFromConfig} (initializers, regularizers, constraints, the dtype policy and
 * the rejection of quantized and LoRA layers are core's); this class adds what depends on the
 * file: Keras 1's keys ({@link Keras1DenseConfig}), Keras 2's {@code hard_sigmoid} for files
 * written by Keras 1 or 2, the caller's custom activations, and errors that name the file, the
 * inner path and the layer. Also reads Keras 1's Dropout {@code p} and LeakyReLU {@code alpha}.
 */
final class KerasLayerFactory {

  /** The Keras classes this factory builds. */
  static final Set<String> SUPPORTED =
      Set.of("Dense", "Activation", "Dropout", "Flatten", "ReLU", "LeakyReLU", "ELU", "Softmax", "BatchNormalization",
          "LayerNormalization", "Normalization", "Rescaling");

  private static final TypeReference<Map<String, Object>> CONFIG_MAP = new TypeReference<>() {};

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

  /**
   * True for the layers that own weights (and so a group in the weights file): Dense,
   * BatchNormalization, a LayerNormalization with gamma or beta, a Normalization whose mean and
   * variance are not in its config.
   */
  static boolean hasWeights(LayerSpec spec) {
    JsonNode c = spec.config();
    return switch (spec.className()) {
      case "Dense", "BatchNormalization" -> true;
      case "LayerNormalization" -> c.path("scale").asBoolean(true) || c.path("rms_scaling").asBoolean(false)
          || c.path("center").asBoolean(true);
      case "Normalization" -> c.path("mean").isMissingNode() || c.path("mean").isNull();
      default -> false;
    };
  }

  Layer create(LayerSpec spec) {
    JsonNode c = spec.config();
    String name = spec.name();
    return switch (spec.className()) {
      case "Dense" -> dense(spec);
      case "Activation" -> new ActivationLayer(name, activation(c.path("activation"), spec));
      case "Dropout" -> dropout(spec);
      case "Flatten" -> flatten(spec);
      case "ReLU" -> new ReLU(name, c.path("max_value").isNumber() ? (float) c.get("max_value").asDouble()
          : Float.POSITIVE_INFINITY, (float) number(c, spec, 0, "negative_slope"), (float) number(c, spec, 0, "threshold"));
      case "LeakyReLU" -> new LeakyReLU(name, (float) number(c, spec, LeakyReLU.DEFAULT_NEGATIVE_SLOPE,
          "negative_slope", "alpha"));
      case "ELU" -> new ELU(name, (float) number(c, spec, 1, "alpha"));
      case "Softmax" -> softmax(spec);
      case "BatchNormalization" -> fromConfig(spec, BatchNormalization::fromConfig);
      case "LayerNormalization" -> fromConfig(spec, LayerNormalization::fromConfig);
      case "Normalization" -> fromConfig(spec, Normalization::fromConfig);
      case "Rescaling" -> fromConfig(spec, Rescaling::fromConfig);
      default -> throw error(spec, "unsupported layer class " + spec.className());
    };
  }

  private Dense dense(LayerSpec spec) {
    Map<String, Object> config = Json.MAPPER.convertValue(spec.config(), CONFIG_MAP);
    Activation activation = activation(spec.config().path("activation"), spec);
    try {
      config = Keras1DenseConfig.translate(config);
      config.remove("activation"); // resolved above, with the file's Keras version and the custom activations
      return Dense.builderFromConfig(config).name(spec.name()).activation(activation).build();
    } catch (IllegalArgumentException | ArithmeticException e) {
      throw error(spec, withoutOwner(e, "Dense '" + spec.name() + "': ", "Dense: "), e);
    }
  }

  /** A layer from core's {@code fromConfig}, with the file's layer name; core's errors named by file and layer. */
  private Layer fromConfig(LayerSpec spec, java.util.function.Function<Map<String, Object>, Layer> make) {
    Map<String, Object> config = Json.MAPPER.convertValue(spec.config(), CONFIG_MAP);
    config.put("name", spec.name());
    try {
      return make.apply(config);
    } catch (IllegalArgumentException | ArithmeticException e) {
      String cls = spec.className();
      throw error(spec, withoutOwner(e, cls + " '" + spec.name() + "': ", cls + ": "), e);
    }
  }

  /** Core's message without the owner prefix that {@link #error} already states. */
  private static String withoutOwner(RuntimeException e, String... owners) {
    String problem = e.getMessage() == null ? e.toString() : e.getMessage();
    for (String owner : owners) {
      if (problem.startsWith(owner)) {
        return problem.substring(owner.length());
      }
    }
    return problem;
  }

  // rate (Keras 1: p), seed (an int or null), noise_shape (a list of ints and nulls, or null)
  private Layer dropout(LayerSpec spec) {
    JsonNode c = spec.config();
    JsonNode seed = c.path("seed");
    if (!seed.isMissingNode() && !seed.isNull() && !seed.canConvertToLong()) {
      throw error(spec, "expected an integer or null for seed; received seed=" + seed);
    }
    JsonNode ns = c.path("noise_shape");
    int[] noiseShape = null;
    if (!ns.isMissingNode() && !ns.isNull()) {
      if (!ns.isArray() || ns.size() > 32) {
        throw error(spec, "expected a list of at most 32 integers or nulls for noise_shape; received noise_shape=" + ns);
      }
      noiseShape = new int[ns.size()];
      for (int i = 0; i < noiseShape.length; i++) {
        JsonNode d = ns.get(i);
        if (!d.isNull() && !d.canConvertToInt()) {
          throw error(spec, "expected integers or nulls in noise_shape; received noise_shape=" + ns);
        }
        noiseShape[i] = d.isNull() ? -1 : d.asInt();
      }
    }
    try {
      return new Dropout(spec.name(), (float) number(c, spec, 0, "rate", "p"), noiseShape,
          seed.isMissingNode() || seed.isNull() ? null : seed.asLong());
    } catch (IllegalArgumentException e) {
      throw error(spec, withoutOwner(e, "Dropout: "), e);
    }
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
    return error(spec, problem, null);
  }

  private KerasFormatException error(LayerSpec spec, String problem, Throwable cause) {
    return new KerasFormatException(file, where, "layer " + spec.describe() + ": " + problem, cause);
  }
}
