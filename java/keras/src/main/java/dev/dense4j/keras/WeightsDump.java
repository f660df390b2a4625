// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.keras;

import io.jhdf.api.Group;
import io.jhdf.api.Node;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Lists every layer's weights stored in a model or weights file, without its config. */
final class WeightsDump {

  private WeightsDump() {}

  static List<LayerWeights> read(Path file, LoadOptions o) {
    return KerasLoader.guarded(file.toString(), () -> dump(file, o));
  }

  private static List<LayerWeights> dump(Path file, LoadOptions o) {
    String label = file.toString();
    byte[] bytes;
    if (isZip(file, label)) {
      Map<String, byte[]> m = SafeZip.read(file, label, Set.of(KerasLoader.WEIGHTS), o.limits());
      if (!m.containsKey(KerasLoader.WEIGHTS)) {
        throw new KerasFormatException(label, KerasLoader.WEIGHTS, "missing from the archive");
      }
      bytes = m.get(KerasLoader.WEIGHTS);
      label = label + "!" + KerasLoader.WEIGHTS;
    } else {
      bytes = KerasLoader.readAll(file, label, o.limits().maxFileBytes());
    }
    try (Hdf5Reader h5 = Hdf5Reader.open(label, bytes)) {
      WeightSource source = KerasLoader.weightsIn(h5);
      return source instanceof LegacyWeights l ? legacy(h5, l) : keras3(h5);
    }
  }

  private static List<LayerWeights> legacy(Hdf5Reader h5, LegacyWeights source) {
    List<LayerWeights> out = new ArrayList<>();
    List<Group> groups = source.weightedGroups();
    for (int i = 0; i < groups.size(); i++) {
      out.add(new LayerWeights(groups.get(i).getName(), groups.get(i).getPath(), source.weightsFor(null, 0, i)));
    }
    return out;
  }

  private static List<LayerWeights> keras3(Hdf5Reader h5) {
    List<LayerWeights> out = new ArrayList<>();
    for (String root : new String[] {"layers", "_layer_checkpoint_dependencies"}) {
      Group g = h5.group(h5.root(), root);
      if (g != null) {
        for (String name : sorted(h5.childNames(g))) {
          add(h5, h5.child(g, name), name, out);
        }
      }
    }
    for (String name : sorted(h5.childNames(h5.root()))) {
      if (name.startsWith("_layer_checkpoint_dependencies\\")) {
        add(h5, h5.child(h5.root(), name), name.substring(name.indexOf('\\') + 1), out);
      }
    }
    return out;
  }

  private static void add(Hdf5Reader h5, Node layer, String groupName, List<LayerWeights> out) {
    Group vars = layer instanceof Group g ? h5.group(g, "vars") : null;
    if (vars == null) {
      return;
    }
    List<WeightArray> w = new ArrayList<>();
    for (int i = 0; i < h5.childNames(vars).size(); i++) {
      Node n = h5.child(vars, Integer.toString(i));
      if (n == null) {
        throw new KerasFormatException(h5.label(), vars.getPath(), "variables are not numbered 0..n-1");
      }
      w.add(h5.floats(n));
    }
    String name = h5.hasAttribute(vars, "name") ? h5.string(vars, "name") : groupName;
    out.add(new LayerWeights(name, vars.getPath(), w));
  }

  /** Class-counter order: {@code dense, dense_1, dense_2, …, dense_10} (not string order). */
  private static List<String> sorted(List<String> names) {
    return names.stream().sorted(Comparator.comparing(WeightsDump::base).thenComparingInt(WeightsDump::counter)).toList();
  }

  private static String base(String n) {
    int u = n.lastIndexOf('_');
    return u > 0 && n.substring(u + 1).matches("\\d{1,9}") ? n.substring(0, u) : n;
  }

  private static int counter(String n) {
    int u = n.lastIndexOf('_');
    return u > 0 && n.substring(u + 1).matches("\\d{1,9}") ? Integer.parseInt(n.substring(u + 1)) : 0;
  }

  private static boolean isZip(Path file, String label) {
    byte[] b = KerasLoader.head(file, label);
    return b.length >= 4 && b[0] == 'P' && b[1] == 'K' && b[2] == 3 && b[3] == 4;
  }
}
