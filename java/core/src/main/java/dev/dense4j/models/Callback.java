// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.models;

import java.util.Map;

/**
 * Hooks into {@link Sequential#fit} (Keras' {@code Callback}). Logs map names ({@code loss},
 * metrics, {@code val_…}) to values; epochs and batches are 0-based. A callback may stop training
 * with {@link Sequential#stopTraining()}.
 */
public interface Callback {

  default void onTrainBegin(Sequential model) {}

  default void onEpochBegin(Sequential model, int epoch) {}

  /** After each optimizer step; {@code logs} holds the running epoch averages. */
  default void onTrainBatchEnd(Sequential model, int batch, Map<String, Double> logs) {}

  default void onEpochEnd(Sequential model, int epoch, Map<String, Double> logs) {}

  default void onTrainEnd(Sequential model, Map<String, Double> logs) {}
}
