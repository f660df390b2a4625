// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.layers;

import dev.dense4j.config.ConfigReader;
import dev.dense4j.config.KerasObject;
import dev.dense4j.constraints.Constraints;
import dev.dense4j.initializers.GlorotUniform;
import dev.dense4j.initializers.Initializer;
import dev.dense4j.initializers.Initializers;
import dev.dense4j.regularizers.Regularizers;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link Dense}'s config in both directions, with Keras 3's keys in Keras 3's order (spec §1.6),
 * reading what Keras 2 and Keras 3 write.
 */
final class DenseConfig {

  private static final List<String> KEYS = List.of("name", "trainable", "dtype", "activity_regularizer", "units",
      "activation", "use_bias", "kernel_initializer", "bias_initializer", "kernel_regularizer",
      "bias_regularizer", "kernel_constraint", "bias_constraint", "quantization_config", "lora_rank",
      "lora_alpha",
      // legacy base-layer arguments that only a Sequential uses to make its input layer
      "batch_input_shape", "batch_shape", "input_shape", "input_dim");

  private DenseConfig() {}

  static Map<String, Object> of(Dense d) {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("name", d.name());
    c.put("trainable", d.trainable());
    c.put("dtype", KerasObject.float32Policy());
    if (d.activityRegularizer() != null) {
      c.put("activity_regularizer", Regularizers.serialize(d.activityRegularizer()));
    }
    c.put("units", d.units());
    c.put("activation", ActivationConfig.of(d.activation(), "Dense '" + d.name() + "'"));
    c.put("use_bias", d.useBias());
    c.put("kernel_initializer", Initializers.serialize(d.kernelInitializer()));
    c.put("bias_initializer", Initializers.serialize(d.biasInitializer()));
    c.put("kernel_regularizer", Regularizers.serialize(d.kernelRegularizer()));
    c.put("bias_regularizer", Regularizers.serialize(d.biasRegularizer()));
    c.put("kernel_constraint", Constraints.serialize(d.kernelConstraint()));
    c.put("bias_constraint", Constraints.serialize(d.biasConstraint()));
    c.put("quantization_config", null);
    return c;
  }

  @SuppressWarnings("unchecked")
  static Dense.Builder builder(Map<String, ?> config) {
    if (config == null) {
      throw new IllegalArgumentException("Dense: expected a config dict; received config=null");
    }
    if (config.get("class_name") instanceof String cls) { // a whole serialized object
      if (!cls.equals("Dense")) {
        throw new IllegalArgumentException("Dense: expected class_name Dense; received class_name=" + cls);
      }
      config = KerasObject.parse("Dense", config).config();
    }
    Object nameValue = config.get("name");
    ConfigReader r = new ConfigReader(nameValue instanceof String s ? "Dense '" + s + "'" : "Dense",
        (Map<String, Object>) config);
    r.checkKeys(KEYS);
    checkFloat32(r);
    rejectUnsupported(r);
    Long units = r.getNullableLong("units");
    if (units == null || units <= 0 || units > Integer.MAX_VALUE) {
      throw r.fail("units", "must be a positive integer", r.raw("units"));
    }
    Dense.Builder b = Dense.builder(units.intValue());
    if (nameValue != null) {
      b.name(r.getString("name", null));
    }
    b.trainable(r.getBoolean("trainable", true));
    b.useBias(r.getBoolean("use_bias", true));
    b.activation(ActivationConfig.from(r));
    if (r.has("kernel_initializer")) {
      b.kernelInitializer(initializer(r, "kernel_initializer"));
    }
    if (r.has("bias_initializer")) {
      b.biasInitializer(initializer(r, "bias_initializer"));
    }
    b.kernelRegularizer(Regularizers.resolve(r.raw("kernel_regularizer")));
    b.biasRegularizer(Regularizers.resolve(r.raw("bias_regularizer")));
    b.activityRegularizer(Regularizers.resolve(r.raw("activity_regularizer")));
    b.kernelConstraint(Constraints.resolve(r.raw("kernel_constraint")));
    b.biasConstraint(Constraints.resolve(r.raw("bias_constraint")));
    return b;
  }

  // Keras' add_weight takes glorot_uniform for a float weight whose initializer is None
  private static Initializer initializer(ConfigReader r, String key) {
    Initializer i = Initializers.resolve(r.raw(key));
    return i != null ? i : new GlorotUniform();
  }

  // dtype: "float32", a DTypePolicy {"config": {"name": "float32"}}, or null
  static void checkFloat32(ConfigReader r) {
    Object v = r.raw("dtype");
    Object name = v;
    if (v instanceof Map<?, ?> m) {
      Object cfg = m.get("config");
      name = "DTypePolicy".equals(m.get("class_name")) && cfg instanceof Map<?, ?> c ? c.get("name") : v;
    }
    if (v != null && !"float32".equals(name)) {
      throw r.fail("dtype", "must be float32 (the only dtype policy dense4j supports)", v);
    }
  }

  private static void rejectUnsupported(ConfigReader r) {
    if (r.raw("quantization_config") != null) {
      throw r.fail("quantization_config", "must be null (quantized Dense layers are not supported)",
          r.raw("quantization_config"));
    }
    if (r.raw("lora_rank") != null) {
      throw r.fail("lora_rank", "must be null (LoRA is not supported)", r.raw("lora_rank"));
    }
  }
}
