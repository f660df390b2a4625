// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.keras;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dense4j.activations.Activation;
import dev.dense4j.activations.Activations;
import dev.dense4j.constraints.MaxNorm;
import dev.dense4j.constraints.MinMaxNorm;
import dev.dense4j.constraints.NonNeg;
import dev.dense4j.initializers.GlorotNormal;
import dev.dense4j.initializers.RandomUniform;
import dev.dense4j.initializers.Zeros;
import dev.dense4j.layers.Dense;
import dev.dense4j.regularizers.L1L2;
import java.io.IOException;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Dense configs through core's {@code Dense.builderFromConfig}, with the file's Keras version and errors. */
class KerasLayerFactoryTest {

  private static KerasLayerFactory factory(String kerasVersion, Map<String, Activation> custom) {
    return new KerasLayerFactory("model.h5", "model_config", kerasVersion, custom);
  }

  private static Dense dense(String kerasVersion, String config) {
    return (Dense) factory(kerasVersion, Map.of()).create(new LayerSpec("Dense", "dense_7", json(config)));
  }

  private static JsonNode json(String text) {
    try {
      return Json.MAPPER.readTree(text);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void keras2ConfigGetsCoresRegularizersConstraintsAndSeededInitializers() {
    try (Dense d = dense("2.3.1", """
        {"name": "dense_7", "trainable": false, "dtype": "float32", "units": 4, "activation": "relu",
         "use_bias": false,
         "kernel_initializer": {"class_name": "GlorotNormal", "config": {"seed": 42}},
         "bias_initializer": {"class_name": "Zeros", "config": {}},
         "kernel_regularizer": {"class_name": "L1L2", "config": {"l1": 0.0, "l2": 0.009999999776482582}},
         "bias_regularizer": null, "activity_regularizer": null,
         "kernel_constraint": {"class_name": "MaxNorm", "config": {"max_value": 2.0, "axis": 0}},
         "bias_constraint": {"class_name": "MinMaxNorm", "config": {"min_value": 0.0, "max_value": 1.0, "rate": 0.5, "axis": 0}},
         "batch_input_shape": [null, 3]}""")) {
      assertEquals(4, d.units());
      assertEquals(false, d.useBias());
      assertEquals(false, d.trainable());
      assertEquals(Long.valueOf(42), ((GlorotNormal) d.kernelInitializer()).seed());
      assertInstanceOf(Zeros.class, d.biasInitializer());
      assertEquals(new L1L2(0.0, 0.009999999776482582), d.kernelRegularizer());
      assertEquals(new MaxNorm(2.0, 0), d.kernelConstraint());
      assertEquals(new MinMaxNorm(0.0, 1.0, 0.5, 0), d.biasConstraint());
      assertNull(d.activityRegularizer());
    }
  }

  @Test
  void keras1KeysAndObjectsAreTranslated() {
    try (Dense d = dense("1.2.2", """
        {"name": "dense_7", "output_dim": 6, "init": "uniform", "activation": "linear", "bias": true,
         "W_regularizer": {"name": "L1L2Regularizer", "l1": 0.0, "l2": 0.01},
         "b_regularizer": null, "activity_regularizer": {"name": "ActivityRegularizer", "l1": 0.02, "l2": 0.0},
         "W_constraint": {"name": "MaxNorm", "m": 3, "axis": 0}, "b_constraint": {"name": "NonNeg"},
         "input_dim": 4, "input_dtype": "float32", "batch_input_shape": [null, 4], "trainable": true}""")) {
      assertEquals(6, d.units());
      assertTrue(d.useBias());
      assertInstanceOf(RandomUniform.class, d.kernelInitializer());
      assertEquals(new L1L2(0.0, 0.01), d.kernelRegularizer());
      assertEquals(new L1L2(0.02, 0.0), d.activityRegularizer());
      assertEquals(new MaxNorm(3, 0), d.kernelConstraint());
      assertEquals(new NonNeg(), d.biasConstraint());
    }
  }

  @Test
  void hardSigmoidFollowsTheWritersKerasVersion() {
    String config = "{\"name\": \"dense_7\", \"units\": 2, \"activation\": \"hard_sigmoid\"}";
    for (String keras2 : new String[] {"1.2.2", "2.3.1", "2.15.0", null}) {
      try (Dense d = dense(keras2, config)) {
        assertEquals(Activations.hardSigmoidKeras2(), d.activation(), keras2);
      }
    }
    try (Dense d = dense("3.11.3", config)) {
      assertEquals(Activations.get("hard_sigmoid"), d.activation());
    }
  }

  @Test
  void customActivationFromTheLoadOptionsWins() {
    Activation step = Activations.get("relu");
    KerasLayerFactory f = factory("3.11.3", Map.of("step", step));
    try (Dense d = (Dense) f.create(new LayerSpec("Dense", "d", json("{\"units\": 1, \"activation\": \"step\"}")))) {
      assertSame(step, d.activation());
      assertEquals("d", d.name());
    }
  }

  static Stream<Arguments> rejectedConfigs() {
    return Stream.of(
        Arguments.of("{\"units\": 0}", "layer 'dense_7' (Dense): units must be a positive integer; received units=0"),
        Arguments.of("{\"units\": 2, \"kernel_regularizer\": {\"module\": null, \"class_name\": \"Spiky\", "
            + "\"config\": {}, \"registered_name\": \"my_pkg>Spiky\"}}",
            "layer 'dense_7' (Dense): Unknown regularizer 'my_pkg>Spiky' (class_name Spiky); register it with Regularizers.register"),
        Arguments.of("{\"units\": 2, \"kernel_initializer\": \"my_init\"}",
            "layer 'dense_7' (Dense): Unknown initializer 'my_init'; known: "),
        Arguments.of("{\"units\": 2, \"bias_constraint\": {\"class_name\": \"Clip\", \"config\": {\"c\": 0.01}}}",
            "layer 'dense_7' (Dense): Unknown constraint 'Clip'; known: "),
        Arguments.of("{\"units\": 2, \"W_constraint\": {\"name\": \"CurvatureConstraint\", \"m\": 1.0}}",
            "layer 'dense_7' (Dense): Unknown constraint 'CurvatureConstraint'"),
        Arguments.of("{\"units\": 2, \"output_dim\": 3}", "both Keras 1's output_dim and Keras 2's units"),
        Arguments.of("{\"units\": 2, \"quantization_config\": {\"mode\": \"int8\"}}", "quantization_config must be null"),
        Arguments.of("{\"units\": 2, \"activation\": \"rleu\"}", "unknown activation 'rleu'; pass it as a custom activation"));
  }

  @ParameterizedTest
  @MethodSource("rejectedConfigs")
  void rejectedConfigsNameFileInnerPathAndLayer(String config, String message) {
    KerasFormatException e = assertThrows(KerasFormatException.class, () -> dense("3.11.3", config));
    assertTrue(e.getMessage().startsWith("model.h5: model_config: layer 'dense_7' (Dense): "), e.getMessage());
    assertTrue(e.getMessage().contains(message), e.getMessage());
  }
}
