// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.keras;

import java.util.Arrays;
import java.util.Objects;

/**
 * One weight read from a file: where it was, its shape and its values (row-major float32).
 *
 * @param path the HDF5 path it was read from
 * @param shape its shape ({@code []} for a scalar)
 * @param values {@code product(shape)} values
 */
public record WeightArray(String path, int[] shape, float[] values) {

  public WeightArray {
    Objects.requireNonNull(path, "path");
    shape = shape.clone();
    Objects.requireNonNull(values, "values");
  }

  @Override
  public int[] shape() {
    return shape.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof WeightArray w && w.path.equals(path) && Arrays.equals(w.shape, shape)
        && Arrays.equals(w.values, values);
  }

  @Override
  public int hashCode() {
    return Objects.hash(path, Arrays.hashCode(shape), Arrays.hashCode(values));
  }

  @Override
  public String toString() {
    return path + " " + Arrays.toString(shape);
  }
}
