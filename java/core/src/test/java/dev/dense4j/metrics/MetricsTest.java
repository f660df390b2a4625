// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dense4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Accuracy metrics: values, sample weights, accumulation, and how "accuracy" resolves. */
class MetricsTest {

  static double update(Metric m, float[] t, int[] ts, float[] p, int[] ps, float[] sw) {
    try (Tensor yt = Tensor.of(t, ts); Tensor yp = Tensor.of(p, ps)) {
      m.update(yt, yp, sw);
    }
    return m.result();
  }

  @Test
  void sparseCategoricalAccuracyWithWeightsAndAccumulation() {
    Metric m = Metrics.get("sparse_categorical_accuracy");
    float[] p = {0.1f, 0.9f, 0.8f, 0.2f, 0.3f, 0.7f};
    assertEquals(2 / 3.0, update(m, new float[] {1, 0, 0}, new int[] {3}, p, new int[] {3, 2}, null), 1e-12);
    assertEquals((2 + 0) / 5.0, update(m, new float[] {0, 0}, new int[] {2}, new float[] {0.1f, 0.9f, 0.2f, 0.8f},
        new int[] {2, 2}, null), 1e-12);
    m.reset();
    assertEquals(0, m.result());
    assertEquals(3 / 4.0, update(m, new float[] {1, 0, 0}, new int[] {3}, p, new int[] {3, 2}, new float[] {1, 2, 1}), 1e-12);
  }

  @Test
  void categoricalAndBinaryAccuracy() {
    assertEquals(0.5, update(new CategoricalAccuracy(), new float[] {0, 1, 1, 0}, new int[] {2, 2},
        new float[] {0.2f, 0.8f, 0.4f, 0.6f}, new int[] {2, 2}, null), 1e-12);
    // per row: fraction of entries equal to (p > 0.5)
    assertEquals((1.0 + 0.5) / 2, update(new BinaryAccuracy(), new float[] {1, 0, 1, 1}, new int[] {2, 2},
        new float[] {0.7f, 0.2f, 0.9f, 0.5f}, new int[] {2, 2}, null), 1e-12);
  }

  @Test
  void accuracyResolvesFromShapesAsKerasCompileDoes() {
    Metric binary = Metrics.get("accuracy");
    assertEquals(0.5, update(binary, new float[] {1, 0}, new int[] {2, 1}, new float[] {0.9f, 0.6f}, new int[] {2, 1},
        null), 1e-12);
    Metric sparse = Metrics.get("acc");
    assertEquals(1.0, update(sparse, new float[] {1}, new int[] {1}, new float[] {0.1f, 0.9f}, new int[] {1, 2}, null));
    Metric categorical = Metrics.get("accuracy");
    assertEquals(0.0, update(categorical, new float[] {1, 0}, new int[] {1, 2}, new float[] {0.1f, 0.9f},
        new int[] {1, 2}, null));
    assertEquals("acc", sparse.name());
    assertTrue(categorical.higherIsBetter());
  }

  @Test
  void unknownNamesAndBadShapes() {
    // other tests may register metrics of their own: check the built-ins and the hint
    String unknown = assertThrows(IllegalArgumentException.class, () -> Metrics.get("f1")).getMessage();
    assertTrue(unknown.startsWith("Unknown metric 'f1'; known: BinaryAccuracy, CategoricalAccuracy, "), unknown);
    assertTrue(unknown.contains(", acc, accuracy, binary_accuracy, categorical_accuracy, sparse_categorical_accuracy"),
        unknown);
    assertTrue(unknown.endsWith(" (register custom ones with Metrics.register)"), unknown);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> update(new CategoricalAccuracy(),
        new float[3], new int[] {3}, new float[4], new int[] {2, 2}, null));
    assertEquals("Metric 'categorical_accuracy': expected y_true with 4 values for predictions of shape [2, 2]; "
        + "received shape [3]", e.getMessage());
  }
}
