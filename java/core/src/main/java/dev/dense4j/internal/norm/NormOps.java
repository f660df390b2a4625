// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.internal.norm;

import dev.dense4j.tensor.Tensor;
import java.lang.foreign.MemorySegment;

/**
 * The normalization layers' own calls on tensors and arrays ({@link NormKernels} behind them), so
 * that the public layer classes see no memory segments. Callers check shapes and lengths.
 */
public final class NormOps {

  private NormOps() {}

  public static void affine(ChannelAffine a, long rows, Tensor x, Tensor y) {
    NormKernels.affine(rows, a.scale().length, x.segment(), y.segment(), a.scale(), a.shift());
  }

  public static void affine(ChannelAffine a, long rows, float[] x, float[] y) {
    NormKernels.affine(rows, a.scale().length, MemorySegment.ofArray(x), MemorySegment.ofArray(y), a.scale(),
        a.shift());
  }

  public static void layerNorm(long rows, int c, Tensor x, Tensor y, Tensor gamma, Tensor beta, float epsilon,
      boolean rms) {
    NormKernels.layerNorm(rows, c, x.segment(), y.segment(), segment(gamma), segment(beta), epsilon, rms);
  }

  public static void layerNorm(long rows, int c, float[] x, float[] y, Tensor gamma, Tensor beta, float epsilon,
      boolean rms) {
    NormKernels.layerNorm(rows, c, MemorySegment.ofArray(x), MemorySegment.ofArray(y), segment(gamma), segment(beta),
        epsilon, rms);
  }

  private static MemorySegment segment(Tensor t) {
    return t == null ? null : t.segment();
  }
}
