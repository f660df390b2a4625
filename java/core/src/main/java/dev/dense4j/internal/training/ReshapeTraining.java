// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.internal.training;

import dev.dense4j.tensor.Tensor;
import java.util.function.UnaryOperator;

/**
 * Training of a layer that only changes the shape of row-major data ({@code Flatten}): the output
 * is the input seen in the new shape, {@code dL/dx} is {@code dL/dy} seen in the input's shape. No
 * copy, no buffer; the views are made again only when the tensor they look at changes.
 */
public final class ReshapeTraining extends WeightlessTraining {

  private final UnaryOperator<int[]> outputShape;
  private Tensor lastInput;
  private Tensor outView;
  private Tensor lastGradient;
  private Tensor gradView;

  /** @param outputShape the layer's output shape for an input shape */
  public ReshapeTraining(String owner, UnaryOperator<int[]> outputShape) {
    super(owner);
    this.outputShape = outputShape;
  }

  @Override
  public Tensor forward(Tensor input) {
    ensureOpen();
    if (input != lastInput || outView == null) {
      int[] in = input.shape();
      int[] out = outputShape.apply(in);
      forwarded(in, out);
      outView = reshaped(input, out);
      lastInput = input;
      lastGradient = null;
    }
    return outView;
  }

  @Override
  public Tensor backward(Tensor outputGradient, boolean inputGradient) {
    checkGradient(outputGradient);
    if (!inputGradient) {
      return null;
    }
    if (outputGradient != lastGradient) {
      gradView = reshaped(outputGradient, inputShape());
      lastGradient = outputGradient;
    }
    return gradView;
  }
}
