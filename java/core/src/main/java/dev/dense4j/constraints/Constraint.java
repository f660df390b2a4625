// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.constraints;

import dev.dense4j.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Projects a weight in place after each optimizer update (Keras' {@code Constraint}). Keras
 * applies constraints only after an optimizer step, never at initialization, by
 * {@code set_weights} or when loading a file: the optimizer applies each variable's constraint,
 * on its own backend, right after its update.
 *
 * <p>The built-ins are listed in {@link Constraints}. A user-defined constraint implements
 * {@link #apply}; to be saved and read back, also {@link #className()}, {@link #getConfig()} and a
 * registration with {@link Constraints#register}. Weight clipping, as in the Wasserstein GAN
 * critic, is the classic example, {@code w ← clip(w, −c, c)}:
 *
 * {@snippet :
 * record WeightClip(double clipValue) implements Constraint {
 *   public String className() { return "WeightClip"; }
 *   public void apply(Tensor w) {
 *     float c = (float) clipValue;
 *     for (long i = 0; i < w.size(); i++) {
 *       w.setFlat(i, Math.max(-c, Math.min(c, w.getFlat(i))));
 *     }
 *   }
 *   public Map<String, Object> getConfig() {
 *     return new LinkedHashMap<>(Map.of("clip_value", clipValue));
 *   }
 * }
 * Constraints.register("MyPackage>WeightClip",
 *     c -> new WeightClip(((Number) c.get("clip_value")).doubleValue()));
 * Dense critic = Dense.builder(1).kernelConstraint(new WeightClip(0.01)).build();
 * }
 *
 * <p>Implementations must be safe to call from several threads on different tensors.
 */
public interface Constraint {

  /** The Keras class name, e.g. {@code "MaxNorm"}. */
  String className();

  /** Replaces {@code w} by its projection. */
  void apply(Tensor w);

  /**
   * Keras' {@code get_config()}: the constructor arguments as an ordered map, with Keras' keys in
   * Keras' order. The default is an empty map.
   */
  default Map<String, Object> getConfig() {
    return new LinkedHashMap<>();
  }
}
