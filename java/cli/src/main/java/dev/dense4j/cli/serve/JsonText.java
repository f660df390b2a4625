// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.cli.serve;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Small JSON bodies the server writes by hand: error objects and status objects. */
final class JsonText {

  private JsonText() {}

  /** {@code {"error": message}} as UTF-8. */
  static byte[] error(String message) {
    return ("{\"error\":" + quote(message) + "}").getBytes(StandardCharsets.UTF_8);
  }

  /** A JSON string literal for {@code s}. */
  static String quote(String s) {
    StringBuilder b = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default -> {
          if (c < 0x20) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.append('"').toString();
  }

  /** A JSON array of ints, e.g. {@code [784]}. */
  static String ints(int[] values) {
    return Arrays.toString(values).replace(" ", "");
  }
}
