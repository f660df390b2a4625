// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.losses;

import java.util.Arrays;

/**
 * How a loss turns its per-sample values {@code L} (already multiplied by sample weights) into
 * one number (spec §7.1). Divisions are divide-no-NaN: 0/0 gives 0.
 */
public enum Reduction {
  /** {@code Σ L / count(L)}: count is the number of per-sample values, not the sum of weights. Keras' default. */
  SUM_OVER_BATCH_SIZE("sum_over_batch_size"),
  /** Same as {@link #SUM_OVER_BATCH_SIZE}. */
  MEAN("mean"),
  /** {@code Σ L}. */
  SUM("sum"),
  /** {@code Σ L / Σ sample_weight} with weights, else as {@link #MEAN}. */
  MEAN_WITH_SAMPLE_WEIGHT("mean_with_sample_weight"),
  /** No reduction: only {@link Loss#perSample} applies. */
  NONE("none");

  private final String kerasName;

  Reduction(String kerasName) {
    this.kerasName = kerasName;
  }

  /** The Keras string, e.g. {@code "sum_over_batch_size"}. */
  public String kerasName() {
    return kerasName;
  }

  /** The reduction of a Keras string; {@code null} means {@link #NONE}, as in Keras. */
  public static Reduction of(String name) {
    if (name == null) {
      return NONE;
    }
    for (Reduction r : values()) {
      if (r.kerasName.equals(name)) {
        return r;
      }
    }
    throw new IllegalArgumentException("Loss: reduction must be one of "
        + Arrays.stream(values()).map(Reduction::kerasName).toList() + "; received reduction=" + name);
  }
}
