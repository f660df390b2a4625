// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.internal;

import java.util.NoSuchElementException;

/**
 * The norm constraints, mirroring {@code enum d4j_norm_constraint} of {@code dense4j.h}: the code
 * crosses the native boundary, never the ordinal. With {@code N} the L2 norm of a slice and
 * ε = 1e-7:
 *
 * <ul>
 *   <li>{@link #MAX_NORM}: {@code w · clip(N, 0, max) / (ε + N)};
 *   <li>{@link #MIN_MAX_NORM}: {@code w · (rate·clip(N, min, max) + (1 − rate)·N) / (ε + N)};
 *   <li>{@link #UNIT_NORM}: {@code w / (ε + N)}.
 * </ul>
 */
public enum NormConstraintKind {
  MAX_NORM(201),
  MIN_MAX_NORM(202),
  UNIT_NORM(203);

  /** Keras' {@code backend.epsilon()}, added to every norm. */
  public static final float EPSILON = 1e-7f;

  private final int code;

  NormConstraintKind(int code) {
    this.code = code;
  }

  /** The {@code D4J_NORM_*} value. */
  public int code() {
    return code;
  }

  /** The factor a slice of L2 norm {@code norm} is multiplied by, in float64. */
  public double scale(double min, double max, double rate, double norm) {
    double eps = EPSILON;
    return switch (this) {
      case MAX_NORM -> Math.min(Math.max(norm, 0), max) / (eps + norm);
      case MIN_MAX_NORM -> (rate * Math.min(Math.max(norm, min), max) + (1 - rate) * norm) / (eps + norm);
      case UNIT_NORM -> 1 / (eps + norm);
    };
  }

  public static NormConstraintKind of(int code) {
    for (NormConstraintKind k : values()) {
      if (k.code == code) {
        return k;
      }
    }
    throw new NoSuchElementException("Unknown norm constraint code " + code);
  }
}
