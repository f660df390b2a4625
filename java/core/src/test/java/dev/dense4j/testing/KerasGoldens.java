// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The numbers Keras computed for dense4j's tests: JSON files in {@code dev/dense4j/goldens/}
 * written by {@code conformance/run goldens} (provenance in its {@code meta.json}). Tensors are
 * {@code {"shape": [...], "data": [...]}} objects, row-major.
 */
public final class KerasGoldens {

  private KerasGoldens() {}

  /** A golden file's root object. */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> load(String file) {
    String path = "/dev/dense4j/goldens/" + file;
    try (InputStream in = KerasGoldens.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("KerasGoldens: missing test resource " + path
            + "; regenerate with conformance/run goldens");
      }
      return (Map<String, Object>) MiniJson.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The cases of a golden file. */
  @SuppressWarnings("unchecked")
  public static List<Map<String, Object>> cases(String file) {
    return (List<Map<String, Object>>) load(file).get("cases");
  }

  @SuppressWarnings("unchecked")
  public static int[] shape(Object tensor) {
    return ((List<Number>) ((Map<String, Object>) tensor).get("shape")).stream().mapToInt(Number::intValue).toArray();
  }

  @SuppressWarnings("unchecked")
  public static float[] data(Object tensor) {
    Object d = tensor instanceof Map<?, ?> m ? m.get("data") : tensor;
    List<Number> values = (List<Number>) d;
    float[] r = new float[values.size()];
    for (int i = 0; i < r.length; i++) {
      r[i] = values.get(i).floatValue();
    }
    return r;
  }

  /** Compares element by element; the message names the case and the index. */
  public static void check(Tolerance tolerance, String what, float[] got, float[] expected) {
    if (got.length != expected.length) {
      throw new AssertionError(what + ": expected " + expected.length + " values; received " + got.length);
    }
    for (int i = 0; i < got.length; i++) {
      tolerance.check(what + "[" + i + "]", got[i], expected[i]);
    }
  }
}
