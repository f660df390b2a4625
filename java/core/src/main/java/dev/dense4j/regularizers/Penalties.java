// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.regularizers;

/** The argument check shared by the built-in regularizers. */
final class Penalties {

  private Penalties() {}

  static void requireFactor(String owner, String arg, double v) {
    if (!Double.isFinite(v) || v < 0) {
      throw new IllegalArgumentException(owner + ": " + arg + " must be a finite number >= 0; received "
          + arg + "=" + v);
    }
  }
}
