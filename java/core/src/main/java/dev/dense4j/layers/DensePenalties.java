// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.layers;

import static java.lang.foreign.ValueLayout.JAVA_FLOAT;

import dev.dense4j.backend.Backend;
import dev.dense4j.regularizers.Regularizer;
import dev.dense4j.tensor.Tensor;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/** The regularization losses of a {@link Dense} layer and their gradients (spec §4.5). */
final class DensePenalties {

  private DensePenalties() {}

  /**
   * The activity penalty of one call's output {@code y}: {@code regularizer(y)}, divided by the
   * batch size {@code shape[0]} when {@code perSample} (Keras ≥ 3.14), 0 for an empty batch
   * (Keras' divide-no-NaN).
   */
  static double activityLoss(Regularizer r, boolean perSample, Tensor y, Backend backend) {
    double p = r.penalty(y, backend);
    if (!perSample) {
      return p;
    }
    int batch = y.dim(0);
    return batch == 0 ? 0.0 : p / batch;
  }

  /** Keras' {@code layer.losses}: the activity penalty, then the kernel's and the bias's. */
  static List<Double> losses(Double activity, boolean trainable, Regularizer kernelRegularizer, Tensor kernel,
      Regularizer biasRegularizer, Tensor bias, Backend backend) {
    List<Double> out = new ArrayList<>(3);
    if (activity != null) {
      out.add(activity);
    }
    // Keras: only the trainable weights of a trainable layer carry a weight penalty
    if (trainable && kernel != null) {
      if (kernelRegularizer != null) {
        out.add(kernelRegularizer.penalty(kernel, backend));
      }
      if (bias != null && biasRegularizer != null) {
        out.add(biasRegularizer.penalty(bias, backend));
      }
    }
    return List.copyOf(out);
  }

  /**
   * {@code kernelGrad += d kernelPenalty / d kernel} and {@code biasGrad += d biasPenalty / d bias},
   * for each weight that exists and has a regularizer; a grad is checked non-null only when used.
   */
  static void addWeightGradients(Regularizer kernelRegularizer, Tensor kernel, Tensor kernelGrad,
      Regularizer biasRegularizer, Tensor bias, Tensor biasGrad, Backend backend) {
    if (kernelRegularizer != null) {
      kernelRegularizer.addGradient(kernel, Objects.requireNonNull(kernelGrad, "kernelGrad"), backend);
    }
    if (bias != null && biasRegularizer != null) {
      biasRegularizer.addGradient(bias, Objects.requireNonNull(biasGrad, "biasGrad"), backend);
    }
  }

  /** {@code outputGrad += d activityLoss / d output}, with the batch division of {@link #activityLoss}. */
  static void addActivityGradient(String owner, Regularizer r, boolean perSample, Tensor output,
      Tensor outputGrad, Backend backend) {
    int[] shape = output.shape();
    if (!Arrays.equals(shape, outputGrad.shape())) {
      throw new IllegalArgumentException(owner + ": outputGrad must have the output's shape " + Arrays.toString(shape)
          + "; received shape " + Arrays.toString(outputGrad.shape()));
    }
    if (!perSample) {
      r.addGradient(output, outputGrad, backend);
      return;
    }
    if (shape.length == 0 || shape[0] == 0) {
      return;
    }
    try (Tensor g = Tensor.zeros(shape)) {
      r.addGradient(output, g, backend);
      float inv = 1f / shape[0];
      MemorySegment src = g.segment();
      MemorySegment dst = outputGrad.segment();
      for (long i = 0; i < g.size(); i++) {
        dst.setAtIndex(JAVA_FLOAT, i, dst.getAtIndex(JAVA_FLOAT, i) + src.getAtIndex(JAVA_FLOAT, i) * inv);
      }
    }
  }
}
