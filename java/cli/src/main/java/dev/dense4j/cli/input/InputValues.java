// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.cli.input;

/**
 * The one policy for input values, whatever the format: each is rounded to the nearest float32
 * from its decimal text (or converted from the file's type), and NaN, ±Infinity and numbers beyond
 * float32's range (|x| &gt; 3.4028235e38) are refused, naming where they were.
 */
final class InputValues {

  private InputValues() {}

  /** {@code text} as a float32; {@code where} names the value in messages, e.g. {@code inputs[2][5]}. */
  static float parse(String text, String where) {
    float v;
    try {
      v = Float.parseFloat(text.strip());
    } catch (NumberFormatException e) {
      if (text.strip().toLowerCase(java.util.Locale.ROOT).matches("[+-]?(nan|inf|infinity)")) {
        throw new InputException(where + " = " + text.strip() + ": inputs must be finite numbers (no NaN or Infinity)");
      }
      throw new InputException(where + " must be a number; received '" + text.strip() + "'");
    }
    return check(v, text.strip(), where);
  }

  /** {@code v} (already a float32) if finite. */
  static float check(float v, String where) {
    return check(v, Float.toString(v), where);
  }

  /** {@code v} rounded to float32 if finite and in range. */
  static float check(double v, String where) {
    return check((float) v, Double.toString(v), where);
  }

  private static float check(float v, String text, String where) {
    if (Float.isNaN(v) || (Float.isInfinite(v) && isNamedInfinity(text))) {
      throw new InputException(where + " = " + text + ": inputs must be finite numbers (no NaN or Infinity)");
    }
    if (Float.isInfinite(v)) {
      throw new InputException(where + " = " + text + " is beyond float32's range of ±3.4028235e38");
    }
    return v;
  }

  private static boolean isNamedInfinity(String text) {
    return text.toLowerCase(java.util.Locale.ROOT).contains("inf");
  }
}
