// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.models;

import static java.lang.foreign.ValueLayout.JAVA_FLOAT;

import dev.dense4j.activations.Activation;
import dev.dense4j.activations.BuiltinActivation;
import dev.dense4j.backend.Backend;
import dev.dense4j.internal.Backends;
import dev.dense4j.internal.Kernels;
import dev.dense4j.layers.ActivationLayerBase;
import dev.dense4j.tensor.Tensor;
import java.lang.foreign.MemorySegment;

/**
 * An activation layer ({@code Activation}, {@code ReLU}, {@code LeakyReLU}, {@code ELU},
 * {@code Softmax}) in a predictor: {@code y = act(x)} over rows of the last dimension, with the
 * same kernels as the layer (the fused bias + activation pass, without a bias).
 */
final class ActivationStage implements Stage {

  private final Kernels kernels = Backends.kernels(Backend.preferred());
  private final Activation activation;
  private final BuiltinActivation builtin; // null for a custom activation
  private final int cols;
  private final int outCols;
  private final int rowsPerSample;

  ActivationStage(ActivationLayerBase layer, int[] sampleShape) {
    this.activation = layer.activation();
    this.builtin = activation instanceof BuiltinActivation a ? a : null;
    this.cols = sampleShape[sampleShape.length - 1];
    this.outCols = activation.outputWidth(cols);
    this.rowsPerSample = Math.toIntExact(Tensor.elementCount(sampleShape) / cols);
  }

  @Override
  public int inWidth() {
    return rowsPerSample * cols;
  }

  @Override
  public int outWidth() {
    return rowsPerSample * outCols;
  }

  @Override
  public int spareWidth() {
    return outCols == cols ? 0 : rowsPerSample * cols;
  }

  // y = act(x), row by row
  @Override
  public void run(int samples, MemorySegment x, MemorySegment y, Scratch scratch) {
    long m = (long) samples * rowsPerSample;
    MemorySegment z = outCols == cols ? y : scratch.spare;
    MemorySegment.copy(x, 0, z, 0, m * cols * Float.BYTES);
    if (builtin != null) {
      kernels.biasAct(builtin.kind(), builtin.p0(), builtin.p1(), builtin.p2(), m, cols, z, null);
    } else {
      int n = Math.toIntExact(m * cols);
      float[] h = scratch.heap(n);
      MemorySegment.copy(z, JAVA_FLOAT, 0, h, 0, n);
      activation.apply(h, 0, (int) m, cols);
      MemorySegment.copy(h, 0, z, JAVA_FLOAT, 0, n);
    }
    if (z != y) {
      // glu: keep the first outCols values of each row
      for (long i = 0; i < m; i++) {
        MemorySegment.copy(z, i * cols * Float.BYTES, y, i * outCols * Float.BYTES, (long) outCols * Float.BYTES);
      }
    }
  }
}
