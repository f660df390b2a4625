// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.regularizers;

import dev.dense4j.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Maps a tensor to a scalar penalty that training adds to the loss (Keras' {@code Regularizer}).
 *
 * <p>The built-ins are listed in {@link Regularizers}. A user-defined regularizer implements
 * {@link #penalty} and its gradient {@link #addGradient}; to be saved and read back, also
 * {@link #className()}, {@link #getConfig()} and a registration with {@link Regularizers#register}:
 *
 * {@snippet :
 * record L4(double factor) implements Regularizer {
 *   public String className() { return "L4"; }
 *   public double penalty(Tensor x) {           // factor · Σ x⁴
 *     double s = 0;
 *     for (long i = 0; i < x.size(); i++) { double v = x.getFlat(i); s += v * v * v * v; }
 *     return factor * s;
 *   }
 *   public void addGradient(Tensor x, Tensor grad) {   // grad += 4 · factor · x³
 *     for (long i = 0; i < x.size(); i++) {
 *       double v = x.getFlat(i);
 *       grad.setFlat(i, (float) (grad.getFlat(i) + 4 * factor * v * v * v));
 *     }
 *   }
 *   public Map<String, Object> getConfig() { return new LinkedHashMap<>(Map.of("factor", factor)); }
 * }
 * Regularizers.register("MyPackage>L4", c -> new L4(((Number) c.get("factor")).doubleValue()));
 * }
 *
 * <p>Implementations must be safe to call from several threads (stateless is simplest).
 */
public interface Regularizer {

  /** The Keras class name, e.g. {@code "L2"}. */
  String className();

  /** The penalty of {@code x}. */
  double penalty(Tensor x);

  /** Adds {@code d penalty / d x} to {@code grad}, which has {@code x}'s shape. */
  void addGradient(Tensor x, Tensor grad);

  /**
   * Keras' {@code get_config()}: the constructor arguments as an ordered map, with Keras' keys in
   * Keras' order. The default is an empty map.
   */
  default Map<String, Object> getConfig() {
    return new LinkedHashMap<>();
  }
}
