// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.initializers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dense4j.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
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

/** The registry (spec §3.1), the config keys (§3.7) and the argument checks. */
class InitializersTest {

  @ParameterizedTest
  @CsvSource({
      "Constant, Constant", "constant, Constant", "Zeros, Zeros", "zeros, Zeros", "zero, Zeros",
      "Ones, Ones", "ones, Ones", "one, Ones", "Identity, Identity", "identity, Identity",
      "IdentityInitializer, Identity", "Orthogonal, Orthogonal", "orthogonal, Orthogonal",
      "OrthogonalInitializer, Orthogonal", "RandomNormal, RandomNormal", "random_normal, RandomNormal",
      "normal, RandomNormal", "RandomUniform, RandomUniform", "random_uniform, RandomUniform",
      "uniform, RandomUniform", "TruncatedNormal, TruncatedNormal", "truncated_normal, TruncatedNormal",
      "VarianceScaling, VarianceScaling", "variance_scaling, VarianceScaling", "GlorotNormal, GlorotNormal",
      "glorot_normal, GlorotNormal", "GlorotUniform, GlorotUniform", "glorot_uniform, GlorotUniform",
      "HeNormal, HeNormal", "he_normal, HeNormal", "HeUniform, HeUniform", "he_uniform, HeUniform",
      "LecunNormal, LecunNormal", "lecun_normal, LecunNormal", "LecunUniform, LecunUniform",
      "lecun_uniform, LecunUniform"})
  void everyKerasNameResolves(String name, String className) {
    Initializer i = Initializers.get(name);
    assertEquals(className, i.className());
    assertEquals(className, i.getClass().getSimpleName());
  }

  @Test
  void defaultsByNameAreKeras() {
    assertEquals(0.0, ((Constant) Initializers.get("constant")).value());
    assertEquals(1.0, ((Identity) Initializers.get("identity")).gain());
    RandomNormal n = (RandomNormal) Initializers.get("normal");
    assertEquals(List.of(0.0, 0.05), List.of(n.mean(), n.stddev()));
    RandomUniform u = (RandomUniform) Initializers.get("uniform");
    assertEquals(List.of(-0.05, 0.05), List.of(u.minval(), u.maxval()));
    VarianceScaling v = (VarianceScaling) Initializers.get("variance_scaling");
    assertEquals(List.of(1.0, "fan_in", "truncated_normal"), List.of(v.scale(), v.mode(), v.distribution()));
    GlorotUniform g = (GlorotUniform) Initializers.get("glorot_uniform");
    assertEquals(List.of(1.0, "fan_avg", "uniform"), List.of(g.scale(), g.mode(), g.distribution()));
    HeNormal h = (HeNormal) Initializers.get("he_normal");
    assertEquals(List.of(2.0, "fan_in", "truncated_normal"), List.of(h.scale(), h.mode(), h.distribution()));
  }

