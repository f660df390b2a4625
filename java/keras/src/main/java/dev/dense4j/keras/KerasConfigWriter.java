// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.keras;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dense4j.activations.Activation;
import dev.dense4j.activations.Activations;
import dev.dense4j.activations.BuiltinActivation;
import dev.dense4j.initializers.Initializer;
import dev.dense4j.initializers.RandomInitializer;
import dev.dense4j.layers.ActivationLayer;
import dev.dense4j.layers.Dense;
import dev.dense4j.layers.Dropout;
import dev.dense4j.layers.ELU;
import dev.dense4j.layers.Flatten;
import dev.dense4j.layers.Layer;
import dev.dense4j.layers.LeakyReLU;
import dev.dense4j.layers.ReLU;
import dev.dense4j.layers.Softmax;
import dev.dense4j.models.Sequential;
import java.util.HashSet;
import java.util.Set;

/**
 * The {@code config.json} of a {@code .keras} file: the model in Keras 3's serialized-object
 * envelope (spec §8.2–8.4). Uses only keys every Keras 3 release accepts (dtype as a plain
 * string, Glorot's config as {@code {"seed": null}}, no {@code quantization_config}).
 */
final class KerasConfigWriter {

  /** Keras 3 initializer classes whose config is {@code {}} or {@code {"seed": …}}. */
  private static final Set<String> KERAS_INITIALIZERS = Set.of("Zeros", "Ones", "GlorotUniform", "GlorotNormal",
      "HeUniform", "HeNormal", "LecunUniform", "LecunNormal");

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
    root.set("compile_config", Json.MAPPER.createObjectNode());
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
    ObjectNode c = Json.MAPPER.createObjectNode().put("name", l.name()).put("trainable", true).put("dtype", "float32");
    switch (l) {
      case Dense d -> dense(d, c);
      case ActivationLayer a -> c.put("activation", activationName(a.activation(), "Activation '" + a.name() + "'"));
      case ReLU r -> {
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
      case Dropout d -> c.put("rate", d.rate()).putNull("seed").putNull("noise_shape");
      case Flatten f -> c.put("data_format", "channels_last");
      default -> throw new IllegalArgumentException("KerasModels.save: no Keras equivalent for layer '" + l.name()
          + "' of " + l.getClass().getName());
    }
    return c;
  }

  private static void dense(Dense d, ObjectNode c) {
    c.put("units", d.units()).put("activation", activationName(d.activation(), "Dense '" + d.name() + "'"))
        .put("use_bias", d.useBias());
    c.set("kernel_initializer", initializer(d.kernelInitializer(), "GlorotUniform"));
    c.set("bias_initializer", initializer(d.biasInitializer(), "Zeros"));
    c.putNull("kernel_regularizer").putNull("bias_regularizer").putNull("kernel_constraint").putNull("bias_constraint");
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

  private static ObjectNode initializer(Initializer init, String fallback) {
    String cls = init != null && KERAS_INITIALIZERS.contains(init.className()) ? init.className() : fallback;
    ObjectNode config = Json.MAPPER.createObjectNode();
    if (!cls.equals("Zeros") && !cls.equals("Ones")) {
      if (init instanceof RandomInitializer r && r.seed() != null) {
        config.put("seed", r.seed());
      } else {
        config.putNull("seed");
      }
    }
    ObjectNode o = Json.MAPPER.createObjectNode().put("module", "keras.initializers").put("class_name", cls);
    o.set("config", config);
    o.putNull("registered_name");
    return o;
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
