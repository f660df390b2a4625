// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.initializers;

import dev.dense4j.tensor.Tensor;

/** Keras' {@code Zeros} ({@code "zeros"}, {@code "zero"}): every value 0. Config {@code {}}. */
public final class Zeros implements Initializer {

  @Override
  public String className() {
    return "Zeros";
  }

  @Override
  public void initialize(Tensor target) {
    target.segment().fill((byte) 0);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Zeros;
  }

  @Override
  public int hashCode() {
    return Zeros.class.hashCode();
  }

  @Override
  public String toString() {
    return "Zeros()";
  }
}
