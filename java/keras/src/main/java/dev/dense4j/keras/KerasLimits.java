// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.keras;

/**
 * Bounds applied while reading untrusted model files; anything beyond them is a
 * {@link KerasFormatException}, checked before memory is allocated for it.
 *
 * @param maxFileBytes the largest model or weights file read (whole files are read into memory)
 * @param maxZipEntries the most entries a {@code .keras} archive may list
 * @param maxJsonBytes the largest JSON document ({@code config.json}, {@code model_config})
 * @param maxCompressionRatio the largest uncompressed/compressed ratio of a zip member above 1 MiB
 * @param maxLayers the most layers a model may have
 * @param maxParametersWithoutWeights the most parameters a model loaded from a config alone may
 *     allocate (with weights, every shape is bounded by the weights file's size instead)
 */
public record KerasLimits(long maxFileBytes, int maxZipEntries, int maxJsonBytes, int maxCompressionRatio,
    int maxLayers, long maxParametersWithoutWeights) {

  /** Limits generous for any MLP: 2 GiB files, 10 000 zip entries, 64 MiB JSON, ratio 100, 10 000 layers. */
  public static final KerasLimits DEFAULT =
      new KerasLimits(Integer.MAX_VALUE - 64L, 10_000, 64 << 20, 100, 10_000, 1L << 28);

  public KerasLimits {
    if (maxFileBytes <= 0 || maxFileBytes > Integer.MAX_VALUE - 64L) {
      throw new IllegalArgumentException("KerasLimits: maxFileBytes must be in (0, 2^31 - 64]; received maxFileBytes="
          + maxFileBytes);
    }
    if (maxZipEntries <= 0 || maxJsonBytes <= 0 || maxCompressionRatio <= 0 || maxLayers <= 0
        || maxParametersWithoutWeights <= 0) {
      throw new IllegalArgumentException("KerasLimits: every limit must be > 0; received " + this);
    }
  }
}
