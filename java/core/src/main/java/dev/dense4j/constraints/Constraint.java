// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.constraints;

import dev.dense4j.tensor.Tensor;

/** Projects a weight in place after each optimizer update (Keras' {@code Constraint}). */
public interface Constraint {

  /** The Keras class name, e.g. {@code "MaxNorm"}. */
  String className();

  /** Replaces {@code w} by its projection. */
  void apply(Tensor w);
}
