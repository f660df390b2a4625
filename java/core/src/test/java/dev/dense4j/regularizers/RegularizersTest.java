// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.regularizers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dense4j.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The regularizer registry, its string traps (spec §4.1), configs (§4.3) and argument checks. */
class RegularizersTest {

  @ParameterizedTest
  @CsvSource({"L1, L1", "l1, L1", "L2, L2", "l2, L2", "L1L2, L1L2", "l1l2, L1L2",
      "OrthogonalRegularizer, OrthogonalRegularizer", "orthogonal_regularizer, OrthogonalRegularizer",
      "Regularizer, Regularizer", "regularizer, Regularizer"})
  void everyKerasNameResolves(String name, String className) {
    assertEquals(className, Regularizers.get(name).className());
  }

  @Test
  void stringTraps() {
    assertEquals(new L1(0.01), Regularizers.get("l1"));
    assertEquals(new L2(0.01), Regularizers.get("l2"));
    L1L2 zero = (L1L2) Regularizers.get("l1l2");
    assertEquals(List.of(0.0, 0.0), List.of(zero.l1(), zero.l2()), "'l1l2' is L1L2(0, 0), not 0.01/0.01");
    assertEquals(zero, Regularizers.get("L1L2"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Regularizers.get("l1_l2"));
    assertTrue(e.getMessage().startsWith("Unknown regularizer 'l1_l2'; known: L1, L1L2, L2,"), e.getMessage());
    assertNull(Regularizers.get(null));
  }

  @ParameterizedTest
  @ValueSource(strings = {"L1l2", "Orthogonal", "l3", "L1_L2"})
  void namesAreExact(String name) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Regularizers.get(name));
    assertTrue(e.getMessage().startsWith("Unknown regularizer '" + name + "'; known: ")
        && e.getMessage().endsWith("(register custom ones with Regularizers.register)"), e.getMessage());
  }

  @Test
  void float32RoundedConfigValues() {
    assertEquals(Map.of("l1", 0.009999999776482582), new L1(0.01).getConfig());
    assertEquals(Map.of("l2", 0.01), new L2(0.01).getConfig());
    assertEquals(Arrays.asList(0.01, 0.02), new ArrayList<>(new L1L2(0.01, 0.02).getConfig().values()));
    assertEquals(Arrays.asList(0.009999999776482582, "rows"), new ArrayList<>(new OrthogonalRegularizer().getConfig().values()));
    // the rounded and the exact value are the same regularizer
    assertEquals(new L1(0.01), Regularizers.fromConfig(Map.of("class_name", "L1", "config", Map.of("l1", 0.009999999776482582))));
    assertEquals(new L2(0.01), Regularizers.fromConfig(Map.of("class_name", "L2", "config", Map.of("l2", 0.009999999776482582))));
    assertEquals(new L1L2(0, 0.01), new L1L2(0, 0.009999999776482582));
  }

  static Stream<Regularizer> builtins() {
    return Stream.of(new L1(0.3), new L2(0.25), new L1L2(0.1, 0.2), new L1L2(),
        new OrthogonalRegularizer(0.5, "columns"), new NoPenalty());
  }

  @ParameterizedTest
  @MethodSource("builtins")
  void configRoundTrips(Regularizer r) {
    Map<String, Object> s = Regularizers.serialize(r);
    assertEquals(List.of("module", "class_name", "config", "registered_name"), new ArrayList<>(s.keySet()));
    assertEquals("keras.regularizers", s.get("module"));
    Regularizer back = Regularizers.fromConfig(s);
    assertEquals(r, back);
    assertEquals(r.getConfig(), back.getConfig());
    assertEquals(new ArrayList<>(r.getConfig().keySet()), new ArrayList<>(back.getConfig().keySet()));
  }

  @Test
  void noneMeansKerasDefaults() {
    Map<String, Object> c = new HashMap<>();
    c.put("l1", null);
    assertEquals(new L1(0.01), Regularizers.fromConfig(Map.of("class_name", "L1", "config", c)));
    Map<String, Object> d = new HashMap<>();
    d.put("l1", null);
    d.put("l2", null);
    assertEquals(new L1L2(0, 0), Regularizers.fromConfig(Map.of("class_name", "L1L2", "config", d)));
  }

  @Test
  void userRegularizersRegisterAndRoundTrip() {
    Regularizers.register("RegularizersTest>Sum", c -> new Sum(((Number) c.get("k")).doubleValue()));
    Map<String, Object> s = Regularizers.serialize(new Sum(2.5));
    assertEquals("RegularizersTest>Sum", s.get("registered_name"));
    Sum back = (Sum) Regularizers.fromConfig(s);
    assertEquals(2.5, back.k);
    try (Tensor x = Tensor.of(new float[] {1, 2, 3}, 3)) {
      assertEquals(15.0, back.penalty(x));
    }
  }

  static final class Sum implements Regularizer {
    final double k;

    Sum(double k) {
      this.k = k;
    }

    @Override
    public String className() {
      return "Sum";
    }

    @Override
    public double penalty(Tensor x) {
      double s = 0;
      for (float v : x.toArray()) {
        s += v;
      }
      return k * s;
    }

    @Override
    public void addGradient(Tensor x, Tensor grad) {
      for (long i = 0; i < x.size(); i++) {
        grad.setFlat(i, (float) (grad.getFlat(i) + k));
      }
    }

    @Override
    public Map<String, Object> getConfig() {
      Map<String, Object> c = new LinkedHashMap<>();
      c.put("k", k);
      return c;
    }
  }

  static Stream<Arguments> invalidArguments() {
    return Stream.of(
        Arguments.of((Runnable) () -> new L1(-0.1), "L1", "l1=-0.1"),
        Arguments.of((Runnable) () -> new L1(Double.NaN), "L1", "l1=NaN"),
        Arguments.of((Runnable) () -> new L2(Double.POSITIVE_INFINITY), "L2", "l2=Infinity"),
        Arguments.of((Runnable) () -> new L1L2(0.1, -1), "L1L2", "l2=-1.0"),
        Arguments.of((Runnable) () -> new L1L2(Double.NEGATIVE_INFINITY, 0), "L1L2", "l1=-Infinity"),
        Arguments.of((Runnable) () -> new OrthogonalRegularizer(Double.NaN, "rows"), "OrthogonalRegularizer", "factor=NaN"),
        Arguments.of((Runnable) () -> Regularizers.fromConfig(Map.of("class_name", "L2", "config", Map.of("l2", "0.1"))),
            "L2", "l2=\"0.1\" (String)"),
        Arguments.of((Runnable) () -> Regularizers.fromConfig(Map.of("class_name", "L1", "config", Map.of("l1", List.of(0.1)))),
            "L1", "l1=[0.1]"),
        Arguments.of((Runnable) () -> Regularizers.fromConfig(Map.of("class_name", "L1", "config", Map.of("l2", 0.1))),
            "L1", "l2=0.1"),
        Arguments.of((Runnable) () -> Regularizers.fromConfig(orthogonalWithNullFactor()),
            "OrthogonalRegularizer", "factor=null"),
        Arguments.of((Runnable) () -> Regularizers.fromConfig(Map.of("class_name", "OrthogonalRegularizer",
            "config", Map.of("mode", 3))), "OrthogonalRegularizer", "mode=3"));
  }

  private static Map<String, Object> orthogonalWithNullFactor() {
    Map<String, Object> c = new HashMap<>();
    c.put("factor", null);
    return Map.of("class_name", "OrthogonalRegularizer", "config", c);
  }

  @ParameterizedTest
  @MethodSource("invalidArguments")
  void invalidArgumentsAreNamed(Runnable call, String owner, String detail) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call::run);
    assertTrue(e.getMessage().startsWith(owner) && e.getMessage().contains(detail), e.getMessage());
  }

  @Test
  void resolveTakesInstancesNamesAndDicts() {
    L2 mine = new L2(0.5);
    assertEquals(mine, Regularizers.resolve(mine));
    assertInstanceOf(L1.class, Regularizers.resolve("l1"));
    assertInstanceOf(L1L2.class, Regularizers.resolve(Map.of("module", "keras.regularizers", "class_name", "L1L2",
        "config", Map.of("l1", 0.0, "l2", 0.0), "registered_name", "L1L2")));
  }
}
