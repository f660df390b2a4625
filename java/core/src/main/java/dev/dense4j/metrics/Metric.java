// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.metrics;

import dev.dense4j.tensor.Tensor;

/**
 * A Keras metric: state accumulated over batches by {@link #update}, read by {@link #result},
 * cleared by {@link #reset} (training resets it at the start of each epoch). Not thread-safe.
 */
public interface Metric {

  /** The name in logs and {@code History}, e.g. {@code "accuracy"}. */
  String name();

  /** Adds a batch: predictions {@code (batch, …, C)}, targets as for the matching loss, optional sample weights (one per batch entry or per position). */
  void update(Tensor yTrue, Tensor yPred, float[] sampleWeight);

  /** The value so far (0 before any update). */
  double result();

  void reset();

  /** True when a larger value is better (EarlyStopping's {@code mode="auto"} uses it). */
  boolean higherIsBetter();
}
