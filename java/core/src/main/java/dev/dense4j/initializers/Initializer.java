// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.initializers;

import dev.dense4j.tensor.Tensor;

/** Fills a new weight tensor, as Keras' {@code initializer(shape, dtype)} does. */
public interface Initializer {

  /** The Keras class name, e.g. {@code "GlorotUniform"}. */
  String className();

  /** Fills {@code target}, whose shape is the weight's shape. */
  void initialize(Tensor target);
}
