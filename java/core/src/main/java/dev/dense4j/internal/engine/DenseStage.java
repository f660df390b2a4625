// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.internal.engine;

import dev.dense4j.tensor.Tensor;
import java.lang.foreign.MemorySegment;

/**
 * A Dense layer in a plan: {@code y = act(x · W + b)}, with {@code x} as rows of {@code input_dim}
 * values (a sample of rank > 1 is several rows). The weights are the plan's own copies (a
 * predictor) or the layer's live tensors (a model's predict), read at each call.
 */
final class DenseStage implements Stage {

  private final DenseOp op;
  private final Tensor kernel;
  private final Tensor bias; // null without use_bias
  private final int rowsPerSample;

  DenseStage(DenseOp op, Tensor kernel, Tensor bias, int rowsPerSample) {
    this.op = op;
    this.kernel = kernel;
    this.bias = bias;
    this.rowsPerSample = rowsPerSample;
  }

  @Override
  public int inWidth() {
    return rowsPerSample * op.inputDim();
  }

  @Override
  public int outWidth() {
    return rowsPerSample * op.outWidth();
  }

  @Override
  public boolean usesBlas() {
    return "native".equals(op.kernels().name());
  }

  @Override
  public void run(int samples, MemorySegment x, MemorySegment y, Workspace ws) {
    op.forward((long) samples * rowsPerSample, x, kernel.segment(), bias == null ? null : bias.segment(), y, ws);
  }
}
