// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.internal.norm;

import dev.dense4j.internal.WeightOps;
import dev.dense4j.regularizers.Regularizer;
import dev.dense4j.tensor.Tensor;

/**
 * What the training sessions of BatchNormalization and LayerNormalization do alike with their
 * scale {@code gamma} and shift {@code beta}: store a weight's gradient from its per-channel sums
 * plus its regularizer's gradient, and the regularizer's penalty, on the owner's kernels.
 */
final class ScaleShiftGradients {

  private ScaleShiftGradients() {}

  /** {@code grad[j] = sums[j] + dR/dw}; nothing when the weight is absent ({@code grad} null). */
  static void store(WeightOps ops, double[] sums, Tensor grad, Regularizer r, Tensor w) {
    if (grad == null) {
      return;
    }
    for (int j = 0; j < sums.length; j++) {
      grad.setFlat(j, (float) sums[j]);
    }
    if (r != null) {
      ops.addGradient(r, w, grad);
    }
  }

  /** The penalty {@code r} adds for {@code w}; 0 without a regularizer or a weight. */
  static double penalty(WeightOps ops, Regularizer r, Tensor w) {
    return r == null || w == null ? 0 : ops.penalty(r, w);
  }
}
