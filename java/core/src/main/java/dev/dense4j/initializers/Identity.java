// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.initializers;

import dev.dense4j.config.ConfigReader;
import dev.dense4j.tensor.Tensor;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keras' {@code Identity(gain=1.0)} ({@code "identity"}, {@code "IdentityInitializer"}):
 * {@code gain · eye(rows, cols)}, ones on the main diagonal of a possibly rectangular matrix.
 * Only rank-2 shapes. Config {@code {"gain": gain}}.
 */
public final class Identity implements Initializer {

  private final double gain;

  public Identity() {
    this(1.0);
  }

  /** @param gain the diagonal value; must be finite */
  public Identity(double gain) {
    RandomInitializer.requireFinite("Identity", "gain", gain);
    this.gain = gain;
  }

  public double gain() {
    return gain;
  }

  @Override
  public String className() {
    return "Identity";
  }

  @Override
  public void initialize(Tensor target) {
    int[] s = target.shape();
    if (s.length != 2) {
      throw new IllegalArgumentException("Identity: the shape must have rank 2; received shape "
          + Arrays.toString(s));
    }
    target.segment().fill((byte) 0);
    int d = Math.min(s[0], s[1]);
    for (int i = 0; i < d; i++) {
      target.setFlat((long) i * s[1] + i, (float) gain);
    }
  }

  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("gain", gain);
    return c;
  }

  static Identity fromConfig(ConfigReader r) {
    r.checkKeys(List.of("gain", "dtype"));
    return new Identity(r.getDouble("gain", 1.0));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Identity i && Double.compare(i.gain, gain) == 0;
  }

  @Override
  public int hashCode() {
    return Double.hashCode(gain);
  }

  @Override
  public String toString() {
    return "Identity(gain=" + gain + ")";
  }
}
