// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.models;

import static java.lang.foreign.ValueLayout.JAVA_FLOAT;

import dev.dense4j.activations.Activation;
import dev.dense4j.activations.BuiltinActivation;
import dev.dense4j.backend.Backend;
import dev.dense4j.internal.ActivationKind;
import dev.dense4j.internal.Backends;
import dev.dense4j.internal.Kernels;
import dev.dense4j.layers.Dense;
import dev.dense4j.tensor.Tensor;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import java.util.Locale;

/**
 * A {@link Dense} layer frozen into a predictor: its kernel and bias copied into the predictor's
 * arena, so later {@code setWeights}, training or {@code close()} of the layer cannot race with
 * predictions. {@code y = act(x · W + b)}, with {@code x} as rows of {@code input_dim} values
 * (a sample of rank > 1 is several rows).
 */
final class DenseStage implements Stage {

  private final Kernels kernels;
  private final Activation activation;
  private final BuiltinActivation builtin; // null for a custom activation
  private final int units;
  private final int inputDim;
  private final int outUnits;       // values per row after the activation (units/2 for glu)
  private final int rowsPerSample;
  private final MemorySegment kernel;
  private final MemorySegment bias; // null without use_bias
  private final int blasThreads;

  DenseStage(Dense dense, int[] sampleShape, Arena arena, int blasThreads) {
    if (!dense.isBuilt()) {
      throw new IllegalStateException("Predictor: layer " + dense + " is not built");
    }
    this.units = dense.units();
    this.inputDim = dense.inputDim();
    if (sampleShape[sampleShape.length - 1] != inputDim) {
      throw new IllegalArgumentException("Predictor: Dense '" + dense.name() + "' expects last dimension "
          + inputDim + "; received sample shape " + Arrays.toString(sampleShape));
    }
    this.kernels = Backends.kernels(Backend.valueOf(dense.backendName().toUpperCase(Locale.ROOT)));
    this.activation = dense.activation();
    this.builtin = activation instanceof BuiltinActivation a ? a : null;
    this.outUnits = activation.outputWidth(units);
    this.rowsPerSample = Math.toIntExact(Tensor.elementCount(sampleShape) / inputDim);
    this.kernel = copy(dense.kernel(), arena);
    this.bias = dense.useBias() ? copy(dense.bias(), arena) : null;
    this.blasThreads = blasThreads;
  }

  private static MemorySegment copy(Tensor t, Arena arena) {
    MemorySegment src = t.segment(); // throws once the layer is closed
    MemorySegment dst = arena.allocate(Math.max(1, src.byteSize()), Tensor.ALIGNMENT);
    MemorySegment.copy(src, 0, dst, 0, src.byteSize());
    return dst;
  }

  @Override
  public int inWidth() {
    return rowsPerSample * inputDim;
  }

  @Override
  public int outWidth() {
    return rowsPerSample * outUnits;
  }

  @Override
  public int spareWidth() {
    return outUnits == units ? 0 : rowsPerSample * units;
  }

  boolean usesNative() {
    return "native".equals(kernels.name());
  }

  // y = act(x · W + b) over samples × rowsPerSample rows
  @Override
  public void run(int samples, MemorySegment x, MemorySegment y, Scratch scratch) {
    long m = (long) samples * rowsPerSample;
    if (m == 0) {
      return;
    }
    MemorySegment z = outUnits == units ? y : scratch.spare;
    if (m == 1) {
      kernels.sgemv(units, inputDim, x, kernel, z, blasThreads);
    } else {
      kernels.sgemm((int) m, units, inputDim, x, kernel, z, blasThreads);
    }
    if (builtin != null) {
      kernels.biasAct(builtin.kind(), builtin.p0(), builtin.p1(), builtin.p2(), m, units, z, bias);
    } else {
      kernels.biasAct(ActivationKind.LINEAR, 0f, 0f, 0f, m, units, z, bias);
      applyCustom((int) m, z, scratch);
    }
    if (z != y) {
      // the activation narrowed each row (glu): keep its first outUnits values
      for (long i = 0; i < m; i++) {
        MemorySegment.copy(z, i * units * Float.BYTES, y, i * outUnits * Float.BYTES, (long) outUnits * Float.BYTES);
      }
    }
  }

  private void applyCustom(int m, MemorySegment z, Scratch scratch) {
    int n = m * units;
    float[] h = scratch.heap(n);
    MemorySegment.copy(z, JAVA_FLOAT, 0, h, 0, n);
    activation.apply(h, 0, m, units);
    MemorySegment.copy(h, 0, z, JAVA_FLOAT, 0, n);
  }
}
