// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.keras;

import java.util.List;

/**
 * The weights a file stores for one layer, as found in the file (no model config needed).
 *
 * @param name the layer's name (Keras 3: the {@code vars@name} attribute when present, else the group name)
 * @param path the HDF5 group holding them
 * @param weights in Keras' order (Dense: kernel, bias)
 */
public record LayerWeights(String name, String path, List<WeightArray> weights) {

  public LayerWeights {
    weights = List.copyOf(weights);
  }
}
