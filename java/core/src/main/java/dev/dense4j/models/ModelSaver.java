// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.models;

import java.nio.file.Path;

/**
 * Writes a model to a file; used by {@link ModelCheckpoint} and the {@code dense4j train}
 * command. {@link WeightsFile#saver()} writes weights only; a Keras {@code .keras} writer plugs
 * in here as well.
 */
@FunctionalInterface
public interface ModelSaver {

  /** Saves {@code model} to {@code path}; throws {@link java.io.UncheckedIOException} on I/O failure. */
  void save(Sequential model, Path path);
}
