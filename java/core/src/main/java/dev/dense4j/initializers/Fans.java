// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.initializers;

import java.util.Arrays;

/**
 * Keras' {@code compute_fans(shape, input_axes, output_axes)}: the number of input and output
 * units of a weight shape.
 *
 * <ul>
 *   <li>both axis lists given: {@code fan_in = Π shape[a], a ∈ input_axes}, {@code fan_out} alike
 *       (negative axes count from the end);
 *   <li>otherwise by rank: 0 → (1, 1); 1 → (shape[0], shape[0]); 2 → (shape[0], shape[1]);
 *       ≥ 3 (convolution kernels {@code (…spatial…, in, out)}): with {@code r = Π shape[:-2]},
 *       {@code (shape[-2]·r, shape[-1]·r)}.
 * </ul>
 *
 * Examples: {@code (25, 20)} → (25, 20); {@code (3, 3, 16, 32)} → (144, 288); {@code (512, 8, 64)}
 * with axes {@code [0]}/{@code [1, 2]} → (512, 512).
 *
 * @param fanIn the number of input units
 * @param fanOut the number of output units
 */
public record Fans(long fanIn, long fanOut) {

  /** The fans of {@code shape} by rank. */
  public static Fans of(int... shape) {
    return of(shape, null, null);
  }

  /** The fans of {@code shape}; the axis lists are used only when both are given. */
  public static Fans of(int[] shape, int[] inputAxes, int[] outputAxes) {
    if (inputAxes != null && outputAxes != null) {
      return new Fans(product(shape, inputAxes, "input_axes"), product(shape, outputAxes, "output_axes"));
    }
    int n = shape.length;
    return switch (n) {
      case 0 -> new Fans(1, 1);
      case 1 -> new Fans(shape[0], shape[0]);
      case 2 -> new Fans(shape[0], shape[1]);
      default -> {
        long r = 1;
        for (int i = 0; i < n - 2; i++) {
          r *= shape[i];
        }
        yield new Fans(shape[n - 2] * r, shape[n - 1] * r);
      }
    };
  }

  private static long product(int[] shape, int[] axes, String arg) {
    long p = 1;
    for (int a : axes) {
      int k = a < 0 ? a + shape.length : a;
      if (k < 0 || k >= shape.length) {
        throw new IllegalArgumentException("VarianceScaling: " + arg + " must be axes of the shape "
            + Arrays.toString(shape) + "; received " + arg + "=" + Arrays.toString(axes));
      }
      p *= shape[k];
    }
    return p;
  }
}
