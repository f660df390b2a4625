// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.layers;

import dev.dense4j.internal.Shapes;
import dev.dense4j.internal.WeightOps;
import dev.dense4j.regularizers.Regularizer;
import dev.dense4j.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/** The regularization losses of a {@link Dense} layer and their gradients (spec §4.5). */
final class DensePenalties {

  private DensePenalties() {}

  /**
   * The activity penalty of one call's output {@code y}: {@code regularizer(y)}, divided by the
   * batch size {@code y.dim(0)} when {@code perSample} (Keras ≥ 3.14), 0 for an empty batch
   * (Keras' divide-no-NaN).
   */
  static double activityLoss(Regularizer r, boolean perSample, Tensor y, WeightOps ops) {
    double p = ops.penalty(r, y);
    if (!perSample) {
      return p;
    }
    int batch = y.dim(0);
    return batch == 0 ? 0.0 : p / batch;
  }

  /** The sum of the kernel's and the bias's penalties (0 for a frozen layer); allocates nothing. */
  static double weightPenalty(boolean trainable, Regularizer kernelRegularizer, Tensor kernel,
      Regularizer biasRegularizer, Tensor bias, WeightOps ops) {
    double p = 0;
    if (trainable && kernel != null) {
      if (kernelRegularizer != null) {
        p += ops.penalty(kernelRegularizer, kernel);
      }
      if (bias != null && biasRegularizer != null) {
        p += ops.penalty(biasRegularizer, bias);
      }
    }
    return p;
  }

  /** Keras' {@code layer.losses}: the activity penalty, then the kernel's and the bias's. */
  static List<Double> losses(Double activity, boolean trainable, Regularizer kernelRegularizer, Tensor kernel,
      Regularizer biasRegularizer, Tensor bias, WeightOps ops) {
    List<Double> out = new ArrayList<>(3);
    if (activity != null) {
      out.add(activity);
    }
    // Keras: only the trainable weights of a trainable layer carry a weight penalty
    if (trainable && kernel != null) {
      if (kernelRegularizer != null) {
        out.add(ops.penalty(kernelRegularizer, kernel));
      }
      if (bias != null && biasRegularizer != null) {
        out.add(ops.penalty(biasRegularizer, bias));
      }
    }
    return List.copyOf(out);
  }

  /**
   * {@code kernelGrad += d kernelPenalty / d kernel} and {@code biasGrad += d biasPenalty / d bias},
   * for each weight that exists and has a regularizer; a grad is checked non-null only when used.
   */
  static void addWeightGradients(Regularizer kernelRegularizer, Tensor kernel, Tensor kernelGrad,
      Regularizer biasRegularizer, Tensor bias, Tensor biasGrad, WeightOps ops) {
    if (kernelRegularizer != null) {
      ops.addGradient(kernelRegularizer, kernel, Objects.requireNonNull(kernelGrad, "kernelGrad"));
    }
    if (bias != null && biasRegularizer != null) {
      ops.addGradient(biasRegularizer, bias, Objects.requireNonNull(biasGrad, "biasGrad"));
    }
  }

  /** {@code outputGrad += d activityLoss / d output}, with the batch division of {@link #activityLoss}. */
  static void addActivityGradient(String owner, Regularizer r, boolean perSample, Tensor output,
      Tensor outputGrad, WeightOps ops) {
    if (!Shapes.same(output, outputGrad)) {
      throw new IllegalArgumentException(owner + ": outputGrad must have the output's shape " + Arrays.toString(output.shape())
          + "; received shape " + Arrays.toString(outputGrad.shape()));
    }
    if (!perSample) {
      ops.addGradient(r, output, outputGrad);
    } else if (output.rank() > 0 && output.dim(0) != 0) {
      ops.addGradient(r, output, outputGrad, 1f / output.dim(0));
    }
  }
}
