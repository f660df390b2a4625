// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.metrics;

import dev.dense4j.config.Registry;
import dev.dense4j.tensor.Tensor;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The metric registry. {@code "accuracy"} (or {@code "acc"}) resolves as Keras' compile does, from
 * the shapes of the first batch: binary accuracy when predictions have one column, sparse
 * categorical when targets have one value per row, categorical otherwise.
 */
public final class Metrics {

  private static final Registry<Metric> REGISTRY = new Registry<>("metric", "keras.metrics", "Metrics", Metric.class,
      new Registry.Describer<>() {
        @Override
        public String className(Metric m) {
          return m.className();
        }

        @Override
        public Map<String, Object> config(Metric m) {
          return m.getConfig();
        }
      });

  static {
    REGISTRY
        .builtin(ShapeResolvedAccuracy.class, "accuracy", r -> new ShapeResolvedAccuracy(r.getString("name", "accuracy")))
        .builtin(ShapeResolvedAccuracy.class, "acc", r -> new ShapeResolvedAccuracy(r.getString("name", "acc")))
        .builtin(BinaryAccuracy.class, "BinaryAccuracy", r -> new BinaryAccuracy(r.getString("name", "binary_accuracy"),
            r.getDouble("threshold", 0.5)), "binary_accuracy")
        .builtin(CategoricalAccuracy.class, "CategoricalAccuracy",
            r -> new CategoricalAccuracy(r.getString("name", "categorical_accuracy")), "categorical_accuracy")
        .builtin(SparseCategoricalAccuracy.class, "SparseCategoricalAccuracy",
            r -> new SparseCategoricalAccuracy(r.getString("name", "sparse_categorical_accuracy")),
            "sparse_categorical_accuracy");
  }

  private Metrics() {}

  /** A new metric for a Keras name (or a registered one). */
  public static Metric get(String name) {
    if (name == null) {
      throw new IllegalArgumentException("Unknown metric 'null'; known: " + String.join(", ", names()));
    }
    return REGISTRY.get(name);
  }

  /** Every name {@link #get} accepts, sorted. */
  public static Set<String> names() {
    return REGISTRY.names();
  }

  /** Rebuilds a metric from its serialized object ({@code class_name}, {@code config}, …). */
  public static Metric fromConfig(Map<String, ?> serialized) {
    return REGISTRY.fromConfig(serialized);
  }

  /** The serialized object of {@code metric} (null gives null), as Keras writes it. */
  public static Map<String, Object> serialize(Metric metric) {
    return REGISTRY.serialize(metric);
  }

  /**
   * Registers a user metric under {@code "package>ClassName"} (or a bare class name);
   * {@code fromConfig} makes a new instance from the config {@link Metric#getConfig()} wrote (an
   * empty map when resolved by name). Each call must return a fresh metric: metrics hold state.
   */
  public static void register(String registeredName, Function<Map<String, Object>, ? extends Metric> fromConfig) {
    REGISTRY.register(registeredName, fromConfig);
  }

  /** {@code "accuracy"}: picks binary, sparse categorical or categorical accuracy on the first batch. */
  private static final class ShapeResolvedAccuracy implements Metric {
    private final String name;
    private Metric resolved;

    ShapeResolvedAccuracy(String name) {
      this.name = name;
    }

    @Override
    public String className() {
      return "acc".equals(name) ? "acc" : "accuracy";
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
