// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.keras;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Orders the layers of a functional model ({@code Model}/{@code Functional}) that is a linear
 * chain: one input, one output, each layer called once on the previous layer's output. Reads
 * Keras 2 inbound nodes ({@code [[["dense", 0, 0, {}]]]}) and Keras 3 ones
 * ({@code [{"args": [{"class_name": "__keras_tensor__", "config": {"keras_history": [...]}}]}]}).
 */
final class FunctionalChain {

  private FunctionalChain() {}

  /** The layer objects from input to output. */
  static List<JsonNode> order(JsonNode config, ModelConfigParser p) {
    JsonNode layers = config.path("layers");
    if (!layers.isArray()) {
      throw p.error("functional config has no \"layers\" list");
    }
    Map<String, JsonNode> byName = new HashMap<>();
    Map<String, String> parentOf = new HashMap<>();
    for (JsonNode l : layers) {
      String name = l.path("name").asText(l.path("config").path("name").asText(""));
      if (name.isEmpty() || byName.put(name, l) != null) {
        throw p.error("functional layers need unique names; received '" + name + "'");
      }
      List<String> parents = parents(l.path("inbound_nodes"), name, p);
      if (parents.size() > 1) {
        throw p.error("layer '" + name + "' has " + parents.size() + " inputs " + parents
            + "; only linear (single-input, single-call) models are supported");
      }
      if (parents.size() == 1) {
        parentOf.put(name, parents.get(0));
      }
    }
    String input = single(config.path("input_layers"), "input_layers", p);
    String output = single(config.path("output_layers"), "output_layers", p);
    List<JsonNode> chain = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (String at = output; ; at = parentOf.get(at)) {
      if (at == null || !byName.containsKey(at) || !seen.add(at)) {
        throw p.error("output '" + output + "' does not lead back to input '" + input + "' through single-input layers");
      }
      chain.add(byName.get(at));
      if (at.equals(input)) {
        break;
      }
    }
    if (chain.size() != byName.size()) {
      throw p.error("model has " + byName.size() + " layers but the input→output chain uses " + chain.size()
          + "; only linear models are supported");
    }
    Collections.reverse(chain);
    return chain;
  }

  /** The names of the layers feeding {@code name}; at most one call (node) is allowed. */
  private static List<String> parents(JsonNode nodes, String name, ModelConfigParser p) {
    if (nodes.isMissingNode() || nodes.isNull() || nodes.isEmpty()) {
      return List.of();
    }
    if (!nodes.isArray() || nodes.size() != 1) {
      throw p.error("layer '" + name + "' is called " + nodes.size() + " times; shared layers are not supported");
    }
    List<String> out = new ArrayList<>();
    JsonNode node = nodes.get(0);
    if (node.isObject()) {
      collectKerasTensors(node.path("args"), out, 0);
    } else if (node.isArray()) {
      for (JsonNode t : node) {
        if (t.isArray() && !t.isEmpty() && t.get(0).isTextual()) {
          out.add(t.get(0).asText());
        } else {
          throw p.error("layer '" + name + "' has an unreadable inbound node " + t);
        }
      }
    } else {
      throw p.error("layer '" + name + "' has an unreadable inbound node " + node);
    }
    return out;
  }

  private static void collectKerasTensors(JsonNode n, List<String> out, int depth) {
    if (depth > 16) {
      return;
    }
    if (n.isObject() && "__keras_tensor__".equals(n.path("class_name").asText())) {
      JsonNode h = n.path("config").path("keras_history");
      if (h.isArray() && !h.isEmpty()) {
        out.add(h.get(0).asText());
      }
    } else if (n.isArray()) {
      for (JsonNode c : n) {
        collectKerasTensors(c, out, depth + 1);
      }
    }
  }

  /** The one layer named by {@code input_layers}/{@code output_layers}: {@code [["x", 0, 0]]} or {@code ["x", 0, 0]}. */
  private static String single(JsonNode refs, String key, ModelConfigParser p) {
    if (refs.isArray() && refs.size() == 1 && refs.get(0).isArray() && !refs.get(0).isEmpty()) {
      refs = refs.get(0);
    }
    if (refs.isArray() && !refs.isEmpty() && refs.get(0).isTextual()
        && (refs.size() == 1 || !refs.get(1).isTextual())) {
      return refs.get(0).asText();
    }
    throw p.error("expected exactly one entry in \"" + key + "\"; received " + refs);
  }
}
