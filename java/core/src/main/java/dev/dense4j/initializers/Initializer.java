// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.initializers;

import dev.dense4j.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Fills a new weight tensor, as Keras' {@code initializer(shape, dtype)} does.
 *
 * <p>The built-ins are listed in {@link Initializers}. A user-defined initializer implements
 * {@link #initialize} and, to be saved and read back, {@link #className()} and {@link #getConfig()}
 * plus a registration with {@link Initializers#register}:
 *
 * {@snippet :
 * record Linspace(double start, double stop) implements Initializer {
 *   public String className() { return "Linspace"; }
 *   public void initialize(Tensor t) {
 *     long n = t.size();
 *     for (long i = 0; i < n; i++) {
 *       t.setFlat(i, (float) (start + (stop - start) * i / Math.max(1, n - 1)));
 *     }
 *   }
 *   public Map<String, Object> getConfig() {
 *     Map<String, Object> c = new LinkedHashMap<>();
 *     c.put("start", start);
 *     c.put("stop", stop);
 *     return c;
 *   }
 * }
 * Initializers.register("MyPackage>Linspace",
 *     c -> new Linspace(((Number) c.get("start")).doubleValue(), ((Number) c.get("stop")).doubleValue()));
 * }
 *
 * <p>Implementations must be safe to call from several threads (stateless is simplest).
 */
public interface Initializer {

  /** The Keras class name, e.g. {@code "GlorotUniform"}. */
  String className();

  /** Fills {@code target}, whose shape is the weight's shape. */
  void initialize(Tensor target);

  /**
   * Keras' {@code get_config()}: the constructor arguments as an ordered map, with Keras' keys in
   * Keras' order. The default is an empty map (an initializer without parameters).
   */
  default Map<String, Object> getConfig() {
    return new LinkedHashMap<>();
  }
}
