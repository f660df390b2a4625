// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.keras;

import java.util.List;

/** Where the weights of a model's layers come from, in Keras' own pairing rule for the format. */
interface WeightSource {

  /**
   * The weights of one layer, in Keras' order (Dense: kernel, then bias); empty when the file has
   * none for it.
   *
   * @param layer the layer
   * @param classIndex how many earlier layers have the same class (Keras 3 names groups by it)
   * @param weightedIndex how many earlier layers own weights (legacy files pair by it)
   */
  List<WeightArray> weightsFor(LayerSpec layer, int classIndex, int weightedIndex);

  /** The number of layers with weights in the file, or -1 when the format does not say. */
  int weightedLayerCount();

  /** The file and inner path, for messages. */
  String describe();
}
