// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.metrics;

import dev.dense4j.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A Keras metric: state accumulated over batches by {@link #update}, read by {@link #result},
 * cleared by {@link #reset} (training resets it at the start of each epoch). Not thread-safe.
 *
 * <p>A user metric implements {@link #update} on {@code Tensor}s (read them with
 * {@link Tensor#toArray()} or {@link Tensor#getFlat}); to be resolved by name or rebuilt from a
 * config, it also overrides {@link #className()} and {@link #getConfig()} and registers with
 * {@link Metrics#register}.
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

  /** The Keras class name, e.g. {@code "BinaryAccuracy"}; the default is the Java class' simple name. */
  default String className() {
    return getClass().getSimpleName();
  }

  /** Keras' {@code get_config()}: the default holds {@code name} only. */
  default Map<String, Object> getConfig() {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("name", name());
    return c;
  }
}
