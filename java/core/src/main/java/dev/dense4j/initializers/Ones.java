// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.initializers;

import dev.dense4j.tensor.Tensor;

/** Keras' {@code Ones} ({@code "ones"}, {@code "one"}): every value 1. Config {@code {}}. */
public final class Ones implements Initializer {

  @Override
  public String className() {
    return "Ones";
  }

  @Override
  public void initialize(Tensor target) {
    Constant.fill(target, 1f);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Ones;
  }

  @Override
  public int hashCode() {
    return Ones.class.hashCode();
  }

  @Override
  public String toString() {
    return "Ones()";
  }
}
