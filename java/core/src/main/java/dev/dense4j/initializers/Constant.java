// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.initializers;

import dev.dense4j.config.ConfigReader;
import dev.dense4j.internal.TensorCopy;
import dev.dense4j.tensor.Tensor;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keras' {@code Constant(value=0.0)} ({@code "constant"}): every value {@code value}, rounded to
 * float32. Config {@code {"value": value}}. Only a scalar value is supported (Keras also accepts
 * an array that broadcasts to the shape).
 */
public final class Constant implements Initializer {

  private final double value;

  /** Keras' default, 0. */
  public Constant() {
    this(0.0);
  }

  /** @param value the fill value; must be finite */
  public Constant(double value) {
    RandomInitializer.requireFinite("Constant", "value", value);
    this.value = value;
  }

  public double value() {
    return value;
  }

  @Override
  public String className() {
    return "Constant";
  }

  @Override
  public void initialize(Tensor target) {
    fill(target, (float) value);
  }

  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("value", value);
    return c;
  }

  static Constant fromConfig(ConfigReader r) {
    r.checkKeys(List.of("value", "dtype"));
    if (r.raw("value") instanceof List<?>) {
      throw r.fail("value", "must be a scalar (array values are not supported)", r.raw("value"));
    }
    return new Constant(r.getDouble("value", 0.0));
  }

  /** Writes {@code v} into every element, a block at a time. */
  static void fill(Tensor target, float v) {
    long n = target.size();
    float[] block = new float[(int) Math.min(4096, n)];
    Arrays.fill(block, v);
    for (long start = 0; start < n; start += block.length) {
      int len = (int) Math.min(block.length, n - start);
      TensorCopy.write(block, 0, target, start, len);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Constant c && Double.compare(c.value, value) == 0;
  }

  @Override
  public int hashCode() {
    return Double.hashCode(value);
  }

  @Override
  public String toString() {
    return "Constant(value=" + value + ")";
  }
}
