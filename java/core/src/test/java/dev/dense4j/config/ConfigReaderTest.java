// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.config;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Typed config reads accept what any JSON reader produces and name key and value on failure. */
class ConfigReaderTest {

  private static ConfigReader reader(Object... kv) {
    Map<String, Object> m = new HashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return new ConfigReader("Owner", m);
  }

  @Test
  void numbersOfEveryJsonReaderType() {
    ConfigReader r = reader("i", 3, "l", 4L, "d", 2.0, "f", 0.5f, "bd", new BigDecimal("0.25"),
        "bi", BigInteger.valueOf(7), "s", (short) 2);
    assertEquals(3, r.getInt("i", 0));
    assertEquals(4, r.getInt("l", 0));
    assertEquals(2, r.getInt("d", 0), "an integral double is an int (Gson reads every number as a double)");
    assertEquals(0.5, r.getDouble("f", 0));
    assertEquals(0.25, r.getDouble("bd", 0));
    assertEquals(7L, r.getNullableLong("bi"));
    assertEquals(2, r.getNumber("s", 0));
    assertEquals(2.0, r.getNumber("d", 0));
    assertEquals(0.25, r.getNumber("bd", 0));
    assertEquals(9, r.getInt("absent", 9));
    assertNull(r.getNullableDouble("absent"));
  }

  @Test
  void axesAreAnIntOrAList() {
    ConfigReader r = reader("one", 1, "many", List.of(0L, 2.0), "none", null);
    assertArrayEquals(new int[] {1}, r.getIntOrList("one"));
    assertFalse(r.isList("one"));
    assertArrayEquals(new int[] {0, 2}, r.getIntOrList("many"));
    assertTrue(r.isList("many"));
    assertNull(r.getIntOrList("none"));
    assertTrue(r.has("none"));
  }

  @Test
  void failuresNameOwnerKeyAndValue() {
    ConfigReader r = reader("x", "abc", "b", 1, "m", List.of(1), "n", 1.5, "big", 1L << 40);
    assertEquals("Owner: x must be a number; received x=\"abc\" (String)",
        assertThrows(IllegalArgumentException.class, () -> r.getDouble("x", 0)).getMessage());
    assertEquals("Owner: b must be true or false; received b=1 (Integer)",
        assertThrows(IllegalArgumentException.class, () -> r.getBoolean("b", true)).getMessage());
    assertEquals("Owner: m must be a dict; received m=[1] (list)",
        assertThrows(IllegalArgumentException.class, () -> r.getMap("m")).getMessage());
    assertEquals("Owner: n must be an integer; received n=1.5 (Double)",
        assertThrows(IllegalArgumentException.class, () -> r.getInt("n", 0)).getMessage());
    assertTrue(assertThrows(IllegalArgumentException.class, () -> r.getInt("big", 0)).getMessage()
        .contains("must fit in an int"));
    assertEquals("Owner: x must be a string; received x=1.5 (Double)", reader("x", 1.5).fail("x", "must be a string", 1.5)
        .getMessage());
    IllegalArgumentException keys = assertThrows(IllegalArgumentException.class, () -> r.checkKeys(List.of("x", "b", "m", "n")));
    assertEquals("Owner: unexpected config key 'big' (expected b, m, n, x); received big=1099511627776 (Long)",
        keys.getMessage());
  }

  @Test
  void envelopes() {
    KerasObject o = KerasObject.parse("Test", Map.of("class_name", "Zeros", "config", Map.of(), "shared_object_id", 5));
    assertEquals(new KerasObject(null, "Zeros", Map.of(), null), o);
    assertEquals(List.of("module", "class_name", "config", "registered_name"),
        List.copyOf(new KerasObject("keras", "X", null, null).toMap().keySet()));
    assertEquals(Map.of(), KerasObject.parse("Test", Map.of("class_name", "Ones")).config());
    assertEquals(Map.of("name", "float32"), KerasObject.float32Policy().get("config"));
    assertEquals("Test: class_name must be a string in a serialized object; received class_name=null",
        assertThrows(IllegalArgumentException.class, () -> KerasObject.parse("Test", Map.of("config", Map.of())))
            .getMessage());
  }
}
