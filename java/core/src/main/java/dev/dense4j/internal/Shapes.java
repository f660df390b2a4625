// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.internal;

import dev.dense4j.tensor.Tensor;

/** Shape tests on the training path that, unlike {@link Tensor#shape()}, copy nothing. */
public final class Shapes {

  private Shapes() {}

  /** True when {@code a} and {@code b} have the same shape. */
  public static boolean same(Tensor a, Tensor b) {
    int rank = a.rank();
    if (rank != b.rank()) {
      return false;
    }
    for (int i = 0; i < rank; i++) {
      if (a.dim(i) != b.dim(i)) {
        return false;
      }
    }
    return true;
  }
}
