// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.internal.engine;

import java.lang.foreign.MemorySegment;

/**
 * One layer of a {@link Plan}: reads {@code samples} samples of {@link #inWidth()} values from
 * {@code x} and writes {@code samples} samples of {@link #outWidth()} values to {@code y}.
 * Stages hold no mutable state; {@code x}, {@code y} and the workspace belong to the call.
 */
sealed interface Stage permits DenseStage, ActivationStage, LayerStage, AffineStage, LayerNormStage {

  /** Values per sample read. */
  int inWidth();

  /** Values per sample written. */
  int outWidth();

  /** True when the stage calls the BLAS (the predictor's thread advice depends on it). */
  default boolean usesBlas() {
    return false;
  }

  void run(int samples, MemorySegment x, MemorySegment y, Workspace ws);
}