  @ParameterizedTest
  @ValueSource(strings = {"Glorot_Uniform", "GLOROT_UNIFORM", "glorotUniform", "he-normal", "Normal", ""})
  void namesAreExactAndUnknownOnesListTheKnown(String name) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Initializers.get(name));
    assertTrue(e.getMessage().startsWith("Unknown initializer '" + name + "'; known: "), e.getMessage());
    assertTrue(e.getMessage().contains("glorot_uniform") && e.getMessage().contains("OrthogonalInitializer")
        && e.getMessage().contains("Initializers.register"), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"STFT", "stft", "STFTInitializer"})
  void stftIsKnownButRejectedWithTheReason(String name) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Initializers.get(name));
    assertTrue(e.getMessage().contains("'" + name + "'") && e.getMessage().contains("convolution")
        && e.getMessage().contains("not support it on Dense"), e.getMessage());
  }

  @Test
  void theAbstractBaseIsRejected() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Initializers.get("Initializer"));
    assertTrue(e.getMessage().contains("abstract"), e.getMessage());
    assertTrue(Initializers.names().containsAll(List.of("STFT", "initializer", "he_uniform", "one")));
  }

  /** Each built-in, its exact Keras 3 config keys in order, and its round trip. */
  static Stream<Arguments> configs() {
    return Stream.of(
        Arguments.of(new Zeros(), List.of()),
        Arguments.of(new Ones(), List.of()),
        Arguments.of(new Constant(0.5), List.of("value")),
        Arguments.of(new Identity(2.0), List.of("gain")),
        Arguments.of(new Orthogonal(1.5, 3L), List.of("seed", "gain")),
        Arguments.of(new RandomNormal(0.1, 0.2, 4L), List.of("seed", "mean", "stddev")),
        Arguments.of(new TruncatedNormal(0.1, 0.2, (Long) null), List.of("seed", "mean", "stddev")),
        Arguments.of(new RandomUniform(-1, 1, 5L), List.of("seed", "minval", "maxval")),
        Arguments.of(new VarianceScaling(2.0, "fan_out", "uniform", 6L, new int[] {0}, new int[] {1}),
            List.of("seed", "scale", "mode", "distribution", "input_axes", "output_axes")),
        Arguments.of(new GlorotUniform(7L), List.of("seed", "input_axes", "output_axes")),
        Arguments.of(new GlorotNormal(new SeedGenerator(8)), List.of("seed", "input_axes", "output_axes")),
        Arguments.of(new HeUniform(9L, new int[] {0, 1}, new int[] {2}), List.of("seed", "input_axes", "output_axes")),
        Arguments.of(new HeNormal(10L), List.of("seed", "input_axes", "output_axes")),
        Arguments.of(new LecunUniform(11L), List.of("seed", "input_axes", "output_axes")),
        Arguments.of(new LecunNormal(), List.of("seed", "input_axes", "output_axes")));
  }

  @ParameterizedTest
  @MethodSource("configs")
  void configRoundTripsWithKerasKeys(Initializer init, List<String> keys) {
    Map<String, Object> config = init.getConfig();
    assertEquals(keys, new ArrayList<>(config.keySet()));
    Map<String, Object> serialized = Initializers.serialize(init);
    assertEquals(List.of("module", "class_name", "config", "registered_name"), new ArrayList<>(serialized.keySet()));
    assertEquals("keras.initializers", serialized.get("module"));
    assertEquals(init.className(), serialized.get("class_name"));
    assertNull(serialized.get("registered_name"));
    Initializer back = Initializers.fromConfig(serialized);
    assertSame(init.getClass(), back.getClass());
    assertEquals(config, back.getConfig());
  }

  @Test
  void configValuesAreKeras() {
    Map<String, Object> vs = new VarianceScaling(2.0, "fan_out", "Normal", 6L, new int[] {0}, new int[] {1, 2})
        .getConfig();
    assertEquals(Arrays.asList(6L, 2.0, "fan_out", "truncated_normal", List.of(0), List.of(1, 2)),
        new ArrayList<>(vs.values()));
    Map<String, Object> g = new GlorotUniform().getConfig();
    assertEquals(Arrays.asList(null, null, null), new ArrayList<>(g.values()));
  }

  @Test
  void readsKeras2ConfigsAndNames() {
    Map<String, Object> vs = new LinkedHashMap<>();
    vs.put("distribution", "uniform");
    vs.put("scale", 1.0);
    vs.put("seed", null);
    vs.put("mode", "fan_avg");
    VarianceScaling v = (VarianceScaling) Initializers.fromConfig(Map.of("class_name", "VarianceScaling", "config", vs));
    assertEquals(List.of(1.0, "fan_avg", "uniform"), List.of(v.scale(), v.mode(), v.distribution()));
    // tf.keras 2.2 wrote a dtype into initializer configs
    assertInstanceOf(Zeros.class, Initializers.fromConfig(Map.of("class_name", "Zeros", "config", Map.of("dtype", "float32"))));
    assertInstanceOf(GlorotUniform.class, Initializers.resolve("glorot_uniform"));
    assertInstanceOf(Ones.class, Initializers.fromConfig(Map.of("class_name", "one", "config", Map.of())));
    Initializer mine = new Ones();
    assertSame(mine, Initializers.resolve(mine));
    assertNull(Initializers.resolve(null));
  }

  @Test
  void userInitializersRegisterAndRoundTrip() {
    Initializers.register("InitializersTest>Halves", c -> new Halves());
    Map<String, Object> s = Initializers.serialize(new Halves());
    assertNull(s.get("module"));
    assertEquals("InitializersTest>Halves", s.get("registered_name"));
    assertInstanceOf(Halves.class, Initializers.fromConfig(s));
    assertInstanceOf(Halves.class, Initializers.get("InitializersTest>Halves"));
    assertInstanceOf(Halves.class, Initializers.get("Halves"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Initializers.register("zeros", c -> new Halves()));
    assertTrue(e.getMessage().contains("registeredName=zeros"), e.getMessage());
    IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> Initializers.fromConfig(
        Map.of("module", "x", "class_name", "Nope", "config", Map.of(), "registered_name", "Pkg>Nope")));
    assertTrue(unknown.getMessage().contains("Pkg>Nope") && unknown.getMessage().contains("Initializers.register"),
        unknown.getMessage());
  }

  static final class Halves implements Initializer {
    @Override
    public String className() {
      return "Halves";
    }

    @Override
    public void initialize(Tensor target) {
      Constant.fill(target, 0.5f);
    }
  }

  /** Every argument check names the owner, the argument and the value. */
  static Stream<Arguments> invalidArguments() {
    return Stream.of(
        Arguments.of((Runnable) () -> new VarianceScaling(0, "fan_in", "uniform", 1L), "VarianceScaling", "scale=0.0"),
        Arguments.of((Runnable) () -> new VarianceScaling(-1, "fan_in", "uniform", 1L), "VarianceScaling", "scale=-1.0"),
        Arguments.of((Runnable) () -> new VarianceScaling(1, "fan_mid", "uniform", 1L), "VarianceScaling", "mode=fan_mid"),
        Arguments.of((Runnable) () -> new VarianceScaling(1, "fan_in", "gamma", 1L), "VarianceScaling",
            "distribution=gamma"),
        Arguments.of((Runnable) () -> new RandomNormal(0, -1, 1L), "RandomNormal", "stddev=-1.0"),
        Arguments.of((Runnable) () -> new RandomNormal(Double.NaN, 1, 1L), "RandomNormal", "mean=NaN"),
        Arguments.of((Runnable) () -> new TruncatedNormal(0, Double.POSITIVE_INFINITY, 1L), "TruncatedNormal",
            "stddev=Infinity"),
        Arguments.of((Runnable) () -> new RandomUniform(1, -1, 1L), "RandomUniform", "minval=1.0, maxval=-1.0"),
        Arguments.of((Runnable) () -> new Constant(Double.NaN), "Constant", "value=NaN"),
        Arguments.of((Runnable) () -> new Identity(Double.NEGATIVE_INFINITY), "Identity", "gain=-Infinity"),
        Arguments.of((Runnable) () -> new Orthogonal(Double.NaN, 1L), "Orthogonal", "gain=NaN"),
        Arguments.of((Runnable) () -> Initializers.get(null), "Initializers", "name=null"),
        Arguments.of((Runnable) () -> Initializers.fromConfig(Map.of("class_name", "RandomNormal",
            "config", Map.of("mean", "0"))), "RandomNormal", "mean=\"0\" (String)"),
        Arguments.of((Runnable) () -> Initializers.fromConfig(Map.of("class_name", "RandomNormal",
            "config", Map.of("seed", 1.5))), "RandomNormal", "seed=1.5"),
        Arguments.of((Runnable) () -> Initializers.fromConfig(Map.of("class_name", "GlorotUniform",
            "config", Map.of("scale", 2.0))), "GlorotUniform", "scale=2.0"),
        Arguments.of((Runnable) () -> Initializers.fromConfig(Map.of("class_name", "Constant",
            "config", Map.of("value", List.of(1, 2)))), "Constant", "value=[1, 2]"),
        Arguments.of((Runnable) () -> Initializers.fromConfig(Map.of("class_name", "VarianceScaling",
            "config", Map.of("input_axes", List.of("a")))), "VarianceScaling", "input_axes"),
        Arguments.of((Runnable) () -> Initializers.fromConfig(Map.of("class_name", 3, "config", Map.of())),
            "Initializers", "class_name=3"),
        Arguments.of((Runnable) () -> Initializers.fromConfig(Map.of("class_name", "Zeros", "config", "x")),
            "Initializers", "config=\"x\""),
        Arguments.of((Runnable) () -> Initializers.resolve(42), "Initializers", "42"));
  }

  @ParameterizedTest
  @MethodSource("invalidArguments")
  void invalidArgumentsAreNamed(Runnable call, String owner, String detail) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call::run);
    assertTrue(e.getMessage().startsWith(owner) && e.getMessage().contains(detail), e.getMessage());
  }
}
