// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.constraints;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dense4j.tensor.Tensor;
import java.util.ArrayList;
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

/** The constraint registry (spec §5.2), configs (§5.1), argument checks and a user constraint. */
class ConstraintsTest {

  @ParameterizedTest
  @CsvSource({"NonNeg, NonNeg", "non_neg, NonNeg", "MaxNorm, MaxNorm", "max_norm, MaxNorm",
      "MinMaxNorm, MinMaxNorm", "min_max_norm, MinMaxNorm", "UnitNorm, UnitNorm", "unit_norm, UnitNorm",
      "Constraint, Constraint", "constraint, Constraint"})
  void everyKerasNameResolves(String name, String className) {
    assertEquals(className, Constraints.get(name).className());
  }

  @ParameterizedTest
  @ValueSource(strings = {"nonneg", "maxnorm", "Max_Norm", "unitnorm", "clip"})
  void namesAreExact(String name) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Constraints.get(name));
    assertTrue(e.getMessage().startsWith("Unknown constraint '" + name + "'; known: ")
        && e.getMessage().contains("max_norm, min_max_norm, non_neg"), e.getMessage());
  }

  @Test
  void defaultsAndConfigValuesAreKeras() {
    assertEquals(List.of("max_value", "axis"), new ArrayList<>(Constraints.get("max_norm").getConfig().keySet()));
    assertEquals(List.of(2, 0), new ArrayList<>(Constraints.get("max_norm").getConfig().values()),
        "MaxNorm() writes the int 2");
    assertEquals(List.of(0.0, 1.0, 1.0, 0), new ArrayList<>(Constraints.get("min_max_norm").getConfig().values()));
    assertEquals(List.of("min_value", "max_value", "rate", "axis"),
        new ArrayList<>(new MinMaxNorm().getConfig().keySet()));
    assertEquals(Map.of("axis", 0), Constraints.get("unit_norm").getConfig());
    assertEquals(Map.of(), Constraints.get("non_neg").getConfig());
    assertEquals(Map.of("max_value", 3.0, "axis", List.of(0, 1)), new MaxNorm(3.0, new int[] {0, 1}).getConfig());
    assertNull(Constraints.get(null));
  }

  static Stream<Constraint> builtins() {
    return Stream.of(new NonNeg(), new MaxNorm(), new MaxNorm(1.5, 1), new MaxNorm(3.0, new int[] {0, 1}),
        new MinMaxNorm(), new MinMaxNorm(0.5, 2.0, 0.25, -1), new UnitNorm(), new UnitNorm(new int[] {1}),
        new IdentityConstraint());
  }

  @ParameterizedTest
  @MethodSource("builtins")
  void configRoundTrips(Constraint c) {
    Map<String, Object> s = Constraints.serialize(c);
    assertEquals(List.of("module", "class_name", "config", "registered_name"), new ArrayList<>(s.keySet()));
    assertEquals("keras.constraints", s.get("module"));
    Constraint back = Constraints.fromConfig(s);
    assertEquals(c, back);
    assertEquals(c.getConfig(), back.getConfig());
  }

  @Test
  void readsKeras2Configs() {
    Map<String, Object> mm = new LinkedHashMap<>();
    mm.put("max_value", 1.0);
    mm.put("rate", 1.0);
    mm.put("min_value", 0.0);
    mm.put("axis", 0L);
    MinMaxNorm m = (MinMaxNorm) Constraints.fromConfig(Map.of("class_name", "MinMaxNorm", "config", mm));
    assertEquals(List.of(0.0, 1.0, 1.0), List.of(m.minValue(), m.maxValue(), m.rate()));
    assertArrayEquals(new int[] {0}, m.axes());
    assertInstanceOf(NonNeg.class, Constraints.resolve(Map.of("class_name", "NonNeg", "config", Map.of())));
  }

  static Stream<Arguments> invalidArguments() {
    return Stream.of(
        Arguments.of((Runnable) () -> new MaxNorm(0, 0), "MaxNorm", "max_value=0.0"),
        Arguments.of((Runnable) () -> new MaxNorm(-2, 0), "MaxNorm", "max_value=-2.0"),
        Arguments.of((Runnable) () -> new MaxNorm(Double.NaN, 0), "MaxNorm", "max_value=NaN"),
        Arguments.of((Runnable) () -> new MinMaxNorm(2, 1, 1, 0), "MinMaxNorm", "min_value=2.0, max_value=1.0"),
        Arguments.of((Runnable) () -> new MinMaxNorm(-1, 1, 1, 0), "MinMaxNorm", "min_value=-1.0"),
        Arguments.of((Runnable) () -> new MinMaxNorm(0, 0, 1, 0), "MinMaxNorm", "max_value=0.0"),
        Arguments.of((Runnable) () -> new MinMaxNorm(0, 1, 1.5, 0), "MinMaxNorm", "rate=1.5"),
        Arguments.of((Runnable) () -> new MinMaxNorm(0, 1, -0.1, 0), "MinMaxNorm", "rate=-0.1"),
        Arguments.of((Runnable) () -> new MinMaxNorm(0, Double.POSITIVE_INFINITY, 1, 0), "MinMaxNorm",
            "max_value=Infinity"),
        Arguments.of((Runnable) () -> apply(new MaxNorm(2.0, 2), 3, 4), "MaxNorm", "axis=2"),
        Arguments.of((Runnable) () -> apply(new UnitNorm(-3), 3, 4), "UnitNorm", "axis=-3"),
        Arguments.of((Runnable) () -> apply(new UnitNorm(new int[] {0, 0}), 3, 4), "UnitNorm", "axis=[0, 0]"),
        Arguments.of((Runnable) () -> apply(new MinMaxNorm(), new int[0]), "MinMaxNorm", "axis=0"),
        Arguments.of((Runnable) () -> Constraints.fromConfig(Map.of("class_name", "MaxNorm",
            "config", Map.of("max_value", "2"))), "MaxNorm", "max_value=\"2\" (String)"),
        Arguments.of((Runnable) () -> Constraints.fromConfig(Map.of("class_name", "UnitNorm",
            "config", Map.of("axis", 0.5))), "UnitNorm", "axis=0.5"),
        Arguments.of((Runnable) () -> Constraints.fromConfig(Map.of("class_name", "NonNeg",
            "config", Map.of("axis", 0))), "NonNeg", "axis=0"));
  }

  private static void apply(Constraint c, int... shape) {
    try (Tensor t = Tensor.zeros(shape)) {
      c.apply(t);
    }
  }

  @ParameterizedTest
  @MethodSource("invalidArguments")
  void invalidArgumentsAreNamed(Runnable call, String owner, String detail) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call::run);
    assertTrue(e.getMessage().startsWith(owner) && e.getMessage().contains(detail), e.getMessage());
  }

  /** The documented example of {@link Constraint}: WGAN weight clipping, {@code clip(w, −c, c)}. */
  record WeightClip(double clipValue) implements Constraint {
    @Override
    public String className() {
      return "WeightClip";
    }

    @Override
    public void apply(Tensor w) {
      float c = (float) clipValue;
      for (long i = 0; i < w.size(); i++) {
        w.setFlat(i, Math.max(-c, Math.min(c, w.getFlat(i))));
      }
    }

    @Override
    public Map<String, Object> getConfig() {
      return new LinkedHashMap<>(Map.of("clip_value", clipValue));
    }
  }

  @Test
  void weightClippingAsAUserConstraint() {
    Constraints.register("ConstraintsTest>WeightClip", c -> new WeightClip(((Number) c.get("clip_value")).doubleValue()));
    Map<String, Object> s = Constraints.serialize(new WeightClip(0.01));
    assertNull(s.get("module"));
    assertEquals("WeightClip", s.get("class_name"));
    assertEquals("ConstraintsTest>WeightClip", s.get("registered_name"));
    assertEquals(Map.of("clip_value", 0.01), s.get("config"));
    Constraint back = Constraints.fromConfig(s);
    try (Tensor w = Tensor.of(new float[] {-0.5f, -0.005f, 0f, 0.02f, 0.01f}, 5)) {
      back.apply(w);
      assertArrayEquals(new float[] {-0.01f, -0.005f, 0f, 0.01f, 0.01f}, w.toArray());
    }
  }
}
