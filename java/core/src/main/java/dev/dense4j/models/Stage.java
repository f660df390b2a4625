// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.models;

import java.lang.foreign.MemorySegment;

/**
 * One layer of a {@link Predictor}: reads {@code samples} samples of {@link #inWidth()} values
 * from {@code x} and writes {@code samples} samples of {@link #outWidth()} values to {@code y}.
 * Stages hold no mutable state; {@code x}, {@code y} and the scratch belong to the call.
 */
sealed interface Stage permits DenseStage, ActivationStage, LayerStage {

  /** Values per sample read. */
  int inWidth();

  /** Values per sample written. */
  int outWidth();

  /** Values per sample of {@link Scratch#spare} the stage needs (0 for none). */
  int spareWidth();

  void run(int samples, MemorySegment x, MemorySegment y, Scratch scratch);
}
