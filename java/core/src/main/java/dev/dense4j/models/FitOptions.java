// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.models;

import dev.dense4j.tensor.Tensor;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The arguments of {@link Sequential#fit} beyond the data, with Keras' defaults:
 * {@code epochs=1, batch_size=32, shuffle=True, validation_split=0.0, verbose="auto"}.
 * Setters return this object. Shuffling draws from {@code seed}: the same seed, data, model and
 * backend give bit-identical weights. Without {@link #seed}, a seed is drawn once, here.
 */
public final class FitOptions {

  int epochs = 1;
  int batchSize = 32;
  boolean shuffle = true;
  long seed = ThreadLocalRandom.current().nextLong();
  double validationSplit;
  Tensor validationX;
  Tensor validationY;
  float[] sampleWeight;
  Float scalarSampleWeight;
  Map<Integer, Double> classWeight;
  int initialEpoch;
  final List<Callback> callbacks = new ArrayList<>();
  Verbosity verbosity = Verbosity.AUTO;
  PrintStream out = System.out;

  public FitOptions epochs(int epochs) {
    if (epochs < 0) {
      throw new IllegalArgumentException("fit: epochs must be >= 0; received epochs=" + epochs);
    }
    this.epochs = epochs;
    return this;
  }

  public FitOptions batchSize(int batchSize) {
    if (batchSize <= 0) {
      throw new IllegalArgumentException("fit: batch_size must be > 0; received batch_size=" + batchSize);
    }
    this.batchSize = batchSize;
    return this;
  }

  /** Shuffle the training samples before each epoch (default true). */
  public FitOptions shuffle(boolean shuffle) {
    this.shuffle = shuffle;
    return this;
  }

  /** The seed of the shuffling. */
  public FitOptions seed(long seed) {
    this.seed = seed;
    return this;
  }

  /** The fraction of samples, taken from the end before shuffling, held out for validation. */
  public FitOptions validationSplit(double validationSplit) {
    if (!(validationSplit >= 0 && validationSplit < 1)) {
      throw new IllegalArgumentException("fit: validation_split must be in [0, 1); received validation_split="
          + validationSplit);
    }
    this.validationSplit = validationSplit;
    return this;
  }

  /** Data evaluated at the end of each epoch (overrides {@link #validationSplit}); the caller keeps ownership. */
  public FitOptions validationData(Tensor x, Tensor y) {
    this.validationX = Objects.requireNonNull(x, "x");
    this.validationY = Objects.requireNonNull(y, "y");
    return this;
  }

  /** One weight per training sample, or null. */
  public FitOptions sampleWeight(float[] sampleWeight) {
    this.sampleWeight = sampleWeight == null ? null : sampleWeight.clone();
    this.scalarSampleWeight = null;
    return this;
  }

  /**
   * One weight for every sample (Keras' loss {@code sample_weight} given as a scalar: the loss is
   * scaled by it); replaces a per-sample array.
   */
  public FitOptions sampleWeight(float weight) {
    if (!Float.isFinite(weight) || weight < 0) {
      throw new IllegalArgumentException("fit: sample_weight must be finite and >= 0; received sample_weight=" + weight);
    }
    this.scalarSampleWeight = weight;
    this.sampleWeight = null;
    return this;
  }

  /**
   * Keras' {@code class_weight}: a weight per class index, used for the training samples only
   * (validation is unweighted); classes not in the map weigh 1. The class of a sample is its
   * label (rounded half to even, as NumPy), or the argmax of a one-hot row. Not together with
   * sample weights, as in Keras.
   */
  public FitOptions classWeight(Map<Integer, Double> classWeight) {
    if (classWeight != null) {
      classWeight.forEach((k, v) -> {
        if (k == null || v == null || !Double.isFinite(v)) {
          throw new IllegalArgumentException("fit: class_weight needs finite weights for class indices; received "
              + k + "=" + v);
        }
      });
    }
    this.classWeight = classWeight == null ? null : new TreeMap<>(classWeight);
    return this;
  }

  /** Keras' {@code initial_epoch}: the epoch to start from (to resume a run); epochs {@code initial_epoch … epochs-1} run. */
  public FitOptions initialEpoch(int initialEpoch) {
    if (initialEpoch < 0) {
      throw new IllegalArgumentException("fit: initial_epoch must be >= 0; received initial_epoch=" + initialEpoch);
    }
    this.initialEpoch = initialEpoch;
    return this;
  }

  public FitOptions callbacks(Callback... callbacks) {
    this.callbacks.addAll(List.of(callbacks));
    return this;
  }

  public FitOptions verbosity(Verbosity verbosity) {
    this.verbosity = Objects.requireNonNull(verbosity, "verbosity");
    return this;
  }

  /** Where the progress goes (default {@code System.out}). */
  public FitOptions progressOutput(PrintStream out) {
    this.out = Objects.requireNonNull(out, "out");
    return this;
  }
}
