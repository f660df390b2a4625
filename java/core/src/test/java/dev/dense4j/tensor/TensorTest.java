// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import org.junit.jupiter.api.Test;

class TensorTest {

  @Test
  void ofCopiesAndToArrayReturnsTheValues() {
    float[] data = {1, 2, 3, 4, 5, 6};
    try (Tensor t = Tensor.of(data, 2, 3)) {
      data[0] = 99;
      assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6}, t.toArray());
      assertArrayEquals(new int[] {2, 3}, t.shape());
      assertEquals(2, t.rank());
      assertEquals(6, t.size());
      assertEquals(3, t.dim(-1));
      assertEquals(0, t.segment().address() % Tensor.ALIGNMENT, "64-byte aligned");
    }
  }

  @Test
  void anyRankIncludingScalarsAndEmpty() {
    try (Tensor s = Tensor.zeros(); Tensor e = Tensor.zeros(0, 5); Tensor r4 = Tensor.zeros(2, 3, 4, 5)) {
      assertEquals(1, s.size());
      assertEquals(0, e.size());
      assertEquals(120, r4.size());
      assertArrayEquals(new float[0], e.toArray());
    }
  }

  @Test
  void useAfterCloseThrows() {
    Tensor t = Tensor.of(new float[] {1, 2}, 1, 2);
    t.close();
    t.close(); // idempotent
    assertTrue(t.isClosed());
    var e = assertThrows(IllegalStateException.class, t::toArray);
    assertEquals("Tensor [1, 2] is closed", e.getMessage());
    assertThrows(IllegalStateException.class, t::segment);
    assertThrows(IllegalStateException.class, () -> t.getFlat(0));
  }

  @Test
  void wrapIsZeroCopyAndDoesNotFreeTheOwnersMemory() {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment seg = arena.allocate(6 * Float.BYTES, 64);
      Tensor t = Tensor.wrap(seg, 3, 2);
      t.setFlat(4, 7f);
      assertEquals(7f, seg.getAtIndex(ValueLayout.JAVA_FLOAT, 4));
      t.close();
      assertTrue(seg.scope().isAlive());
      assertThrows(IllegalStateException.class, t::toArray);
    }
    float[] heap = {1, 2, 3, 4};
    Tensor h = Tensor.wrap(MemorySegment.ofArray(heap), 2, 2);
    heap[3] = 9;
    assertEquals(9f, h.getFlat(3));
    assertFalse(h.isClosed());
  }

  @Test
  void shapeErrorsNameWhatWasExpected() {
    var e = assertThrows(IllegalArgumentException.class, () -> Tensor.of(new float[5], 2, 3));
    assertEquals("Tensor: shape [2, 3] needs 6 values; received data.length=5", e.getMessage());
    var e2 = assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(2, -1));
    assertEquals("Tensor: dimensions must be >= 0; received shape [2, -1]", e2.getMessage());
    var e3 = assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(Integer.MAX_VALUE, Integer.MAX_VALUE, 4));
    assertTrue(e3.getMessage().contains("is too large"), e3.getMessage());
    try (Arena arena = Arena.ofConfined()) {
      var e4 = assertThrows(IllegalArgumentException.class, () -> Tensor.wrap(arena.allocate(8), 3));
      assertEquals("Tensor.wrap: shape [3] needs 12 bytes; received a segment of 8 bytes", e4.getMessage());
    }
    try (Tensor t = Tensor.zeros(2)) {
      assertThrows(IndexOutOfBoundsException.class, () -> t.getFlat(2));
      var e5 = assertThrows(IllegalArgumentException.class, () -> t.copyFrom(new float[3]));
      assertEquals("Tensor [2]: expected 2 values; received 3", e5.getMessage());
    }
  }

  @Test
  void copyOfIsIndependent() {
    try (Tensor a = Tensor.of(new float[] {1, 2}, 2); Tensor b = Tensor.copyOf(a)) {
      a.setFlat(0, 5);
      assertEquals(1f, b.getFlat(0));
    }
  }

  @Test
  void closeFromAnotherThread() throws Exception {
    Tensor t = Tensor.zeros(4);
    Thread th = new Thread(t::close);
    th.start();
    th.join();
    assertTrue(t.isClosed());
  }
}
