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
  private final PackedWeights packed; // null: the kernel as it is, through the BLAS

  DenseStage(DenseOp op, Tensor kernel, Tensor bias, int rowsPerSample, PackedWeights packed) {
    this.op = op;
    this.kernel = kernel;
    this.bias = bias;
    this.rowsPerSample = rowsPerSample;
    this.packed = packed;
  }

  /** Bytes of weights this stage reads: the packed kernel, the row-major copy the BLAS reads, the bias. */
  long weightBytes() {
    return (packed == null ? 0 : packed.byteSize()) + (kernel == null ? 0 : kernel.segment().byteSize())
        + (bias == null ? 0 : bias.segment().byteSize());
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
    return kernel != null && "native".equals(op.kernels().name());
  }

  @Override
  public void run(int samples, MemorySegment x, MemorySegment y, Workspace ws) {
    long m = (long) samples * rowsPerSample;
    MemorySegment b = bias == null ? null : bias.segment();
    if (packed == null) {
      op.forward(m, x, kernel.segment(), b, y, ws);
    } else {
      op.forwardPacked(m, x, packed, kernel == null ? null : kernel.segment(), b, y, ws);
    }
  }
}
