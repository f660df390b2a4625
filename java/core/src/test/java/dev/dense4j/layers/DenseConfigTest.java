// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dense4j.constraints.MaxNorm;
import dev.dense4j.constraints.MinMaxNorm;
import dev.dense4j.constraints.NonNeg;
import dev.dense4j.constraints.UnitNorm;
import dev.dense4j.initializers.GlorotUniform;
import dev.dense4j.initializers.HeNormal;
import dev.dense4j.initializers.Orthogonal;
import dev.dense4j.initializers.VarianceScaling;
import dev.dense4j.initializers.Zeros;
import dev.dense4j.regularizers.L1;
import dev.dense4j.regularizers.L1L2;
import dev.dense4j.regularizers.L2;
import dev.dense4j.regularizers.OrthogonalRegularizer;
import dev.dense4j.testing.MiniJson;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Dense's get_config / from_config (spec §1.6, §8.4, §8.5). */
class DenseConfigTest {

  private static final List<String> KEYS = List.of("name", "trainable", "dtype", "units", "activation", "use_bias",
      "kernel_initializer", "bias_initializer", "kernel_regularizer", "bias_regularizer", "kernel_constraint",
      "bias_constraint", "quantization_config");

  @SuppressWarnings("unchecked")
  private static Map<String, Object> json(String text) {
    return (Map<String, Object>) MiniJson.parse(text);
  }

  /** The layer config of the spec's §8.4 example, as Keras ≥ 3.15 writes it. */
  @Test
  void matchesWhatKerasWrites() {
    Map<String, Object> expected = json("""
        {"name": "dense", "trainable": true,
         "dtype": {"module": "keras", "class_name": "DTypePolicy", "config": {"name": "float32"}, "registered_name": null},
         "units": 8, "activation": "relu", "use_bias": true,
         "kernel_initializer": {"module": "keras.initializers", "class_name": "GlorotUniform",
                                "config": {"seed": null, "input_axes": null, "output_axes": null}, "registered_name": null},
         "bias_initializer": {"module": "keras.initializers", "class_name": "Zeros", "config": {}, "registered_name": null},
         "kernel_regularizer": null, "bias_regularizer": null, "kernel_constraint": null, "bias_constraint": null,
         "quantization_config": null}""");
    try (Dense d = Dense.builder(8).name("dense").activation("relu").build()) {
      Map<String, Object> c = d.getConfig();
      assertEquals(KEYS, new ArrayList<>(c.keySet()));
      expected.put("units", 8); // MiniJson reads Long; the layer writes int
      assertEquals(expected, c);
    }
  }

