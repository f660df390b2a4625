// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.metrics;

import dev.dense4j.tensor.Tensor;
import java.util.Set;
import java.util.TreeSet;

/**
 * The metric registry. {@code "accuracy"} (or {@code "acc"}) resolves as Keras' compile does, from
 * the shapes of the first batch: binary accuracy when predictions have one column, sparse
 * categorical when targets have one value per row, categorical otherwise.
 */
public final class Metrics {

  private Metrics() {}

  private static final Set<String> NAMES = Set.of("accuracy", "acc", "binary_accuracy",
      "categorical_accuracy", "sparse_categorical_accuracy");

  /** A new metric for a Keras name. */
  public static Metric get(String name) {
    if (name == null) {
      throw new IllegalArgumentException("Unknown metric 'null'; known: " + String.join(", ", names()));
    }
    return switch (name) {
      case "accuracy", "acc" -> new ShapeResolvedAccuracy(name);
      case "binary_accuracy" -> new BinaryAccuracy();
      case "categorical_accuracy" -> new CategoricalAccuracy();
      case "sparse_categorical_accuracy" -> new SparseCategoricalAccuracy();
      default -> throw new IllegalArgumentException("Unknown metric '" + name + "'; known: "
          + String.join(", ", names()));
    };
  }

  public static Set<String> names() {
    return new TreeSet<>(NAMES);
  }

  /** {@code "accuracy"}: picks binary, sparse categorical or categorical accuracy on the first batch. */
  private static final class ShapeResolvedAccuracy implements Metric {
    private final String name;
    private Metric resolved;

    ShapeResolvedAccuracy(String name) {
      this.name = name;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public void update(Tensor yTrue, Tensor yPred, float[] sampleWeight) {
      if (resolved == null) {
        int cols = yPred.dim(-1);
        boolean sparse = cols > 1 && yTrue.size() * cols == yPred.size();
        resolved = cols == 1 ? new BinaryAccuracy(name, 0.5)
            : sparse ? new SparseCategoricalAccuracy(name) : new CategoricalAccuracy(name);
      }
      resolved.update(yTrue, yPred, sampleWeight);
    }

    @Override
    public double result() {
      return resolved == null ? 0 : resolved.result();
    }

    @Override
    public void reset() {
      if (resolved != null) {
        resolved.reset();
      }
    }

    @Override
    public boolean higherIsBetter() {
      return true;
    }
  }
}
