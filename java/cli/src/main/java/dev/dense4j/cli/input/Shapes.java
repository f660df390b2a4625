// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.cli.input;

import java.util.Arrays;

/** Sample shapes: the model's input shape without its batch dimension. */
public final class Shapes {

  private Shapes() {}

  /**
   * The number of values in one sample of {@code sampleShape}; every dimension must be known and
   * the product must fit an int.
   */
  public static int width(int[] sampleShape) {
    long n = 1;
    for (int d : sampleShape) {
      if (d <= 0) {
        throw new InputException("the model's sample shape " + Arrays.toString(sampleShape)
            + " has unknown dimensions; predicting needs every dimension but the batch known");
      }
      n *= d;
      if (n > Integer.MAX_VALUE) {
        throw new InputException("the model's sample shape " + Arrays.toString(sampleShape) + " holds more than "
            + Integer.MAX_VALUE + " values per sample; received shape " + Arrays.toString(sampleShape));
      }
    }
    return (int) n;
  }
}