  @Test
  void activityRegularizerKeyOnlyWhenSet() {
    try (Dense d = Dense.builder(3).activityRegularizer("l2").activation("swish").build()) {
      Map<String, Object> c = d.getConfig();
      List<String> keys = new ArrayList<>(KEYS);
      keys.add(3, "activity_regularizer");
      assertEquals(keys, new ArrayList<>(c.keySet()));
      assertEquals(Map.of("module", "keras.regularizers", "class_name", "L2", "config", Map.of("l2", 0.01)),
          withoutNulls(c.get("activity_regularizer")));
      assertEquals("silu", c.get("activation"), "aliases are written canonically");
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> withoutNulls(Object envelope) {
    Map<String, Object> m = new HashMap<>((Map<String, Object>) envelope);
    m.values().removeIf(v -> v == null);
    return m;
  }

  static Stream<Arguments> layers() {
    return Stream.of(
        Arguments.of(Dense.builder(4).name("plain").build()),
        Arguments.of(Dense.builder(7).name("everything").activation("tanh").useBias(false).trainable(false)
            .kernelInitializer(new HeNormal(3L, new int[] {0}, new int[] {1})).biasInitializer(new Orthogonal(2.0, 5L))
            .kernelRegularizer(new L1L2(0.01, 0.02)).biasRegularizer(new L1(0.3))
            .activityRegularizer(new OrthogonalRegularizer(0.1, "columns"))
            .kernelConstraint(new MaxNorm(3.0, new int[] {0})).biasConstraint(new NonNeg()).build()),
        Arguments.of(Dense.builder(2).name("strings").kernelInitializer("lecun_uniform").biasInitializer("ones")
            .kernelRegularizer("l1l2").biasRegularizer("l2").kernelConstraint("unit_norm")
            .biasConstraint("min_max_norm").build()));
  }

  @ParameterizedTest
  @MethodSource("layers")
  void roundTrips(Dense d) {
    try (d; Dense back = Dense.fromConfig(d.getConfig())) {
      assertEquals(d.getConfig(), back.getConfig());
      assertEquals(d.kernelRegularizer(), back.kernelRegularizer());
      assertEquals(d.kernelConstraint(), back.kernelConstraint());
    }
    try (Dense whole = Dense.fromConfig(Map.of("module", "keras.layers", "class_name", "Dense", "config",
        d.getConfig()))) {
      assertEquals(d.getConfig(), whole.getConfig(), "the whole serialized object is accepted too");
    }
  }

  /** A Keras 2 layer config (KonduitAI's constraint MLP, dense_4) with the legacy keys. */
  @Test
  void readsKeras2() {
    Map<String, Object> c = json("""
        {"kernel_initializer": {"class_name": "VarianceScaling",
           "config": {"distribution": "uniform", "scale": 1.0, "seed": null, "mode": "fan_avg"}},
         "name": "dense_4", "kernel_constraint": null, "bias_regularizer": null,
         "bias_constraint": {"class_name": "MinMaxNorm", "config": {"max_value": 1.0, "rate": 1.0, "min_value": 0.0, "axis": 0}},
         "activation": "softmax", "trainable": true, "kernel_regularizer": null,
         "bias_initializer": {"class_name": "Zeros", "config": {}}, "units": 10, "use_bias": true,
         "activity_regularizer": null, "dtype": "float32", "batch_input_shape": [null, 784]}""");
    try (Dense d = Dense.fromConfig(c)) {
      assertEquals("dense_4", d.name());
      assertEquals(10, d.units());
      assertEquals("softmax", d.activation().name());
      VarianceScaling k = (VarianceScaling) d.kernelInitializer();
      assertEquals(List.of(1.0, "fan_avg", "uniform"), List.of(k.scale(), k.mode(), k.distribution()));
      assertInstanceOf(Zeros.class, d.biasInitializer());
      assertEquals(new MinMaxNorm(0, 1, 1, 0), d.biasConstraint());
      assertNull(d.activityRegularizer());
      assertNull(d.kernelConstraint());
    }
  }

  @Test
  void readsNamesDictsAndTheFunctionForm() {
    Map<String, Object> c = json("""
        {"name": "n", "units": 3, "kernel_initializer": "glorot_uniform", "bias_initializer": null,
         "kernel_regularizer": "l2", "kernel_constraint": "max_norm",
         "activation": {"module": "keras.src.activations.activations", "class_name": "function",
                        "config": "relu", "registered_name": "relu"},
         "dtype": {"module": "keras", "class_name": "DTypePolicy", "config": {"name": "float32"},
                   "registered_name": null, "shared_object_id": 1478229760656}}""");
    try (Dense d = Dense.fromConfig(c)) {
      assertEquals("relu", d.activation().name());
      assertInstanceOf(GlorotUniform.class, d.kernelInitializer());
      assertInstanceOf(GlorotUniform.class, d.biasInitializer(), "Keras' add_weight: None -> glorot_uniform");
      assertEquals(new L2(0.01), d.kernelRegularizer());
      assertEquals(new MaxNorm(), d.kernelConstraint());
      assertTrue(d.useBias() && d.trainable());
    }
  }

  @Test
  void builderNamesResolve() {
    try (Dense d = Dense.builder(3).kernelRegularizer("l1").biasRegularizer("l1l2").activityRegularizer("l2")
        .kernelConstraint("non_neg").biasConstraint("unit_norm").build()) {
      assertEquals(new L1(0.01), d.kernelRegularizer());
      assertEquals(new L1L2(), d.biasRegularizer());
      assertEquals(new L2(0.01), d.activityRegularizer());
      assertEquals(new NonNeg(), d.kernelConstraint());
      assertEquals(new UnitNorm(), d.biasConstraint());
    }
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Dense.builder(3).kernelRegularizer("l1_l2"));
    assertTrue(e.getMessage().contains("'l1_l2'"), e.getMessage());
  }

  static Stream<Arguments> invalidConfigs() {
    return Stream.of(
        Arguments.of("{\"name\": \"d\", \"units\": 0}", "Dense 'd': units must be a positive integer; received units=0"),
        Arguments.of("{\"units\": \"64\"}", "Dense: units must be an integer; received units=\"64\""),
        Arguments.of("{\"units\": 2.5}", "Dense: units must be an integer; received units=2.5"),
        Arguments.of("{\"units\": 2, \"kernel_size\": 3}", "unexpected config key 'kernel_size'"),
        Arguments.of("{\"units\": 2, \"dtype\": \"float64\"}", "dtype must be float32"),
        Arguments.of("{\"units\": 2, \"dtype\": {\"class_name\": \"DTypePolicy\", \"config\": {\"name\": \"mixed_float16\"}}}",
            "dtype must be float32"),
        Arguments.of("{\"units\": 2, \"quantization_config\": {\"mode\": \"int8\"}}", "quantization_config must be null"),
        Arguments.of("{\"units\": 2, \"lora_rank\": 4}", "lora_rank must be null (LoRA is not supported); received lora_rank=4"),
        Arguments.of("{\"units\": 2, \"activation\": 3}", "activation must be a name, a serialized function or a LeakyReLU, ReLU, ELU or Activation layer"),
        Arguments.of("{\"units\": 2, \"activation\": \"rleu\"}", "Unknown activation 'rleu'"),
        Arguments.of("{\"units\": 2, \"use_bias\": \"yes\"}", "use_bias must be true or false"),
        Arguments.of("{\"units\": 2, \"kernel_regularizer\": \"l1_l2\"}", "Unknown regularizer 'l1_l2'"),
        Arguments.of("{\"units\": 2, \"kernel_constraint\": {\"class_name\": \"MaxNorm\", \"config\": {\"max_value\": -1}}}",
            "MaxNorm: max_value must be a finite number > 0; received max_value=-1"),
        Arguments.of("{\"class_name\": \"Conv2D\", \"config\": {}}", "expected class_name Dense; received class_name=Conv2D"));
  }

  @ParameterizedTest
  @MethodSource("invalidConfigs")
  void invalidConfigsAreNamed(String config, String message) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Dense.fromConfig(json(config)));
    assertTrue(e.getMessage().contains(message), e.getMessage());
  }
}
