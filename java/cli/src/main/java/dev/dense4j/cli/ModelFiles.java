// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.cli;

import dev.dense4j.keras.KerasModelInfo;
import dev.dense4j.keras.KerasModels;
import dev.dense4j.keras.LoadOptions;
import dev.dense4j.models.Sequential;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The model a command works on: {@code MODEL} ({@code .keras}, legacy {@code .h5}, or a JSON
 * config), {@code --weights} for a JSON config, and the policy for a JSON config without weights:
 * computing with freshly initialised weights gives outputs that change from run to run, so it is
 * an error unless {@code --random-weights} says it is meant.
 */
public final class ModelFiles {

  @Parameters(index = "0", paramLabel = "MODEL", converter = Converters.ExistingFile.class,
      description = "A Keras model: .keras, legacy .h5, or a JSON config (with --weights).")
  Path model;

  @Option(names = "--weights", paramLabel = "WEIGHTS.h5", converter = Converters.ExistingFile.class,
      description = "The HDF5 weights of a JSON config MODEL.")
  Path weights;

  @Option(names = "--random-weights",
      description = "Run a JSON config without weights on freshly initialised (random) weights.")
  boolean randomWeights;

  /** The model file. */
  public Path model() {
    return model;
  }

  /** The weights file given with {@code --weights}, or null. */
  public Path weights() {
    return weights;
  }

  /** A loader for this model's path that enforces the weights policy on every load (and reload). */
  public Function<Path, Sequential> loader() {
    Path w = weights;
    boolean random = randomWeights;
    return file -> {
      requireWeights(file, w, random);
      return w == null ? KerasModels.load(file) : KerasModels.load(file, w, LoadOptions.DEFAULT);
    };
  }

  /** Loads the model for computing (predict, serve, convert). */
  public Sequential load() {
    return loader().apply(model);
  }

  /** Reads the model's description; weights are not needed for that. */
  KerasModelInfo inspect() {
    return weights == null ? KerasModels.inspect(model, LoadOptions.DEFAULT)
        : KerasModels.inspect(model, weights, LoadOptions.DEFAULT);
  }

  /**
   * Throws unless the model at {@code file} has weights: it is not a bare JSON config, or weights
   * come with it, or random weights were asked for.
   */
  public static void requireWeights(Path file, Path weights, boolean randomWeights) {
    if (weights != null && randomWeights) {
      throw new IllegalArgumentException("--weights and --random-weights exclude each other; received both");
    }
    if (weights == null && !randomWeights && isJsonConfig(file)) {
      throw new IllegalArgumentException(file + " is a JSON config without weights; pass --weights WEIGHTS.h5, or"
          + " --random-weights to compute with freshly initialised weights");
    }
  }

  static boolean isJsonConfig(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      for (int b = in.read(); b >= 0; b = in.read()) {
        if (!Character.isWhitespace(b)) {
          return b == '{';
        }
      }
      return false;
    } catch (IOException e) {
      throw new UncheckedIOException(file + ": cannot read: " + e.getMessage(), e);
    }
  }
}
