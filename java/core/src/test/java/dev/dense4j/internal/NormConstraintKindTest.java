// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;

/** Codes to kinds; Dense4jHTest checks the codes against the generated bindings of dense4j.h. */
class NormConstraintKindTest {

  @Test
  void unknownCodesThrow() {
    assertEquals(NormConstraintKind.UNIT_NORM, NormConstraintKind.of(203));
    NoSuchElementException e = assertThrows(NoSuchElementException.class, () -> NormConstraintKind.of(200));
    assertEquals("Unknown norm constraint code 200", e.getMessage());
  }
}
