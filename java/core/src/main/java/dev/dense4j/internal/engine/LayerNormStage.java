// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.internal.engine;

import dev.dense4j.internal.norm.NormKernels;
import dev.dense4j.tensor.Tensor;
import java.lang.foreign.MemorySegment;

/**
 * A LayerNormalization in a plan: one pass per row of the last axis (mean, variance, then the
 * normalized row). {@code gamma}/{@code beta} are the plan's copies (snapshot) or the layer's live
 * tensors, read at each call; either may be null.
 */
final class LayerNormStage implements Stage {

  private final int channels;
  private final int width;
  private final Tensor gamma;
  private final Tensor beta;
  private final float epsilon;
  private final boolean rms;

  LayerNormStage(int channels, int width, Tensor gamma, Tensor beta, float epsilon, boolean rms) {
    this.channels = channels;
    this.width = width;
    this.gamma = gamma;
    this.beta = beta;
    this.epsilon = epsilon;
    this.rms = rms;
  }

  @Override
  public int inWidth() {
    return width;
  }

  @Override
  public int outWidth() {
    return width;
  }

  @Override
  public void run(int samples, MemorySegment x, MemorySegment y, Workspace ws) {
    NormKernels.layerNorm((long) samples * (width / channels), channels, x, y,
        gamma == null ? null : gamma.segment(), beta == null ? null : beta.segment(), epsilon, rms);
  }
}
