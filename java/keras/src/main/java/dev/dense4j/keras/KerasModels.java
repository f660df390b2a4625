// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.keras;

import dev.dense4j.models.Sequential;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Keras model files in and out.
 *
 * <p>Reads Keras 3 {@code .keras} archives, tf.keras 2.13–2.15 {@code .keras}, legacy HDF5
 * {@code .h5} files written by Keras 1, 2 and 3, {@code model.to_json()} configs with or without a
 * weights file; Sequential and linear functional models of {@code InputLayer}, {@code Dense},
 * {@code Activation}, {@code Dropout}, {@code Flatten}, {@code ReLU}, {@code LeakyReLU},
 * {@code ELU} and {@code Softmax}. Writes {@code .keras} archives in Keras 3's layout.
 *
 * <p>Files are untrusted: every failure is a {@link KerasFormatException} (an
 * {@link java.io.UncheckedIOException}) naming the file and the path inside it, raised before any
 * allocation that the file's declared sizes would ask for; see {@link KerasLimits}.
 *
 * {@snippet :
 * try (Sequential model = KerasModels.load(Path.of("mnist_mlp.keras"))) {
 *   float[] probs = model.predict(pixels, 1, 784);
 * }
 * }
 */
public final class KerasModels {

  private KerasModels() {}

  /** Loads a {@code .keras}, legacy {@code .h5} or JSON-config file; the caller closes the model. */
  public static Sequential load(Path file) {
    return load(file, LoadOptions.DEFAULT);
  }

  public static Sequential load(Path file, LoadOptions options) {
    return KerasLoader.load(Objects.requireNonNull(file, "file"), Objects.requireNonNull(options, "options")).model();
  }

  /** Loads a {@code model.to_json()} config with the weights of {@code save_weights()} (legacy or Keras 3). */
  public static Sequential load(Path configJson, Path weights, LoadOptions options) {
    return KerasLoader.load(Objects.requireNonNull(configJson, "configJson"), Objects.requireNonNull(weights, "weights"),
        Objects.requireNonNull(options, "options")).model();
  }

  /** Loads a model and summarises it (layers, shapes, activations, parameters, writer version). */
  public static KerasModelInfo inspect(Path file, LoadOptions options) {
    KerasLoader.Loaded l = KerasLoader.load(file, options);
    try (Sequential m = l.model()) {
      return KerasModelInfo.of(file.toString(), l.source(), l.spec().modelClass(), m);
    }
  }

  /** Like {@link #inspect(Path, LoadOptions)} for a JSON config and its weights file. */
  public static KerasModelInfo inspect(Path configJson, Path weights, LoadOptions options) {
    KerasLoader.Loaded l = KerasLoader.load(configJson, weights, options);
    try (Sequential m = l.model()) {
      return KerasModelInfo.of(configJson + " + " + weights, l.source(), l.spec().modelClass(), m);
    }
  }

  /**
   * The weights stored in a model or weights file, layer by layer, without building a model: works
   * for files whose architecture cannot load (subclassed models).
   */
  public static List<LayerWeights> readWeights(Path file, LoadOptions options) {
    return WeightsDump.read(Objects.requireNonNull(file, "file"), Objects.requireNonNull(options, "options"));
  }

  /**
   * Saves a built model as a {@code .keras} archive in Keras 3's layout (config.json,
   * metadata.json, model.weights.h5), which Keras 3 loads with {@code keras.saving.load_model}.
   *
   * @throws IllegalArgumentException for layers or activations Keras 3 cannot express
   * @throws java.io.UncheckedIOException when the file cannot be written
   */
  public static void save(Sequential model, Path file) {
    KerasWriter.save(Objects.requireNonNull(model, "model"), Objects.requireNonNull(file, "file"));
  }
}
