// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.internal.engine;

import dev.dense4j.backend.Precision;
import dev.dense4j.internal.Kernels;
import dev.dense4j.tensor.Tensor;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * A frozen Dense kernel packed once into the layout of the microkernel that reads it (dense4j.h,
 * packed section): fp32 panels, bf16 pairs, or int8 quads with per-output-channel scales. The one
 * place where a plan packs weights: whatever rewrites a kernel for inference (folding a
 * normalization into it, say) does so before {@link #pack}. Immutable once made; the memory
 * belongs to the plan's arena.
 */
public final class PackedWeights {

  private final Precision precision;
  private final int inputDim;
  private final int units;
  private final MemorySegment packed;

  private PackedWeights(Precision precision, int inputDim, int units, MemorySegment packed) {
    this.precision = precision;
    this.inputDim = inputDim;
    this.units = units;
    this.packed = packed;
  }

  /** Packs {@code kernel} ({@code inputDim × units}) for {@code kernels} into memory of {@code arena}. */
  static PackedWeights pack(Kernels kernels, Precision precision, Tensor kernel, Arena arena) {
    int inputDim = kernel.dim(0);
    int units = kernel.dim(1);
    long bytes = kernels.packedSize(precision, inputDim, units);
    MemorySegment packed = arena.allocate(Math.max(1, bytes), Tensor.ALIGNMENT).asSlice(0, bytes);
    kernels.pack(precision, inputDim, units, kernel.segment(), packed);
    return new PackedWeights(precision, inputDim, units, packed);
  }

  public Precision precision() {
    return precision;
  }

  public int inputDim() {
    return inputDim;
  }

  public int units() {
    return units;
  }

  /** Bytes of the packed kernel. */
  public long byteSize() {
    return packed.byteSize();
  }

  MemorySegment segment() {
    return packed;
  }
}
