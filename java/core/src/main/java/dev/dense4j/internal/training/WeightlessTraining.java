// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.internal.training;

import dev.dense4j.layers.LayerTraining;
import dev.dense4j.layers.Variable;
import dev.dense4j.tensor.Tensor;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import java.util.List;

/**
 * The common part of the training sessions of layers without weights: no variables, no
 * gradients, no penalty; buffers for inputs of up to a maximum number of values, freed on close;
 * the shape checks of the backward pass.
 */
abstract class WeightlessTraining implements LayerTraining {

  final String owner;
  private final Arena arena = Arena.ofShared();
  private boolean closed;
  private int[] inputShape; // of the last forward; null before the first
  private int[] outputShape;

  WeightlessTraining(String owner) {
    this.owner = owner;
  }

  /** The number of values of a maximum input shape, which must be concrete. */
  final long maxValues(int[] maxInputShape) {
    long n = 1;
    for (int d : maxInputShape) {
      if (d < 0) {
        throw new IllegalArgumentException(owner + ": training needs concrete dimensions; received shape "
            + Arrays.toString(maxInputShape));
      }
      n = Math.multiplyExact(n, d);
    }
    return n;
  }

  final MemorySegment buffer(long floats) {
    return arena.allocate(Math.max(1, floats) * Float.BYTES, Tensor.ALIGNMENT);
  }

  /** Records the shapes of a forward pass, for the checks of the backward pass. */
  final void forwarded(int[] inShape, int[] outShape) {
    ensureOpen();
    inputShape = inShape;
    outputShape = outShape;
  }

  final int[] inputShape() {
    return inputShape;
  }

  /** Checks {@code g} against the output shape of the last forward pass. */
  final void checkGradient(Tensor g) {
    ensureOpen();
    if (inputShape == null) {
      throw new IllegalStateException(owner + ": backward needs a forward pass first");
    }
    if (!g.hasShape(outputShape)) {
      throw new IllegalArgumentException(owner + ": expected a gradient of shape " + Arrays.toString(outputShape)
          + "; received shape " + Arrays.toString(g.shape()));
    }
  }

  static Tensor view(MemorySegment s, long n, int[] shape) {
    return Tensor.wrap(n == 0 ? MemorySegment.NULL : s.asSlice(0, n * Float.BYTES), shape);
  }

  static Tensor reshaped(Tensor t, int[] shape) {
    return Tensor.wrap(t.size() == 0 ? MemorySegment.NULL : t.segment(), shape);
  }

  final void ensureOpen() {
    if (closed) {
      throw new IllegalStateException(owner + ": training session is closed");
    }
  }

  @Override
  public final List<Variable> trainableVariables() {
    return List.of();
  }

  @Override
  public final List<Tensor> gradients() {
    return List.of();
  }

  @Override
  public final double penalty() {
    return 0;
  }

  @Override
  public final void close() {
    if (!closed) {
      closed = true;
      arena.close();
    }
  }
}
