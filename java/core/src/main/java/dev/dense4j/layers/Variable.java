// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.layers;

import dev.dense4j.constraints.Constraint;
import dev.dense4j.tensor.Tensor;
import java.util.Objects;

/**
 * A layer weight as optimizers and savers see it (Keras' {@code Variable}): its path, its value,
 * and the constraint an optimizer applies right after each update of it.
 *
 * @param path the Keras-style path {@code <layer name>/<weight name>}, e.g. {@code dense/kernel}
 * @param value the weight, owned by its layer
 * @param constraint applied after each optimizer update; null for none
 */
public record Variable(String path, Tensor value, Constraint constraint) {

  public Variable {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(value, "value");
  }

  /** The last component of the path: {@code kernel}, {@code bias}, … */
  public String name() {
    return path.substring(path.lastIndexOf('/') + 1);
  }
}
