// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.layers;

import java.util.Arrays;

/** The shape and length checks of the normalization layers' calls. */
final class NormalizationCalls {

  private NormalizationCalls() {}

  /** The rows (every dimension but the last) of an input whose last dimension must be {@code channels}. */
  static long rows(String owner, int[] shape, int channels) {
    if (shape == null || shape.length < 2 || shape[shape.length - 1] != channels) {
      throw new IllegalArgumentException(owner + ": expected an input of rank >= 2 with last dimension " + channels
          + "; received shape " + Arrays.toString(shape));
    }
    long rows = 1;
    for (int i = 0; i < shape.length - 1; i++) {
      if (shape[i] < 0) {
        throw new IllegalArgumentException(owner + ": expected a concrete input shape; received shape "
            + Arrays.toString(shape));
      }
      rows *= shape[i];
    }
    return rows;
  }

  static void checkLengths(String owner, float[] input, float[] output, int[] shape) {
    long n = dev.dense4j.tensor.Tensor.elementCount(shape);
    if (input.length != n || output.length != n) {
      throw new IllegalArgumentException(owner + ": expected input and output of " + n + " values for shape "
          + Arrays.toString(shape) + "; received input.length=" + input.length + ", output.length=" + output.length);
    }
  }
}
