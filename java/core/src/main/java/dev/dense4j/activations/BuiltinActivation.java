// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.activations;

import dev.dense4j.internal.ActivationKind;
import dev.dense4j.internal.reference.ReferenceKernels;
import java.util.Objects;

/**
 * One of Keras' built-in activations with its parameters; made by {@link Activations}. Layers run
 * it fused with the bias add on the native backend.
 */
public final class BuiltinActivation implements Activation {

  private final ActivationKind kind;
  private final float p0;
  private final float p1;
  private final float p2;

  BuiltinActivation(ActivationKind kind, float p0, float p1, float p2) {
    this.kind = kind;
    this.p0 = p0;
    this.p1 = p1;
    this.p2 = p2;
  }

  @Override
  public String name() {
    return kind.kerasName();
  }

  /** The kind and parameters as passed to the native kernel (internal: for the layers). */
  public ActivationKind kind() {
    return kind;
  }

  public float p0() {
    return p0;
  }

  public float p1() {
    return p1;
  }

  public float p2() {
    return p2;
  }

  @Override
  public void apply(float[] values, int offset, int rows, int cols) {
    kind.outputWidth(cols); // glu: an even width, as on every path
    Objects.checkFromIndexSize(offset, Math.multiplyExact(rows, cols), values.length);
    ReferenceKernels.INSTANCE.actInPlace(kind, p0, p1, p2, values, offset, rows, cols);
  }

  @Override
  public int outputWidth(int cols) {
    return kind.outputWidth(cols);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof BuiltinActivation b && b.kind == kind
        && Float.compare(b.p0, p0) == 0 && Float.compare(b.p1, p1) == 0 && Float.compare(b.p2, p2) == 0;
  }

  @Override
  public int hashCode() {
    return Objects.hash(kind, p0, p1, p2);
  }

  @Override
  public String toString() {
    return switch (kind) {
      case RELU -> "relu(negative_slope=" + p0 + ", max_value=" + (Float.isInfinite(p1) ? "None" : p1)
          + ", threshold=" + p2 + ")";
      case LEAKY_RELU -> "leaky_relu(negative_slope=" + p0 + ")";
      case ELU, CELU -> kind.kerasName() + "(alpha=" + p0 + ")";
      case HARD_SIGMOID, HARD_SILU -> kind.kerasName() + "(slope=" + p0 + ", offset=" + p1 + ")";
      case SQUAREPLUS -> "squareplus(b=" + p0 + ")";
      case GELU -> "gelu(approximate=" + (p0 != 0) + ")";
      case SOFT_SHRINK, HARD_SHRINK -> kind.kerasName() + "(threshold=" + p0 + ")";
      case THRESHOLD -> "threshold(threshold=" + p0 + ", default_value=" + p1 + ")";
      default -> kind.kerasName();
    };
  }
}
