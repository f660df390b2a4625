// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.testing;

import static org.junit.jupiter.api.Assertions.fail;

/** A relative + absolute tolerance for float32 results against a float64 reference. */
public record Tolerance(double relative, double absolute) {

  /** True when {@code got} is within tolerance of {@code expected}; NaN matches NaN, infinities match exactly. */
  public boolean accepts(float got, double expected) {
    float ref = (float) expected;
    if (Double.isNaN(expected) || Float.isNaN(got)) {
      return Double.isNaN(expected) && Float.isNaN(got);
    }
    if (Float.isInfinite(ref) || Float.isInfinite(got)) {
      return got == ref;
    }
    return Math.abs(got - expected) <= absolute + relative * Math.abs(expected);
  }

  public void check(String what, float got, double expected) {
    if (!accepts(got, expected)) {
      fail(what + ": expected " + expected + " (float " + (float) expected + "), got " + got
          + ", error " + Math.abs(got - expected) + " > " + this);
    }
  }
}
