// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.keras;

import dev.dense4j.layers.Dense;
import dev.dense4j.layers.Layer;
import dev.dense4j.models.Sequential;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds a {@link Sequential} from a {@link ModelSpec} and (optionally) a {@link WeightSource}.
 * Everything that could allocate is checked first: unsupported layers are reported together,
 * weight shapes are checked against the config before any layer is built, and a model loaded from
 * a config alone is bounded by {@link KerasLimits#maxParametersWithoutWeights()}.
 */
final class ModelAssembler {

  private final String file;
  private final String where;
  private final KerasLimits limits;
  private final KerasLayerFactory factory;

  ModelAssembler(String file, String where, KerasLimits limits, KerasLayerFactory factory) {
    this.file = file;
    this.where = where;
    this.limits = limits;
    this.factory = factory;
  }

  Sequential assemble(ModelSpec spec, WeightSource weights) {
    rejectUnsupported(spec);
    List<List<WeightArray>> perLayer = readWeights(spec, weights);
    int[] inputShape = inputShape(spec, perLayer);
    List<Layer> layers = new ArrayList<>();
    Sequential model = new Sequential(spec.name());
    try {
      for (LayerSpec l : spec.layers()) {
        Layer layer = factory.create(l);
        layers.add(layer);
        model.add(layer);
      }
      checkShapes(spec, layers, perLayer, inputShape);
      model.build(inputShape);
      for (int i = 0; i < layers.size(); i++) {
        if (layers.get(i) instanceof Dense d && weights != null) {
          d.setWeights(perLayer.get(i).stream().map(WeightArray::values).toList());
        } else if (weights != null && !perLayer.get(i).isEmpty()) {
          NormalizationWeights.set(file, spec.layers().get(i), layers.get(i), perLayer.get(i));
        }
      }
      return model;
    } catch (RuntimeException e) {
      layers.forEach(Layer::close);
      if (e instanceof KerasFormatException k) {
        throw k;
      }
      throw new KerasFormatException(file, where, e.getMessage(), e);
    }
  }

  private void rejectUnsupported(ModelSpec spec) {
    List<String> bad = new ArrayList<>();
    for (LayerSpec l : spec.layers()) {
      if (!KerasLayerFactory.supports(l.className())) {
        bad.add(l.describe());
      }
    }
    if (!bad.isEmpty()) {
      throw new KerasFormatException(file, where, "unsupported layers: " + String.join(", ", bad)
          + "; supported: " + String.join(", ", KerasLayerFactory.SUPPORTED.stream().sorted().toList()));
    }
  }

  private List<List<WeightArray>> readWeights(ModelSpec spec, WeightSource weights) {
    List<List<WeightArray>> out = new ArrayList<>();
    Map<String, Integer> classCount = new HashMap<>();
    int weighted = 0;
    for (LayerSpec l : spec.layers()) {
      int classIndex = classCount.merge(l.className(), 1, Integer::sum) - 1;
      if (weights != null && KerasLayerFactory.hasWeights(l)) {
        List<WeightArray> w = weights.weightsFor(l, classIndex, weighted++);
        if (w.isEmpty()) {
          throw new KerasFormatException(file, weights.describe(), "no weights for layer " + l.describe());
        }
        out.add(w);
      } else {
        out.add(List.of());
      }
    }
    if (weights != null && weights.weightedLayerCount() >= 0 && weights.weightedLayerCount() != weighted) {
      throw new KerasFormatException(file, weights.describe(), "the file has weights for " + weights.weightedLayerCount()
          + " layers; the model config has " + weighted + " layers with weights");
    }
    return out;
  }

  /** The config's input shape, else {@code [-1, kernel rows]} of a first Dense with weights. */
  private int[] inputShape(ModelSpec spec, List<List<WeightArray>> perLayer) {
    if (spec.inputShape() != null) {
      return spec.inputShape();
    }
    if (!spec.layers().isEmpty() && spec.layers().get(0).className().equals("Dense") && !perLayer.get(0).isEmpty()) {
      int[] k = perLayer.get(0).get(0).shape();
      if (k.length == 2) {
        return new int[] {-1, k[0]};
      }
    }
    throw new KerasFormatException(file, where, "the config does not give the input shape and it cannot be "
        + "inferred from the weights");
  }

  /** Walks the shapes through the layers and checks every Dense against its weights (or the parameter limit). */
  private void checkShapes(ModelSpec spec, List<Layer> layers, List<List<WeightArray>> perLayer, int[] inputShape) {
    if (layers.isEmpty()) {
      throw new KerasFormatException(file, where, "the model has no layers");
    }
    int[] shape = inputShape.clone();
    long params = 0;
    for (int i = 0; i < layers.size(); i++) {
      Layer layer = layers.get(i);
      if (layer instanceof Dense d) {
        int in = shape[shape.length - 1];
        if (in <= 0) {
          throw new KerasFormatException(file, where, "layer " + spec.layers().get(i).describe()
              + " needs a known last input dimension; received shape " + Arrays.toString(shape));
        }
        params = Math.addExact(params, Math.multiplyExact((long) in, d.units()) + d.units());
        if (!perLayer.get(i).isEmpty()) {
          checkDenseWeights(spec.layers().get(i), d, in, perLayer.get(i));
        } else if (params > limits.maxParametersWithoutWeights()) {
          throw new KerasFormatException(file, where, "the config asks for " + params
              + " parameters without weights; the limit is " + limits.maxParametersWithoutWeights());
        }
      }
      shape = layer.computeOutputShape(shape);
    }
  }

  private void checkDenseWeights(LayerSpec spec, Dense d, int inputDim, List<WeightArray> w) {
    int want = d.useBias() ? 2 : 1;
    String at = w.get(0).path();
    if (w.size() != want) {
      throw new KerasFormatException(file, at, "layer " + spec.describe() + " needs " + want + " weights (kernel"
          + (d.useBias() ? ", bias" : "") + "); the file has " + w.size() + ": " + w);
    }
    if (!Arrays.equals(w.get(0).shape(), new int[] {inputDim, d.units()})) {
      throw new KerasFormatException(file, at, "layer " + spec.describe() + " expects a kernel of shape ["
          + inputDim + ", " + d.units() + "]; the file has " + Arrays.toString(w.get(0).shape()));
    }
    if (d.useBias() && !Arrays.equals(w.get(1).shape(), new int[] {d.units()})) {
      throw new KerasFormatException(file, w.get(1).path(), "layer " + spec.describe() + " expects a bias of shape ["
          + d.units() + "]; the file has " + Arrays.toString(w.get(1).shape()));
    }
  }
}
