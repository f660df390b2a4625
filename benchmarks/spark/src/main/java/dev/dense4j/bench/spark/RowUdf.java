// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.bench.spark;

import dev.dense4j.keras.KerasModels;
import dev.dense4j.models.Predictor;
import dev.dense4j.models.Sequential;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The predictor of the row-at-a-time UDF: loaded once per JVM, as a careful user would (a lazily
 * filled static map), so the variant measures calling the model once per row, not reloading it.
 */
final class RowUdf {

  private static final Map<String, Predictor> PREDICTORS = new ConcurrentHashMap<>();

  private RowUdf() {}

  static Predictor predictor(String path) {
    return PREDICTORS.computeIfAbsent(path, p -> {
      try (Sequential m = KerasModels.load(Path.of(p))) {
        return Predictor.of(m);
      }
    });
  }
}
