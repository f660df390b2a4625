// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.keras;

import com.fasterxml.jackson.databind.JsonNode;

/** Where Keras configs keep the model's input shape, across Keras 1, 2 and 3. */
final class InputShapes {

  private InputShapes() {}

  /** Keras 3 {@code batch_shape}, Keras 2 {@code batch_input_shape}, or a per-sample {@code input_shape}. */
  static int[] fromInputLayer(LayerSpec in, ModelConfigParser p) {
    int[] s = fromLayerConfig(in.config(), p);
    if (s == null) {
      throw p.error("InputLayer " + in.describe() + " has no batch_shape, batch_input_shape or input_shape");
    }
    return s;
  }

  /** The shape a Keras 1/2 first layer declares ({@code batch_input_shape}, {@code input_dim}), or null. */
  static int[] fromFirstLayer(LayerSpec first, ModelConfigParser p) {
    int[] s = fromLayerConfig(first.config(), p);
    if (s != null) {
      return s;
    }
    JsonNode dim = first.config().path("input_dim");
    if (dim.isIntegralNumber()) {
      return new int[] {-1, dimension(dim, p)};
    }
    return null;
  }

  /** A build shape (batch first), or null when absent. */
  static int[] fromBuildShape(JsonNode shape, ModelConfigParser p) {
    return shape.isArray() ? shape(shape, false, p) : null;
  }

  private static int[] fromLayerConfig(JsonNode c, ModelConfigParser p) {
    for (String key : new String[] {"batch_shape", "batch_input_shape"}) {
      if (c.path(key).isArray()) {
        return shape(c.get(key), false, p);
      }
    }
    if (c.path("input_shape").isArray()) {
      return shape(c.get("input_shape"), true, p);
    }
    return null;
  }

  private static int[] shape(JsonNode array, boolean perSample, ModelConfigParser p) {
    int offset = perSample ? 1 : 0;
    if (array.size() + offset < 2 || array.size() > 32) {
      throw p.error("expected an input shape of rank 2 to 32 (batch first); received " + array);
    }
    int[] s = new int[array.size() + offset];
    s[0] = -1;
    for (int i = 0; i < array.size(); i++) {
      JsonNode d = array.get(i);
      s[i + offset] = d.isNull() ? -1 : dimension(d, p);
    }
    return s;
  }

  private static int dimension(JsonNode d, ModelConfigParser p) {
    if (!d.isIntegralNumber() || !d.canConvertToInt() || d.asInt() < 0) {
      throw p.error("expected a non-negative int dimension or null; received " + d);
    }
    return d.asInt();
  }
}
