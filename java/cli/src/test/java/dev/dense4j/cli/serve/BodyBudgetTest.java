// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.cli.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BodyBudgetTest {

  @Test
  void largeBodiesLeaveAQuarterForSmallOnesAndALoneBodyAlwaysFits() {
    BodyBudget b = new BodyBudget(6400); // large: over 100 bytes
    assertTrue(b.tryReserve(4000));
    assertFalse(b.tryReserve(1000), "a second large body may not pass three quarters");
    assertTrue(b.tryReserve(800), "4,800 bytes: exactly three quarters");
    assertFalse(b.tryReserve(101));
    for (int i = 0; i < 16; i++) {
      assertTrue(b.tryReserve(100), "small bodies fill the last quarter");
    }
    assertFalse(b.tryReserve(1), "full");
    assertEquals(6400, b.reserved());
    b.release(6400);
    assertTrue(b.tryReserve(6400), "alone, a body may take all of it");
    assertFalse(b.tryReserve(0 + 1));
    b.release(6400);
    assertEquals(0, b.reserved());
  }

  @Test
  void badAmountsAreRefused() {
    BodyBudget b = new BodyBudget(10);
    assertEquals("BodyBudget: bytes must be >= 0; received bytes=-1",
        assertThrows(IllegalArgumentException.class, () -> b.tryReserve(-1)).getMessage());
    assertEquals("BodyBudget: can release at most the 0 bytes reserved; received bytes=1",
        assertThrows(IllegalArgumentException.class, () -> b.release(1)).getMessage());
    assertEquals("BodyBudget: capacity must be at least 1 byte; received capacity=0",
        assertThrows(IllegalArgumentException.class, () -> new BodyBudget(0)).getMessage());
  }
}
