// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.initializers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@code compute_fans} on the spec's examples (§3.2). */
class FansTest {

  @Test
  void byRank() {
    assertEquals(new Fans(1, 1), Fans.of());
    assertEquals(new Fans(7, 7), Fans.of(7));
    assertEquals(new Fans(25, 20), Fans.of(25, 20));
    assertEquals(new Fans(144, 288), Fans.of(3, 3, 16, 32));
    assertEquals(new Fans(128, 512), Fans.of(32, 4, 16));
  }

  @Test
  void byAxesWhenBothAreGiven() {
    assertEquals(new Fans(512, 512), Fans.of(new int[] {512, 8, 64}, new int[] {0}, new int[] {1, 2}));
    assertEquals(new Fans(4096, 64), Fans.of(new int[] {512, 8, 64}, new int[] {0, 1}, new int[] {2}));
    assertEquals(new Fans(64, 512), Fans.of(new int[] {512, 8, 64}, new int[] {-1}, new int[] {-3}));
    // one list alone is ignored: fans by rank
    assertEquals(new Fans(8 * 512, 64 * 512), Fans.of(new int[] {512, 8, 64}, new int[] {0}, null));
  }

  @Test
  void axisOutOfRangeIsNamed() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Fans.of(new int[] {4, 5}, new int[] {2}, new int[] {1}));
    assertTrue(e.getMessage().contains("input_axes=[2]") && e.getMessage().contains("[4, 5]"), e.getMessage());
  }
}
