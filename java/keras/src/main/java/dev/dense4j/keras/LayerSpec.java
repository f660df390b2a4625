// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.keras;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One layer of a model config: its Keras class, its name and its {@code config} object.
 *
 * @param className e.g. {@code "Dense"}
 * @param name the layer's name
 * @param config the layer's {@code config} object (never null; empty when absent)
 */
record LayerSpec(String className, String name, JsonNode config) {

  /** "name (Class)", for messages. */
  String describe() {
    return "'" + name + "' (" + className + ")";
  }
}
