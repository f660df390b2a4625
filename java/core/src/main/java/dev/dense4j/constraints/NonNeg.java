// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.constraints;

import dev.dense4j.backend.Backend;
import dev.dense4j.internal.Backends;
import dev.dense4j.tensor.Tensor;

/**
 * Keras' {@code NonNeg} ({@code "non_neg"}): {@code w ← max(w, 0)}, computed as Keras does,
 * {@code w · [w >= 0]}: negative values become {@code -0.0}, NaN stays NaN. Config {@code {}}.
 */
public final class NonNeg implements Constraint {

  @Override
  public String className() {
    return "NonNeg";
  }

  @Override
  public void apply(Tensor w) {
    apply(w, Backend.preferred());
  }

  @Override
  public void apply(Tensor w, Backend backend) {
    if (w.size() == 0) {
      return;
    }
    long n = w.rank() == 0 ? 1 : w.dim(-1);
    Backends.kernels(backend).nonNeg(w.size() / n, (int) n, w.segment());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof NonNeg;
  }

  @Override
  public int hashCode() {
    return NonNeg.class.hashCode();
  }

  @Override
  public String toString() {
    return "NonNeg()";
  }
}
