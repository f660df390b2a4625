// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.activations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;

class ActivationsTest {

  static final Set<String> KERAS_NAMES = Set.of("relu", "leaky_relu", "relu6", "softmax", "celu", "elu",
      "selu", "softplus", "softsign", "squareplus", "soft_shrink", "sparse_plus", "silu", "gelu", "glu",
      "tanh", "tanh_shrink", "threshold", "sigmoid", "sparse_sigmoid", "exponential", "hard_sigmoid",
      "hard_silu", "hard_tanh", "hard_shrink", "linear", "mish", "log_softmax", "log_sigmoid", "sparsemax");

  @Test
  void everyKerasNameAndAliasIsKnown() {
    assertEquals(30, KERAS_NAMES.size());
    assertTrue(Activations.names().containsAll(KERAS_NAMES));
    assertTrue(Activations.names().containsAll(Set.of("swish", "hard_swish")));
    for (String name : KERAS_NAMES) {
      if (!name.equals("threshold")) {
        assertEquals(name, Activations.get(name).name());
      }
    }
  }

  @Test
  void aliasesSerialiseToTheCanonicalName() {
    assertEquals("silu", Activations.get("swish").name());
    assertEquals("hard_silu", Activations.get("hard_swish").name());
    assertSame(Activations.get("silu"), Activations.get("swish"));
  }

  @Test
  void nullIsLinearAndNamesAreCaseSensitive() {
    assertEquals("linear", Activations.get(null).name());
    var e = assertThrows(IllegalArgumentException.class, () -> Activations.get("ReLU"));
    assertTrue(e.getMessage().startsWith("Unknown activation 'ReLU'; known: "), e.getMessage());
  }

  @Test
  void thresholdNeedsItsParameters() {
    var e = assertThrows(IllegalArgumentException.class, () -> Activations.get("threshold"));
    assertTrue(e.getMessage().contains("Activations.threshold(threshold, defaultValue)"), e.getMessage());
    assertEquals("threshold", Activations.threshold(1, 0).name());
  }

  @Test
  void defaultsFollowKeras() {
    assertEquals("leaky_relu(negative_slope=0.2)", Activations.get("leaky_relu").toString());
    assertEquals("gelu(approximate=false)", Activations.get("gelu").toString());
    assertEquals("elu(alpha=1.0)", Activations.get("elu").toString());
    assertEquals("squareplus(b=4.0)", Activations.get("squareplus").toString());
    assertEquals("soft_shrink(threshold=0.5)", Activations.get("soft_shrink").toString());
    assertEquals("relu(negative_slope=0.0, max_value=None, threshold=0.0)", Activations.get("relu").toString());
  }

  @Test
  void invalidParametersAreNamed() {
    assertEquals("relu: max_value must be > 0 (or +inf for none); received max_value=0.0",
        assertThrows(IllegalArgumentException.class, () -> Activations.relu(0, 0, 0)).getMessage());
    assertEquals("elu: alpha must be finite; received alpha=NaN",
        assertThrows(IllegalArgumentException.class, () -> Activations.elu(Float.NaN)).getMessage());
    assertEquals("celu: alpha must be non-zero; received alpha=0.0",
        assertThrows(IllegalArgumentException.class, () -> Activations.celu(0)).getMessage());
    assertEquals("squareplus: b must be finite and >= 0; received b=-1.0",
        assertThrows(IllegalArgumentException.class, () -> Activations.squareplus(-1)).getMessage());
  }

  @Test
  void customActivationsRegisterButCannotShadowBuiltins() {
    Activation relu = Activations.get("relu");
    var e = assertThrows(IllegalArgumentException.class, () -> Activations.register(relu));
    assertEquals("Activations.register: name must be non-blank and not a built-in; received name=relu", e.getMessage());
    Activation neg = new Activation() {
      @Override
      public String name() {
        return "negate_for_test";
      }

      @Override
      public void apply(float[] v, int offset, int rows, int cols) {
        for (int i = offset; i < offset + rows * cols; i++) {
          v[i] = -v[i];
        }
      }
    };
    Activations.register(neg);
    assertSame(neg, Activations.get("negate_for_test"));
  }
}
