// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.layers;

import static java.lang.foreign.ValueLayout.JAVA_FLOAT;

import dev.dense4j.activations.Activation;
import dev.dense4j.activations.BuiltinActivation;
import dev.dense4j.internal.ActivationKind;
import dev.dense4j.internal.Kernels;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/** The forward path of a {@link Dense} layer: {@code y = activation(x · kernel + bias)} over rows. */
final class DenseForward {

  private final String owner;
  private final Kernels kernels;
  private final Activation activation;
  private final int units;

  DenseForward(String owner, Kernels kernels, Activation activation, int units) {
    this.owner = owner;
    this.kernels = kernels;
    this.activation = activation;
    this.units = units;
  }

  /**
   * {@code y = act(x · w + b)} over {@code m} rows; {@code x} is {@code m × inputDim}, {@code y} is
   * {@code m × activation.outputWidth(units)}, {@code b} is null without bias.
   */
  void run(long m, int inputDim, MemorySegment x, MemorySegment w, MemorySegment b, MemorySegment y) {
    if (m == 0) {
      return;
    }
    if (m > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(owner + ": at most " + Integer.MAX_VALUE + " rows per call; received " + m);
    }
    int outW = activation.outputWidth(units);
    if (outW != units) {
      // the activation narrows the rows (glu): GEMM into a scratch buffer, then copy the results
      try (Arena scratch = Arena.ofConfined()) {
        MemorySegment z = scratch.allocate(m * units * Float.BYTES, 64);
        gemmBiasAct(m, inputDim, x, w, b, z);
        for (long i = 0; i < m; i++) {
          MemorySegment.copy(z, i * units * Float.BYTES, y, i * outW * Float.BYTES, (long) outW * Float.BYTES);
        }
      }
      return;
    }
    gemmBiasAct(m, inputDim, x, w, b, y);
  }

  private void gemmBiasAct(long m, int inputDim, MemorySegment x, MemorySegment w, MemorySegment b,
      MemorySegment z) {
    if (m == 1) {
      kernels.sgemv(units, inputDim, x, w, z);
    } else {
      kernels.sgemm((int) m, units, inputDim, x, w, z);
    }
    if (activation instanceof BuiltinActivation a) {
      kernels.biasAct(a.kind(), a.p0(), a.p1(), a.p2(), m, units, z, b);
    } else {
      kernels.biasAct(ActivationKind.LINEAR, 0f, 0f, 0f, m, units, z, b);
      applyCustom(m, z);
    }
  }

  // a custom activation works on float[] rows: the heap array itself, or a copy of off-heap rows
  private void applyCustom(long m, MemorySegment z) {
    if (z.isNative()) {
      float[] rows = z.asSlice(0, m * units * Float.BYTES).toArray(JAVA_FLOAT);
      activation.apply(rows, 0, (int) m, units);
      MemorySegment.copy(rows, 0, z, JAVA_FLOAT, 0, rows.length);
    } else {
      float[] heap = (float[]) z.heapBase().orElseThrow();
      activation.apply(heap, 0, (int) m, units);
    }
  }
}
