// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.regularizers;

import dev.dense4j.tensor.Tensor;

/** Maps a tensor to a scalar penalty that training adds to the loss (Keras' {@code Regularizer}). */
public interface Regularizer {

  /** The Keras class name, e.g. {@code "L2"}. */
  String className();

  /** The penalty of {@code x}. */
  double penalty(Tensor x);

  /** Adds {@code d penalty / d x} to {@code grad}, which has {@code x}'s shape. */
  void addGradient(Tensor x, Tensor grad);
}
