// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.config;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Typed, checked reads from one object's Keras config dict. Values may come from any JSON reader:
 * numbers as any {@link Number}, arrays as any {@link List}. Every failure is an
 * {@link IllegalArgumentException} naming the owner, the key and the value received, e.g.
 * {@code L1: l1 must be a number; received l1="abc" (String)}.
 */
public final class ConfigReader {

  private final String owner;
  private final Map<String, ?> config;

  /** A reader over {@code config} (null reads as empty) for error messages about {@code owner}. */
  public ConfigReader(String owner, Map<String, ?> config) {
    this.owner = Objects.requireNonNull(owner, "owner");
    this.config = config == null ? Map.of() : config;
  }

  public String owner() {
    return owner;
  }

  /** The underlying map. */
  public Map<String, ?> map() {
    return config;
  }

  /** True when the key is present, even with a null value. */
  public boolean has(String key) {
    return config.containsKey(key);
  }

  /** The value as stored, or null. */
  public Object raw(String key) {
    return config.get(key);
  }

  /**
   * Rejects keys outside {@code allowed}; Keras does the same ({@code cls(**config)} fails on an
   * unexpected argument).
   */
  public void checkKeys(Collection<String> allowed) {
    for (String key : config.keySet()) {
      if (!allowed.contains(key)) {
        throw new IllegalArgumentException(owner + ": unexpected config key '" + key + "' (expected "
            + String.join(", ", new TreeSet<>(allowed)) + "); received " + key + "="
            + describe(config.get(key)));
      }
    }
  }

  /** A number; absent or null gives {@code dflt}. */
  public double getDouble(String key, double dflt) {
    Double d = getNullableDouble(key);
    return d == null ? dflt : d;
  }

  /** A number, or null when absent or null. */
  public Double getNullableDouble(String key) {
    Object v = config.get(key);
    if (v == null) {
      return null;
    }
    if (!(v instanceof Number n)) {
      throw fail(key, "must be a number", v);
    }
    return n.doubleValue();
  }

  /** A number kept as given (integral values stay integral); absent or null gives {@code dflt}. */
  public Number getNumber(String key, Number dflt) {
    Object v = config.get(key);
    if (v == null) {
      return dflt;
    }
    if (!(v instanceof Number n)) {
      throw fail(key, "must be a number", v);
    }
    return normalize(n);
  }

  /** An integer (an integral floating value such as {@code 2.0} is accepted), or null. */
  public Long getNullableLong(String key) {
    Object v = config.get(key);
    return v == null ? null : toLong(key, v);
  }

  /** An int; absent or null gives {@code dflt}. */
  public int getInt(String key, int dflt) {
    Long v = getNullableLong(key);
    if (v == null) {
      return dflt;
    }
    if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
      throw fail(key, "must fit in an int", v);
    }
    return v.intValue();
  }

  public boolean getBoolean(String key, boolean dflt) {
    Object v = config.get(key);
    if (v == null) {
      return dflt;
    }
    if (!(v instanceof Boolean b)) {
      throw fail(key, "must be true or false", v);
    }
    return b;
  }

  /** A string; absent or null gives {@code dflt}. */
  public String getString(String key, String dflt) {
    Object v = config.get(key);
    if (v == null) {
      return dflt;
    }
    if (!(v instanceof String s)) {
      throw fail(key, "must be a string", v);
    }
    return s;
  }

  /** An int or a list of ints (Keras' {@code axis}); null when absent or null. */
  public int[] getIntOrList(String key) {
    Object v = config.get(key);
    if (v == null) {
      return null;
    }
    if (v instanceof List<?> list) {
      int[] out = new int[list.size()];
      for (int i = 0; i < out.length; i++) {
        Object e = list.get(i);
        if (e == null) {
          throw fail(key, "must hold integers only", v);
        }
        out[i] = Math.toIntExact(toLong(key, e));
      }
      return out;
    }
    return new int[] {Math.toIntExact(toLong(key, v))};
  }

  /** True when the value under {@code key} is a list (as opposed to a single value). */
  public boolean isList(String key) {
    return config.get(key) instanceof List<?>;
  }

  /** A nested map, or null when absent or null. */
  @SuppressWarnings("unchecked")
  public Map<String, Object> getMap(String key) {
    Object v = config.get(key);
    if (v == null) {
      return null;
    }
    if (!(v instanceof Map<?, ?> m)) {
      throw fail(key, "must be a dict", v);
    }
    return (Map<String, Object>) m;
  }

  /** An exception in this reader's words: {@code <owner>: <key> <expectation>; received <key>=<value>}. */
  public IllegalArgumentException fail(String key, String expectation, Object value) {
    return new IllegalArgumentException(owner + ": " + key + " " + expectation + "; received " + key + "="
        + describe(value));
  }

  private long toLong(String key, Object v) {
    if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
      return ((Number) v).longValue();
    }
    if (v instanceof BigInteger b && b.bitLength() < 64) {
      return b.longValue();
    }
    if (v instanceof Number n) {
      double d = n.doubleValue();
      if (d == Math.rint(d) && Math.abs(d) < 0x1p62) {
        return (long) d;
      }
    }
    throw fail(key, "must be an integer", v);
  }

  /** Integer types become Integer (or Long when large); other numbers become Double. */
  static Number normalize(Number n) {
    if (n instanceof Integer || n instanceof Long) {
      return n;
    }
    if (n instanceof Short || n instanceof Byte) {
      return n.intValue();
    }
    if (n instanceof BigInteger b && b.bitLength() < 64) {
      return b.longValue();
    }
    if (n instanceof BigDecimal d) {
      return d.doubleValue();
    }
    return n.doubleValue();
  }

  /** A value as an error message shows it: strings quoted, with the Java type for non-JSON-like values. */
  public static String describe(Object v) {
    if (v == null) {
      return "null";
    }
    if (v instanceof String s) {
      return "\"" + s + "\" (String)";
    }
    if (v instanceof Number || v instanceof Boolean) {
      return v + " (" + v.getClass().getSimpleName() + ")";
    }
    if (v instanceof List<?> l) {
      return new ArrayList<>(l) + " (list)";
    }
    if (v instanceof Map<?, ?> m) {
      return m + " (dict)";
    }
    return v + " (" + v.getClass().getSimpleName() + ")";
  }
}
