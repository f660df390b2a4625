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

  /** {@code y = x·s + t} of the layer's {@link ChannelAffine} over rows of {@code c}. */
  public static void affine(dev.dense4j.layers.Layer layer, int c, long rows, Tensor x, Tensor y) {
    NormKernels.affine(rows, c, x.segment(), y.segment(), ChannelAffine.packed(layer, c));
  }

  public static void affine(dev.dense4j.layers.Layer layer, int c, long rows, float[] x, float[] y) {
    NormKernels.affine(rows, c, MemorySegment.ofArray(x), MemorySegment.ofArray(y), ChannelAffine.packed(layer, c));
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
