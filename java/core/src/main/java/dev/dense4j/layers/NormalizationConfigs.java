// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.layers;

import dev.dense4j.config.ConfigReader;
import dev.dense4j.config.KerasObject;
import dev.dense4j.constraints.Constraints;
import dev.dense4j.initializers.Initializer;
import dev.dense4j.initializers.Initializers;
import dev.dense4j.regularizers.Regularizers;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The configs of the normalization layers in both directions, with Keras 3's keys in Keras 3's
 * order (keras/src/layers/normalization/*.py and preprocessing/normalization.py, rescaling.py at
 * v3.15.1), reading what Keras 1, 2 and 3 write.
 */
final class NormalizationConfigs {

  /** Base-layer keys every layer accepts (the last four only a Sequential's input layer uses). */
  private static final List<String> BASE = List.of("name", "trainable", "dtype", "batch_input_shape", "batch_shape",
      "input_shape", "input_dim");
  private static final List<String> BN_KEYS = List.of("axis", "momentum", "epsilon", "center", "scale",
      "beta_initializer", "gamma_initializer", "moving_mean_initializer", "moving_variance_initializer",
      "beta_regularizer", "gamma_regularizer", "beta_constraint", "gamma_constraint", "synchronized", "renorm",
      "renorm_clipping", "renorm_momentum",
      // Keras 1 and tf.keras 2 keys, accepted with their neutral values
      "mode", "fused", "virtual_batch_size", "adjustment");
  private static final List<String> LN_KEYS = List.of("axis", "epsilon", "center", "scale", "rms_scaling",
      "beta_initializer", "gamma_initializer", "beta_regularizer", "gamma_regularizer", "beta_constraint",
      "gamma_constraint");
  private static final List<String> NORMALIZATION_KEYS = List.of("axis", "invert", "mean", "variance");
  private static final List<String> RESCALING_KEYS = List.of("scale", "offset");

  private NormalizationConfigs() {}

  // ---- reading ----

  static BatchNormalization.Builder batchNormalization(Map<String, ?> config) {
    ConfigReader r = reader("BatchNormalization", config, BN_KEYS);
    if (r.getBoolean("renorm", false)) {
      throw r.fail("renorm", "must be false (batch renormalization is not supported)", r.raw("renorm"));
    }
    if (r.getInt("mode", 0) != 0) {
      throw r.fail("mode", "must be 0 (Keras 1's per-feature mode, the only one Keras 2 and 3 kept)", r.raw("mode"));
    }
    for (String key : List.of("virtual_batch_size", "adjustment")) {
      if (r.raw(key) != null) {
        throw r.fail(key, "must be null (not supported)", r.raw(key));
      }
    }
    BatchNormalization.Builder b = BatchNormalization.builder();
    name(r, b::name);
    b.axis(axis(r));
    b.momentum(r.getDouble("momentum", 0.99)).epsilon(r.getDouble("epsilon", 1e-3));
    b.center(r.getBoolean("center", true)).scale(r.getBoolean("scale", true));
    b.trainable(r.getBoolean("trainable", true));
    b.betaInitializer(initializer(r, "beta_initializer", "zeros"));
    b.gammaInitializer(initializer(r, "gamma_initializer", "ones"));
    b.movingMeanInitializer(initializer(r, "moving_mean_initializer", "zeros"));
    b.movingVarianceInitializer(initializer(r, "moving_variance_initializer", "ones"));
    b.betaRegularizer(Regularizers.resolve(r.raw("beta_regularizer")));
    b.gammaRegularizer(Regularizers.resolve(r.raw("gamma_regularizer")));
    b.betaConstraint(Constraints.resolve(r.raw("beta_constraint")));
    b.gammaConstraint(Constraints.resolve(r.raw("gamma_constraint")));
    r.getBoolean("synchronized", false); // TensorFlow's multi-device statistics: no meaning on one JVM
    return b;
  }

  static LayerNormalization.Builder layerNormalization(Map<String, ?> config) {
    ConfigReader r = reader("LayerNormalization", config, LN_KEYS);
    LayerNormalization.Builder b = LayerNormalization.builder();
    name(r, b::name);
    b.axis(axis(r));
    b.epsilon(r.getDouble("epsilon", 1e-3));
    b.center(r.getBoolean("center", true)).scale(r.getBoolean("scale", true));
    b.rmsScaling(r.getBoolean("rms_scaling", false));
    b.trainable(r.getBoolean("trainable", true));
    b.betaInitializer(initializer(r, "beta_initializer", "zeros"));
    b.gammaInitializer(initializer(r, "gamma_initializer", "ones"));
    b.betaRegularizer(Regularizers.resolve(r.raw("beta_regularizer")));
    b.gammaRegularizer(Regularizers.resolve(r.raw("gamma_regularizer")));
    b.betaConstraint(Constraints.resolve(r.raw("beta_constraint")));
    b.gammaConstraint(Constraints.resolve(r.raw("gamma_constraint")));
    return b;
  }

  static Normalization.Builder normalization(Map<String, ?> config) {
    ConfigReader r = reader("Normalization", config, NORMALIZATION_KEYS);
    Normalization.Builder b = Normalization.builder();
    name(r, b::name);
    if (r.raw("axis") == null && r.has("axis")) {
      b.axisNone(true);
    } else if (r.has("axis")) {
      int[] axis = r.getIntOrList("axis");
      if (axis.length == 0) {
        b.axisNone(true);
      } else if (axis.length != 1 || axis[0] != -1) {
        throw r.fail("axis", "must be -1 or None (the last axis, or every value)", r.raw("axis"));
      }
    }
    b.invert(r.getBoolean("invert", false));
    float[] mean = floats(r, "mean");
    float[] variance = floats(r, "variance");
    if ((mean == null) != (variance == null)) {
      throw r.fail("mean", "and variance must be given together", r.raw("mean"));
    }
    if (mean != null) {
      b.meanAndVariance(mean, variance);
    }
    return b;
  }

  static Rescaling rescaling(Map<String, ?> config) {
    ConfigReader r = reader("Rescaling", config, RESCALING_KEYS);
    if (!(r.raw("scale") instanceof Number)) {
      throw r.fail("scale", "must be a number (per-channel scales are not supported)", r.raw("scale"));
    }
    if (r.raw("offset") != null && !(r.raw("offset") instanceof Number)) {
      throw r.fail("offset", "must be a number (per-channel offsets are not supported)", r.raw("offset"));
    }
    return new Rescaling(r.getString("name", null), (float) r.getDouble("scale", 1), (float) r.getDouble("offset", 0));
  }

  @SuppressWarnings("unchecked")
  private static ConfigReader reader(String cls, Map<String, ?> config, List<String> keys) {
    if (config == null) {
      throw new IllegalArgumentException(cls + ": expected a config dict; received config=null");
    }
    if (config.get("class_name") instanceof String c) {
      if (!c.equals(cls)) {
        throw new IllegalArgumentException(cls + ": expected class_name " + cls + "; received class_name=" + c);
      }
      config = KerasObject.parse(cls, config).config();
    }
    Object n = config.get("name");
    ConfigReader r = new ConfigReader(n instanceof String s ? cls + " '" + s + "'" : cls, (Map<String, Object>) config);
    List<String> all = new ArrayList<>(BASE);
    all.addAll(keys);
    r.checkKeys(all);
    DenseConfig.checkFloat32(r);
    return r;
  }

  private static void name(ConfigReader r, java.util.function.Consumer<String> set) {
    if (r.raw("name") != null) {
      set.accept(r.getString("name", null));
    }
  }

  // -1, an index, or Keras 2's one-element list; other axes are refused at build
  private static int axis(ConfigReader r) {
    int[] axis = r.getIntOrList("axis");
    if (axis == null) {
      return -1;
    }
    if (axis.length != 1) {
      throw r.fail("axis", "must be one axis (the last)", r.raw("axis"));
    }
    return axis[0];
  }

  private static Initializer initializer(ConfigReader r, String key, String dflt) {
    Initializer i = Initializers.resolve(r.raw(key));
    return i != null ? i : Initializers.get(dflt);
  }

  // a number or a (nested) list of numbers, flattened; null when absent or null
  private static float[] floats(ConfigReader r, String key) {
    Object v = r.raw(key);
    if (v == null) {
      return null;
    }
    List<Float> out = new ArrayList<>();
    flatten(r, key, v, out);
    float[] a = new float[out.size()];
    for (int i = 0; i < a.length; i++) {
      a[i] = out.get(i);
    }
    return a;
  }

  private static void flatten(ConfigReader r, String key, Object v, List<Float> out) {
    if (v instanceof Number n) {
      out.add(n.floatValue());
    } else if (v instanceof List<?> l) {
      for (Object e : l) {
        flatten(r, key, e, out);
      }
    } else {
      throw r.fail(key, "must be a number or a list of numbers", v);
    }
  }

  // ---- writing ----

  static Map<String, Object> of(BatchNormalization l) {
    Map<String, Object> c = base(l.name(), l.trainable());
    c.put("axis", l.axis());
    c.put("momentum", dec(l.momentum()));
    c.put("epsilon", dec(l.epsilon()));
    c.put("center", l.center());
    c.put("scale", l.scale());
    c.put("beta_initializer", Initializers.serialize(l.betaInitializer()));
    c.put("gamma_initializer", Initializers.serialize(l.gammaInitializer()));
    c.put("moving_mean_initializer", Initializers.serialize(l.movingMeanInitializer()));
    c.put("moving_variance_initializer", Initializers.serialize(l.movingVarianceInitializer()));
    c.put("beta_regularizer", Regularizers.serialize(l.betaRegularizer()));
    c.put("gamma_regularizer", Regularizers.serialize(l.gammaRegularizer()));
    c.put("beta_constraint", Constraints.serialize(l.betaConstraint()));
    c.put("gamma_constraint", Constraints.serialize(l.gammaConstraint()));
    c.put("synchronized", false);
    return c;
  }

  static Map<String, Object> of(LayerNormalization l) {
    Map<String, Object> c = base(l.name(), l.trainable());
    c.put("axis", List.of(l.axis()));
    c.put("epsilon", dec(l.epsilon()));
    c.put("center", l.center());
    c.put("scale", l.scale());
    c.put("rms_scaling", l.rmsScaling());
    c.put("beta_initializer", Initializers.serialize(l.betaInitializer()));
    c.put("gamma_initializer", Initializers.serialize(l.gammaInitializer()));
    c.put("beta_regularizer", Regularizers.serialize(l.betaRegularizer()));
    c.put("gamma_regularizer", Regularizers.serialize(l.gammaRegularizer()));
    c.put("beta_constraint", Constraints.serialize(l.betaConstraint()));
    c.put("gamma_constraint", Constraints.serialize(l.gammaConstraint()));
    return c;
  }

  static Map<String, Object> of(Normalization l) {
    Map<String, Object> c = base(l.name(), true);
    c.put("axis", l.axisNone() ? List.of() : List.of(-1));
    c.put("invert", l.invert());
    c.put("mean", list(l.inputMean()));
    c.put("variance", list(l.inputVariance()));
    return c;
  }

  private static List<Double> list(float[] a) {
    if (a == null) {
      return null;
    }
    List<Double> out = new ArrayList<>();
    for (float f : a) {
      out.add(dec(f));
    }
    return out;
  }

  /** The float's shortest decimal as a double (0.99f is written 0.99, as Keras writes its Python floats). */
  static double dec(float f) {
    return Double.parseDouble(Float.toString(f));
  }

  private static Map<String, Object> base(String name, boolean trainable) {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("name", name);
    c.put("trainable", trainable);
    c.put("dtype", KerasObject.float32Policy());
    return c;
  }
}
