// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.keras;

import java.util.List;

/**
 * A model config reduced to what inference needs: a linear stack of layers and its input shape.
 *
 * @param modelClass {@code Sequential}, {@code Model} or {@code Functional}
 * @param name the model's name
 * @param inputShape batch first, -1 for unknown dimensions; null when the config does not say
 * @param layers in call order, without the InputLayer
 */
record ModelSpec(String modelClass, String name, int[] inputShape, List<LayerSpec> layers) {}
