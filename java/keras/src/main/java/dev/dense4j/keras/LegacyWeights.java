// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.keras;

import io.jhdf.api.Group;
import io.jhdf.api.Node;
import java.util.ArrayList;
import java.util.List;

/**
 * Weights in the legacy HDF5 layout ({@code model_weights} of a whole-model {@code .h5}, or the
 * root of a {@code save_weights()} file): attribute {@code layer_names} (possibly split into
 * {@code layer_names0, 1, …}) lists the layer groups; each has {@code weight_names}, paths
 * relative to that group ({@code dense/kernel:0}, {@code dense_1_W:0},
 * {@code sequential/dense/kernel}, …). Layers with weights pair with the model's layers by
 * position, as Keras does (spec §10.4).
 */
final class LegacyWeights implements WeightSource {

  private final Hdf5Reader h5;
  private final Group root;
  private final List<Group> weighted = new ArrayList<>();

  LegacyWeights(Hdf5Reader h5, Group root) {
    this.h5 = h5;
    this.root = root;
    List<String> layerNames = splitAttribute(root, "layer_names");
    if (layerNames == null) {
      throw new KerasFormatException(h5.label(), root.getPath(), "no layer_names attribute: not a Keras weights group");
    }
    for (String name : layerNames) {
      Node n = h5.child(root, name);
      if (!(n instanceof Group g)) {
        throw new KerasFormatException(h5.label(), root.getPath(), "layer_names lists '" + name + "' but there is no such group");
      }
      List<String> w = splitAttribute(g, "weight_names");
      if (w != null && !w.isEmpty()) {
        weighted.add(g);
      }
    }
  }

  /** True when {@code group} carries {@code layer_names}. */
  static boolean matches(Hdf5Reader h5, Group group) {
    return h5.hasAttribute(group, "layer_names") || h5.hasAttribute(group, "layer_names0");
  }

  @Override
  public List<WeightArray> weightsFor(LayerSpec layer, int classIndex, int weightedIndex) {
    if (weightedIndex >= weighted.size()) {
      return List.of();
    }
    Group g = weighted.get(weightedIndex);
    List<WeightArray> out = new ArrayList<>();
    for (String w : splitAttribute(g, "weight_names")) {
      Node n = h5.child(g, w); // a literal link name first, then a relative path
      if (n == null) {
        n = h5.find(g, w);
      }
      if (n == null) {
        throw new KerasFormatException(h5.label(), g.getPath() + "/" + w, "weight listed in weight_names is missing");
      }
      out.add(h5.floats(n));
    }
    return out;
  }

  /** The groups with weights, in file order (their names, for messages and inspection). */
  List<Group> weightedGroups() {
    return List.copyOf(weighted);
  }

  @Override
  public int weightedLayerCount() {
    return weighted.size();
  }

  @Override
  public String describe() {
    return h5.label() + ": " + root.getPath();
  }

  /** An attribute, or its pieces {@code name0, name1, …} concatenated; null when neither exists. */
  private List<String> splitAttribute(Node node, String name) {
    List<String> whole = h5.strings(node, name);
    if (whole != null) {
      return whole;
    }
    List<String> all = null;
    for (int i = 0; ; i++) {
      List<String> part = h5.strings(node, name + i);
      if (part == null) {
        return all;
      }
      if (all == null) {
        all = new ArrayList<>();
      }
      all.addAll(part);
    }
  }
}
