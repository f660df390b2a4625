// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.internal.ffm.bindings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dense4j.internal.ActivationKind;
import dev.dense4j.internal.NormConstraintKind;
import dev.dense4j.internal.ffm.bindings.generated.dense4j_h;
import dev.dense4j.internal.ffm.bindings.generated.testing.dense4j_testing_h;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The hand-written side agrees with the generated bindings of dense4j.h: the Java enums carry the
 * header's codes, every exported function has its wrapper here, and the test hook stays out of the
 * public bindings. (That the generated bindings match the header is checked by
 * native/jextract/regenerate-bindings --check.) Runs without natives.
 */
class Dense4jHTest {

  /** The generated constants whose name starts with {@code prefix}, without the prefix. */
  static Map<String, Integer> constants(String prefix) throws ReflectiveOperationException {
    Map<String, Integer> out = new TreeMap<>();
    for (Method m : dense4j_h.class.getDeclaredMethods()) {
      if (m.getName().startsWith(prefix) && m.getParameterCount() == 0
          && Modifier.isPublic(m.getModifiers()) && m.getReturnType() == int.class) {
        out.put(m.getName().substring(prefix.length()), (Integer) m.invoke(null));
      }
    }
    return out;
  }

  static Set<String> functions(Class<?> bindings) {
    return Arrays.stream(bindings.getDeclaredMethods())
        .filter(m -> Modifier.isPublic(m.getModifiers()) && m.getName().startsWith("d4j_")
            && !m.getName().contains("$"))
        .map(Method::getName).collect(Collectors.toCollection(TreeSet::new));
  }

  @Test
  void activationCodesAreTheHeaderCodes() throws Exception {
    Map<String, Integer> java = Arrays.stream(ActivationKind.values())
        .collect(Collectors.toMap(Enum::name, ActivationKind::code, (a, b) -> a, TreeMap::new));
    assertEquals(constants("D4J_ACT_"), java);
  }

  @Test
  void normConstraintCodesAreTheHeaderCodes() throws Exception {
    Function<NormConstraintKind, String> cName = k -> k.name().replaceFirst("_NORM$", "");
    Map<String, Integer> java = Arrays.stream(NormConstraintKind.values())
        .collect(Collectors.toMap(cName, NormConstraintKind::code, (a, b) -> a, TreeMap::new));
    assertEquals(constants("D4J_NORM_"), java);
  }

  @Test
  void statusAndAbiConstantsComeFromTheHeader() {
    assertEquals(dense4j_h.D4J_ABI_VERSION(), Dense4jH.D4J_ABI_VERSION);
    assertEquals(0, Dense4jH.D4J_OK);
  }

  @Test
  void everyExportedFunctionHasItsWrapper() {
    Set<String> generated = functions(dense4j_h.class);
    assertTrue(generated.contains("d4j_f32_bias_act"), generated.toString());
    assertEquals(generated, functions(Dense4jH.class), "functions of dense4j_h without a wrapper in Dense4jH");
    assertEquals(functions(dense4j_testing_h.class), functions(Dense4jTestingH.class));
  }

  @Test
  void theTestHookIsOnlyInTheTestingBindings() {
    assertFalse(functions(dense4j_h.class).contains("d4j_f32_bias_act_isa"));
    assertFalse(functions(dense4j_h.class).contains("d4j_packed_dense_isa"));
    assertEquals(Set.of("d4j_f32_bias_act_isa", "d4j_packed_dense_isa"), functions(dense4j_testing_h.class));
  }

  @Test
  void precisionCodesMatchTheHeader() throws ReflectiveOperationException {
    Map<String, Integer> java = Arrays.stream(dev.dense4j.backend.Precision.values())
        .collect(Collectors.toMap(p -> switch (p) {
          case FLOAT32 -> "F32";
          case BFLOAT16 -> "BF16";
          case INT8 -> "INT8";
        }, dev.dense4j.backend.Precision::code, (a, b) -> a, TreeMap::new));
    assertEquals(constants("D4J_PRECISION_"), java);
  }
}
