// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.internal;

import dev.dense4j.backend.Backend;
import dev.dense4j.constraints.Constraint;
import dev.dense4j.constraints.NonNeg;
import dev.dense4j.constraints.NormConstraint;
import dev.dense4j.regularizers.L1;
import dev.dense4j.regularizers.L1L2;
import dev.dense4j.regularizers.L2;
import dev.dense4j.regularizers.OrthogonalRegularizer;
import dev.dense4j.regularizers.Regularizer;
import dev.dense4j.tensor.Tensor;
import java.util.Arrays;

/**
 * Runs regularizers and constraints on one backend's kernels. Its owner (a {@code Dense}, an
 * optimizer) resolves the backend once and keeps one of these; the built-ins run on the kernels
 * (natively on the native backend), a user's implementation through its public methods.
 *
 * <p>Stateless apart from the kernels: safe to share between threads.
 */
public final class WeightOps {

  private final Kernels kernels;

  public WeightOps(Kernels kernels) {
    this.kernels = kernels;
  }

  /** The operations of {@code backend}; throws when it cannot run here. */
  public static WeightOps of(Backend backend) {
    return new WeightOps(Backends.kernels(backend));
  }

  /**
   * The operations behind a standalone call that has no owner, such as
   * {@code new L2(0.01).penalty(t)}: the preferred backend, resolved once per JVM. Owners never
   * use it.
   */
  public static WeightOps standalone() {
    return Standalone.OPS;
  }

  private static final class Standalone {
    static final WeightOps OPS = of(Backends.preferred());
  }

  public Kernels kernels() {
    return kernels;
  }

  /** The penalty {@code r} adds for {@code x}. */
  public double penalty(Regularizer r, Tensor x) {
    return switch (r) {
      case L1 l -> l1l2(l.l1(), 0f, x);
      case L2 l -> l1l2(0f, (float) l.l2(), x);
      case L1L2 l -> l1l2((float) l.l1(), (float) l.l2(), x);
      case OrthogonalRegularizer o -> orthogonal(o, x, null);
      default -> r.penalty(x);
    };
  }

  /** {@code grad += d r(x) / d x}; {@code grad} must have {@code x}'s shape. */
  public void addGradient(Regularizer r, Tensor x, Tensor grad) {
    switch (r) {
      case L1 l -> l1l2Gradient(l, l.l1(), 0f, x, grad);
      case L2 l -> l1l2Gradient(l, 0f, (float) l.l2(), x, grad);
      case L1L2 l -> l1l2Gradient(l, (float) l.l1(), (float) l.l2(), x, grad);
      case OrthogonalRegularizer o -> orthogonal(o, x, grad);
      default -> r.addGradient(x, grad);
    }
  }

  /**
   * {@code grad += scale · d r(x) / d x}. The L1/L2 built-ins fold {@code scale} into their
   * factors and allocate nothing; other regularizers go through a temporary gradient.
   */
  public void addGradient(Regularizer r, Tensor x, Tensor grad, float scale) {
    switch (r) {
      case L1 l -> l1l2Gradient(l, l.l1() * scale, 0f, x, grad);
      case L2 l -> l1l2Gradient(l, 0f, (float) l.l2() * scale, x, grad);
      case L1L2 l -> l1l2Gradient(l, (float) l.l1() * scale, (float) l.l2() * scale, x, grad);
      default -> {
        checkSameShape(r, x, grad);
        try (Tensor g = Tensor.zeros(x.shape())) {
          addGradient(r, x, g);
          for (long i = 0; i < g.size(); i++) {
            grad.setFlat(i, grad.getFlat(i) + g.getFlat(i) * scale);
          }
        }
      }
    }
  }

  /** Replaces {@code w} by its projection under {@code c}. */
  public void apply(Constraint c, Tensor w) {
    switch (c) {
      case NonNeg n -> nonNeg(w);
      case NormConstraint n -> NormProjection.apply(kernels, n, w);
      default -> c.apply(w);
    }
  }

  // l1·Σ|x| + l2·Σx² (a term with a zero factor is skipped)
  private double l1l2(float l1, float l2, Tensor x) {
    return x.size() == 0 ? 0 : kernels.l1l2Penalty(l1, l2, rows(x), cols(x), x.segment());
  }

  // grad += l1·sign(x) + 2·l2·x
  private void l1l2Gradient(Regularizer r, float l1, float l2, Tensor x, Tensor grad) {
    checkSameShape(r, x, grad);
    if (x.size() != 0) {
      kernels.l1l2GradAcc(l1, l2, rows(x), cols(x), x.segment(), grad.segment());
    }
  }

  private double orthogonal(OrthogonalRegularizer o, Tensor x, Tensor grad) {
    if (x.rank() != 2) {
      throw new IllegalArgumentException("OrthogonalRegularizer: inputs must have rank 2; received shape "
          + Arrays.toString(x.shape()));
    }
    if (grad != null) {
      checkSameShape(o, x, grad);
    }
    return new OrthogonalPenalty(x, o.mode().equals("rows")).compute(o.factor(), x, grad, kernels);
  }

  private void nonNeg(Tensor w) {
    if (w.size() != 0) {
      int n = cols(w);
      kernels.nonNeg(w.size() / n, n, w.segment());
    }
  }

  /** The regularizer's message for a gradient whose shape is not {@code x}'s. */
  public static void checkSameShape(Regularizer r, Tensor x, Tensor grad) {
    if (!Shapes.same(x, grad)) {
      throw new IllegalArgumentException(r.className() + ": grad must have the shape of x "
          + Arrays.toString(x.shape()) + "; received shape " + Arrays.toString(grad.shape()));
    }
  }

  /** The tensor seen as a matrix: all leading axes flattened into rows. */
  static long rows(Tensor x) {
    return x.rank() == 0 ? 1 : x.size() / x.dim(-1);
  }

  static int cols(Tensor x) {
    return x.rank() == 0 ? 1 : x.dim(-1);
  }
}
