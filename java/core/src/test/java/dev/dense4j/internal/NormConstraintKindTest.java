// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.dense4j.internal.ffm.bindings.Dense4jH;
import dev.dense4j.testing.RepoPaths;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The norm-constraint codes of Java, of the bindings and of {@code enum d4j_norm_constraint} agree. */
class NormConstraintKindTest {

  @Test
  void codesMatchTheHeader() throws Exception {
    String h = Files.readString(RepoPaths.root().resolve("native/include/dense4j.h"));
    Matcher m = Pattern.compile("D4J_NORM_(\\w+)\\s*=\\s*(\\d+)").matcher(h);
    List<String> seen = new ArrayList<>();
    while (m.find()) {
      NormConstraintKind k = NormConstraintKind.valueOf(m.group(1).equals("MAX") ? "MAX_NORM"
          : m.group(1).equals("MIN_MAX") ? "MIN_MAX_NORM" : m.group(1) + "_NORM");
      assertEquals(Integer.parseInt(m.group(2)), k.code(), k.name());
      seen.add(k.name());
    }
    assertEquals(Arrays.stream(NormConstraintKind.values()).map(Enum::name).toList(), seen);
    assertEquals(List.of(Dense4jH.D4J_NORM_MAX, Dense4jH.D4J_NORM_MIN_MAX, Dense4jH.D4J_NORM_UNIT),
        Arrays.stream(NormConstraintKind.values()).map(NormConstraintKind::code).toList());
  }

  @Test
  void unknownCodesThrow() {
    assertEquals(NormConstraintKind.UNIT_NORM, NormConstraintKind.of(203));
    NoSuchElementException e = assertThrows(NoSuchElementException.class, () -> NormConstraintKind.of(200));
    assertEquals("Unknown norm constraint code 200", e.getMessage());
  }
}
