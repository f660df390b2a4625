// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.dense4j.activations.Activation;
import dev.dense4j.activations.Activations;
import dev.dense4j.testing.MiniJson;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Dense's {@code activation} config with parameterised built-ins: the serialized activation layer
 * that Keras 3 writes for {@code Dense(activation=LeakyReLU(…))} (the JSON below is Keras 3.15.1's
 * {@code get_config()["activation"]}), the same parameters back from {@code fromConfig}, and an
 * error (as Keras raises for a {@code functools.partial}) where no config can hold them.
 */
class DenseActivationConfigTest {

  private static final String DTYPE =
      "{\"module\": \"keras\", \"class_name\": \"DTypePolicy\", \"config\": {\"name\": \"float32\"}, \"registered_name\": null}";

  private static Object keras(String json) {
    return MiniJson.parse(json);
  }

  private static Object activationConfig(Activation a) {
    return Dense.builder(3).name("d").activation(a).build().getConfig().get("activation");
  }

  private static Activation roundTrip(Activation a) {
    return Dense.fromConfig(Dense.builder(3).name("d").activation(a).build().getConfig()).activation();
  }

  @Test
  void leakyReluReluAndEluWithParametersAreTheLayerObjectsKerasWrites() {
    assertEquals(keras("{\"module\": \"keras.layers\", \"class_name\": \"LeakyReLU\", \"config\": {\"name\": \"leaky_re_lu\", "
        + "\"trainable\": true, \"dtype\": " + DTYPE + ", \"negative_slope\": 0.10000000149011612}, \"registered_name\": null}"),
        activationConfig(Activations.leakyRelu(0.1f)));
    assertEquals(keras("{\"module\": \"keras.layers\", \"class_name\": \"ReLU\", \"config\": {\"name\": \"re_lu\", "
        + "\"trainable\": true, \"dtype\": " + DTYPE + ", \"max_value\": 6.0, \"negative_slope\": 0.0, \"threshold\": 0.0}, "
        + "\"registered_name\": null}"), activationConfig(Activations.relu(0, 6, 0)));
    assertEquals(keras("{\"module\": \"keras.layers\", \"class_name\": \"ELU\", \"config\": {\"name\": \"elu\", \"alpha\": 0.5, "
        + "\"trainable\": true, \"dtype\": " + DTYPE + "}, \"registered_name\": null}"), activationConfig(Activations.elu(0.5f)));
    assertEquals("relu", activationConfig(Activations.get("relu")), "default parameters stay a name");
    assertEquals("leaky_relu", activationConfig(Activations.leakyRelu(0.2f)), "leaky_relu's default slope is 0.2");
  }

  @Test
  void fromConfigRestoresEveryParameter() {
    for (Activation a : new Activation[] {Activations.leakyRelu(0.1f), Activations.relu(0, 6, 0),
        Activations.relu(0.25f, Float.POSITIVE_INFINITY, 0.5f), Activations.elu(0.5f), Activations.get("gelu")}) {
      assertEquals(a, roundTrip(a), a.toString());
    }
  }

  @Test
  void aKerasConfigWithAnActivationLayerLoads() {
    @SuppressWarnings("unchecked")
    Map<String, Object> config = (Map<String, Object>) keras("{\"name\": \"d\", \"units\": 3, \"activation\": "
        + "{\"module\": \"keras.layers\", \"class_name\": \"ReLU\", \"config\": {\"name\": \"re_lu\", \"trainable\": true, "
        + "\"dtype\": " + DTYPE + ", \"max_value\": null, \"negative_slope\": 0.1, \"threshold\": 0.5}, "
        + "\"registered_name\": null}}");
    assertEquals(Activations.relu(0.1f, Float.POSITIVE_INFINITY, 0.5f), Dense.fromConfig(config).activation());
  }

  @Test
  void parametersNoConfigCanHoldAreAnErrorNotADefault() {
    for (Activation a : new Activation[] {Activations.gelu(true), Activations.celu(2f), Activations.hardSigmoidKeras2(),
        Activations.relu(0, 6, -1)}) {
      Dense d = Dense.builder(3).name("d").activation(a).build();
      var e = assertThrows(IllegalArgumentException.class, d::getConfig, a.toString());
      assertEquals("Dense 'd': activation " + a + " has parameters that a Keras 3 config cannot express (Keras "
          + "stores activation functions by name; only leaky_relu, relu with threshold and max_value >= 0, and elu "
          + "have a layer form); use an activation layer after a linear Dense instead; received activation=" + a,
          e.getMessage());
    }
  }
}
