// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.keras;

import io.jhdf.api.Group;
import io.jhdf.api.Node;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Weights in the Keras 3 layout ({@code model.weights.h5} of a {@code .keras} file, or a
 * {@code .weights.h5}): {@code layers/<snake_class>[_<n>]/vars/0..k}, named by the n-th layer of
 * that class, not by the layer's name. tf.keras 2.13–2.15 files use
 * {@code _layer_checkpoint_dependencies} instead of {@code layers}, with either '/' or a literal
 * '\' (Windows) as separator.
 */
final class Keras3Weights implements WeightSource {

  private static final String[] ROOTS = {"layers", "_layer_checkpoint_dependencies"};

  private final Hdf5Reader h5;

  Keras3Weights(Hdf5Reader h5) {
    this.h5 = h5;
  }

  /** True when the file looks like the Keras 3 layout. */
  static boolean matches(Hdf5Reader h5) {
    if (h5.child(h5.root(), "layers") != null || h5.child(h5.root(), "_layer_checkpoint_dependencies") != null) {
      return true;
    }
    for (String name : h5.childNames(h5.root())) {
      if (name.startsWith("_layer_checkpoint_dependencies\\")) {
        return true;
      }
    }
    return false;
  }

  @Override
  public List<WeightArray> weightsFor(LayerSpec layer, int classIndex, int weightedIndex) {
    String group = snakeCase(layer.className()) + (classIndex == 0 ? "" : "_" + classIndex);
    Group vars = vars(group);
    if (vars == null) {
      return List.of();
    }
    List<String> names = h5.childNames(vars);
    List<WeightArray> out = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      Node n = h5.child(vars, Integer.toString(i));
      if (n == null) {
        throw new KerasFormatException(h5.label(), vars.getPath(), "expected variables named 0.." + (names.size() - 1)
            + "; received " + names);
      }
      out.add(h5.floats(n));
    }
    return out;
  }

  private Group vars(String group) {
    for (String root : ROOTS) {
      Group g = h5.group(h5.root(), root + "/" + group + "/vars");
      if (g != null) {
        return g;
      }
    }
    Node literal = h5.child(h5.root(), "_layer_checkpoint_dependencies\\" + group);
    return literal instanceof Group g ? h5.group(g, "vars") : null;
  }

  @Override
  public int weightedLayerCount() {
    return -1;
  }

  @Override
  public String describe() {
    return h5.label();
  }

  /** Keras' {@code naming.to_snake_case}: {@code Dense} → {@code dense}, {@code ReLU} → {@code re_lu}. */
  static String snakeCase(String className) {
    String s = className.replaceAll("(.)([A-Z][a-z]+)", "$1_$2");
    return s.replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
  }
}
