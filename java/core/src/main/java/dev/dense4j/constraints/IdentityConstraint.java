// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.constraints;

import dev.dense4j.tensor.Tensor;

/**
 * Keras' base class {@code Constraint} ({@code "constraint"}) used as an object: leaves the
 * weight unchanged. Config {@code {}}.
 */
public final class IdentityConstraint implements Constraint {

  @Override
  public String className() {
    return "Constraint";
  }

  @Override
  public void apply(Tensor w) {
    w.ensureOpen();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof IdentityConstraint;
  }

  @Override
  public int hashCode() {
    return IdentityConstraint.class.hashCode();
  }

  @Override
  public String toString() {
    return "Constraint()";
  }
}
