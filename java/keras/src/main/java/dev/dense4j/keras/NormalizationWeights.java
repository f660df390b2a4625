// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.keras;

import dev.dense4j.layers.BatchNormalization;
import dev.dense4j.layers.Layer;
import dev.dense4j.layers.LayerNormalization;
import dev.dense4j.layers.Normalization;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The weights of the normalization layers as files store them, into the built layers. Keras 3
 * stores them by position ({@code vars/0..}); legacy HDF5 files name them, and those names decide
 * the order when all of them are known: {@code gamma}, {@code beta}, {@code moving_mean},
 * {@code moving_variance} (Keras 2, {@code batch_normalization/gamma:0}) or Keras 1's
 * {@code batchnormalization_1_gamma}, {@code _beta}, {@code _running_mean}, {@code _running_std}
 * (which held the variance).
 */
final class NormalizationWeights {

  private NormalizationWeights() {}

  static void set(String file, LayerSpec spec, Layer layer, List<WeightArray> w) {
    switch (layer) {
      case BatchNormalization bn -> {
        List<String> want = new ArrayList<>();
        if (bn.scale()) {
          want.add("gamma");
        }
        if (bn.center()) {
          want.add("beta");
        }
        want.add("moving_mean");
        want.add("moving_variance");
        bn.setWeights(values(file, spec, ordered(w, want), want, bn.channels()));
      }
      case LayerNormalization ln -> {
        List<String> want = new ArrayList<>();
        if (ln.scale() || ln.rmsScaling()) {
          want.add("gamma");
        }
        if (ln.center() && !ln.rmsScaling()) {
          want.add("beta");
        }
        ln.setWeights(values(file, spec, ordered(w, want), want, ln.channels()));
      }
      case Normalization n -> {
        List<String> want = List.of("mean", "variance", "count");
        int channels = n.mean().size() == 1 ? 1 : Math.toIntExact(n.mean().size());
        List<WeightArray> got = ordered(w, want);
        if (got.size() == 3 && got.get(2).values().length != 1) {
          throw new KerasFormatException(file, got.get(2).path(), "layer " + spec.describe()
              + " expects a scalar count; the file has shape " + Arrays.toString(got.get(2).shape()));
        }
        List<float[]> v = new ArrayList<>(values(file, spec, got.subList(0, Math.min(2, got.size())),
            want.subList(0, 2), channels));
        if (got.size() == 3) {
          v.add(got.get(2).values());
        }
        n.setWeights(v);
      }
      default -> throw new KerasFormatException(file, w.get(0).path(), "layer " + spec.describe() + " has no weights "
          + "in dense4j; the file has " + w);
    }
  }

  // by name when every weight's name is known and the set matches, else as stored
  private static List<WeightArray> ordered(List<WeightArray> w, List<String> want) {
    List<WeightArray> out = new ArrayList<>();
    for (String name : want) {
      WeightArray found = null;
      for (WeightArray a : w) {
        if (name.equals(stem(a.path()))) {
          found = a;
        }
      }
      if (found == null) {
        return w;
      }
      out.add(found);
    }
    return out.size() == w.size() ? out : w;
  }

  // the weight's Keras name from its HDF5 path: ".../gamma:0" → gamma, ".../batchnormalization_1_running_std" → moving_variance
  static String stem(String path) {
    String last = path.substring(path.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
    int colon = last.indexOf(':');
    if (colon >= 0) {
      last = last.substring(0, colon);
    }
    for (String[] known : new String[][] {{"moving_mean", "moving_mean"}, {"moving_variance", "moving_variance"},
        {"running_mean", "moving_mean"}, {"running_std", "moving_variance"}, {"gamma", "gamma"}, {"beta", "beta"},
        {"variance", "variance"}, {"mean", "mean"}, {"count", "count"}}) {
      if (last.equals(known[0]) || last.endsWith("_" + known[0])) {
        return known[1];
      }
    }
    return last;
  }

  private static List<float[]> values(String file, LayerSpec spec, List<WeightArray> w, List<String> want, int channels) {
    if (w.size() != want.size()) {
      throw new KerasFormatException(file, w.isEmpty() ? "" : w.get(0).path(), "layer " + spec.describe() + " needs "
          + want.size() + " weights (" + String.join(", ", want) + "); the file has " + w.size() + ": " + w);
    }
    List<float[]> out = new ArrayList<>();
    for (int i = 0; i < w.size(); i++) {
      WeightArray a = w.get(i);
      if (a.values().length != channels || a.shape().length > 1) {
        throw new KerasFormatException(file, a.path(), "layer " + spec.describe() + " expects " + want.get(i)
            + " of shape [" + channels + "]; the file has " + Arrays.toString(a.shape()));
      }
      out.add(a.values());
    }
    return out;
  }
}
