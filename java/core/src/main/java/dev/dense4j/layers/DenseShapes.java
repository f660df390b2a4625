// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.layers;

import java.util.Arrays;
import java.util.Objects;

/** The shape and length checks of a {@link Dense} layer's calls, and the row count of a shape. */
final class DenseShapes {

  private DenseShapes() {}

  /** Checks a call's input shape: rank >= 2, no negative dimension, last dimension {@code inputDim}. */
  static void checkInput(String owner, int[] shape, int inputDim) {
    if (shape.length < 2) {
      throw new IllegalArgumentException(owner + ": expected an input of rank >= 2; received shape "
          + Arrays.toString(shape));
    }
    for (int d : shape) {
      if (d < 0) {
        throw new IllegalArgumentException(owner + ": dimensions must be >= 0; received shape " + Arrays.toString(shape));
      }
    }
    if (shape[shape.length - 1] != inputDim) {
      throw new IllegalArgumentException(owner + ": expected last input dimension " + inputDim
          + "; received shape " + Arrays.toString(shape));
    }
  }

  /** The product of every dimension but the last. */
  static long rows(int[] shape) {
    long m = 1;
    for (int i = 0; i < shape.length - 1; i++) {
      m = Math.multiplyExact(m, shape[i]);
    }
    return m;
  }

  /** Checks that {@code a} (named {@code what} in the message) is non-null and has {@code expected} values. */
  static void checkLength(String owner, String what, float[] a, long expected) {
    Objects.requireNonNull(a, what);
    if (a.length != expected) {
      throw new IllegalArgumentException(owner + ": expected " + what + ".length " + expected
          + "; received " + what + ".length=" + a.length);
    }
  }
}
