// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dense4j.backend.Backend;
import dev.dense4j.tensor.Tensor;
import dev.dense4j.testing.TestBackends;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every argument check names the owner, the expectation and the value received. */
class DenseErrorsTest {

  @ParameterizedTest
  @ValueSource(ints = {0, -1, -128})
  void unitsMustBePositive(int units) {
    var e = assertThrows(IllegalArgumentException.class, () -> Dense.builder(units));
    assertEquals("Dense: units must be > 0; received units=" + units, e.getMessage());
  }

  @Test
  void unknownActivationListsTheKnownOnes() {
    var e = assertThrows(IllegalArgumentException.class, () -> Dense.builder(4).activation("rleu"));
    assertTrue(e.getMessage().startsWith("Unknown activation 'rleu'; known: celu, elu, exponential"), e.getMessage());
    assertTrue(e.getMessage().contains("swish") && e.getMessage().contains("Activations.register"), e.getMessage());
  }

  @Test
  void unknownInitializerIsNamed() {
    var e = assertThrows(IllegalArgumentException.class, () -> Dense.builder(4).kernelInitializer("glorot"));
    assertTrue(e.getMessage().startsWith("Unknown initializer 'glorot'; known: "), e.getMessage());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.dense4j.testing.TestBackends#all")
  void wrongLastDimension(Backend backend) {
    TestBackends.assumeAvailable(backend);
    try (Dense d = Dense.builder(3).name("dense_x").backend(backend).build().build(-1, 784)) {
      var e = assertThrows(IllegalArgumentException.class, () -> d.call(new float[3200], 32, 100));
      assertEquals("Dense 'dense_x': expected last input dimension 784; received shape [32, 100]", e.getMessage());
      try (Tensor t = Tensor.zeros(2, 5)) {
        var e2 = assertThrows(IllegalArgumentException.class, () -> d.call(t));
        assertEquals("Dense 'dense_x': expected last input dimension 784; received shape [2, 5]", e2.getMessage());
      }
    }
  }

  @Test
  void rankOneInputIsRejected() {
    try (Dense d = Dense.builder(3).name("r1").build().build(-1, 4)) {
      var e = assertThrows(IllegalArgumentException.class, () -> d.call(new float[4], 4));
      assertEquals("Dense 'r1': expected an input of rank >= 2; received shape [4]", e.getMessage());
    }
  }

  @Test
  void arrayLengthMustMatchTheShape() {
    try (Dense d = Dense.builder(3).name("len").build().build(-1, 4)) {
      var e = assertThrows(IllegalArgumentException.class, () -> d.call(new float[7], 2, 4));
      assertEquals("Dense 'len': expected input.length 8; received input.length=7", e.getMessage());
      var e2 = assertThrows(IllegalArgumentException.class, () -> d.call(new float[8], new int[] {2, 4}, new float[5]));
      assertEquals("Dense 'len': expected output.length 6; received output.length=5", e2.getMessage());
    }
  }

  @Test
  void outputTensorShapeMustMatch() {
    try (Dense d = Dense.builder(3).name("out").build().build(-1, 4);
        Tensor x = Tensor.zeros(2, 4); Tensor y = Tensor.zeros(2, 4)) {
      var e = assertThrows(IllegalArgumentException.class, () -> d.call(x, y));
      assertEquals("Dense 'out': expected output shape [2, 3]; received shape [2, 4]", e.getMessage());
    }
  }

  @Test
  void theFirstCallBuildsTheLayerAsInKeras() {
    Dense d = Dense.builder(3).name("lazy").kernelInitializer(new dev.dense4j.initializers.GlorotUniform(5L)).build();
    var e = assertThrows(IllegalStateException.class, d::getWeights);
    assertEquals("Dense 'lazy' is not built; call build(inputShape) first", e.getMessage());
    float[] x = {1, 2, 3, 4, -1, -2, -3, -4};
    float[] y = d.call(x, 2, 4); // builds for input_dim 4
    assertEquals(4, d.inputDim());
    try (Dense eager = Dense.builder(3).name("eager").kernelInitializer(new dev.dense4j.initializers.GlorotUniform(5L))
        .build().build(-1, 4)) {
      org.junit.jupiter.api.Assertions.assertArrayEquals(eager.call(x, 2, 4), y, 0f);
    }
    var again = assertThrows(IllegalArgumentException.class, () -> d.call(new float[5], 1, 5));
    assertEquals("Dense 'lazy': expected last input dimension 4; received shape [1, 5]", again.getMessage());
    d.close();
  }

  @Test
  void callAfterClose() {
    Dense d = Dense.builder(3).name("closed").build().build(-1, 4);
    d.close();
    var e = assertThrows(IllegalStateException.class, () -> d.call(new float[4], 1, 4));
    assertEquals("Dense 'closed' is closed", e.getMessage());
  }

  @Test
  void closedInputTensor() {
    try (Dense d = Dense.builder(3).name("in").build().build(-1, 4)) {
      Tensor x = Tensor.zeros(1, 4);
      x.close();
      var e = assertThrows(IllegalStateException.class, () -> d.call(x));
      assertEquals("Tensor [1, 4] is closed", e.getMessage());
    }
  }

  @Test
  void setWeightsChecksCountAndSizes() {
    try (Dense d = Dense.builder(3).name("w").build().build(-1, 4)) {
      var e = assertThrows(IllegalArgumentException.class, () -> d.setWeights(List.of(new float[12])));
      assertEquals("Dense 'w': expected 2 weight arrays (kernel, bias); received 1", e.getMessage());
      var e2 = assertThrows(IllegalArgumentException.class, () -> d.setWeights(List.of(new float[11], new float[3])));
      assertEquals("Dense 'w': expected kernel.length 12; received kernel.length=11", e2.getMessage());
    }
  }

  @Test
  void buildTwiceOrWithUnknownInputDim() {
    Dense d = Dense.builder(3).name("b2").build();
    var e = assertThrows(IllegalArgumentException.class, () -> d.build(-1, -1));
    assertEquals("Dense 'b2': the last input dimension must be known and > 0; received -1", e.getMessage());
    d.build(8, 4);
    var e2 = assertThrows(IllegalStateException.class, () -> d.build(8, 4));
    assertEquals("Dense 'b2': already built for input dimension 4", e2.getMessage());
    d.close();
  }
}
