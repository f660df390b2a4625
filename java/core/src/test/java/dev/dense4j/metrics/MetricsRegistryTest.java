// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.dense4j.tensor.Tensor;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Metric config round trips, built-in and registered. */
class MetricsRegistryTest {

  /** Counts the rows it has seen. */
  static final class RowCount implements Metric {
    private final String name;
    private long rows;

    RowCount(String name) {
      this.name = name;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public void update(Tensor yTrue, Tensor yPred, float[] sampleWeight) {
      rows += yPred.dim(0);
    }

    @Override
    public double result() {
      return rows;
    }

    @Override
    public void reset() {
      rows = 0;
    }

    @Override
    public boolean higherIsBetter() {
      return false;
    }
  }

  @Test
  void builtInsRoundTrip() {
    for (Metric m : List.of(new BinaryAccuracy("bin", 0.25), new CategoricalAccuracy("cat"),
        new SparseCategoricalAccuracy(), Metrics.get("accuracy"), Metrics.get("acc"))) {
      Map<String, Object> envelope = Metrics.serialize(m);
      assertEquals("keras.metrics", envelope.get("module"), m.name());
      Metric back = Metrics.fromConfig(envelope);
      assertEquals(m.getClass(), back.getClass(), m.name());
      assertEquals(m.getConfig(), back.getConfig(), m.name());
      assertEquals(m.name(), back.name());
    }
    assertEquals(Map.of("name", "bin", "threshold", 0.25), new BinaryAccuracy("bin", 0.25).getConfig());
    assertEquals("acc", Metrics.get("acc").name());
    assertInstanceOf(BinaryAccuracy.class, Metrics.get("BinaryAccuracy"));
  }

  @Test
  void registeredMetricResolvesByNameAndConfig() {
    Metrics.register("MetricsRegistryTest>RowCount", c -> new RowCount((String) c.getOrDefault("name", "row_count")));
    Metric byName = Metrics.get("RowCount");
    assertInstanceOf(RowCount.class, byName);
    assertEquals("row_count", byName.name());
    assertNotSame(byName, Metrics.get("MetricsRegistryTest>RowCount"), "each resolution is a fresh metric");
    Map<String, Object> envelope = Metrics.serialize(new RowCount("rows"));
    assertEquals("MetricsRegistryTest>RowCount", envelope.get("registered_name"));
    Metric back = Metrics.fromConfig(envelope);
    assertEquals("rows", back.name());
    assertEquals(Map.of("name", "rows"), back.getConfig());
    try (Tensor t = Tensor.zeros(4, 2)) {
      back.update(t, t, null);
    }
    assertEquals(4.0, back.result());
  }

  @Test
  void registeringABuiltInNameIsRefused() {
    assertEquals("Metrics.register: name must be non-blank and not a built-in; received registeredName=accuracy",
        assertThrows(IllegalArgumentException.class, () -> Metrics.register("accuracy", c -> new RowCount("x")))
            .getMessage());
  }
}
