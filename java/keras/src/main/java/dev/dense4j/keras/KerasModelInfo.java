// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.keras;

import dev.dense4j.activations.Activation;
import dev.dense4j.activations.Activations;
import dev.dense4j.activations.BuiltinActivation;
import dev.dense4j.layers.ActivationLayerBase;
import dev.dense4j.layers.Dense;
import dev.dense4j.layers.Dropout;
import dev.dense4j.layers.Flatten;
import dev.dense4j.layers.Layer;
import dev.dense4j.models.Sequential;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A summary of a loaded model, as {@code dense4j inspect} prints it.
 *
 * @param file the file
 * @param source format, Keras version and backend of the writer
 * @param modelClass the config's model class ({@code Sequential}, {@code Functional}, …)
 * @param name the model's name
 * @param inputShape batch first, -1 for any
 * @param layers one entry per layer, in call order
 */
public record KerasModelInfo(String file, ModelSource source, String modelClass, String name, int[] inputShape,
    List<LayerInfo> layers) {

  /**
   * One layer.
   *
   * @param name its name
   * @param className its Keras class
   * @param outputShape batch first, -1 for any
   * @param activation the activation it applies, or null
   * @param parameters its weight count
   */
  public record LayerInfo(String name, String className, int[] outputShape, String activation, long parameters) {}

  /** The total weight count. */
  public long parameters() {
    return layers.stream().mapToLong(LayerInfo::parameters).sum();
  }

  /** The model's output shape. */
  public int[] outputShape() {
    return layers.isEmpty() ? inputShape.clone() : layers.get(layers.size() - 1).outputShape().clone();
  }

  static KerasModelInfo of(String file, ModelSource source, String modelClass, Sequential model) {
    List<LayerInfo> infos = new ArrayList<>();
    int[] shape = model.inputShape();
    for (Layer l : model.layers()) {
      shape = l.computeOutputShape(shape);
      infos.add(new LayerInfo(l.name(), className(l), shape, activation(l), parameters(l)));
    }
    return new KerasModelInfo(file, source, modelClass, model.name(), model.inputShape(), List.copyOf(infos));
  }

  static String className(Layer l) {
    return switch (l) {
      case Dense d -> "Dense";
      case ActivationLayerBase a -> a.kerasClassName();
      case Dropout d -> "Dropout";
      case Flatten f -> "Flatten";
      default -> l.getClass().getSimpleName();
    };
  }

  private static String activation(Layer l) {
    return switch (l) {
      case Dense d -> describe(d.activation());
      case ActivationLayerBase a -> describe(a.activation());
      default -> null;
    };
  }

  /** The Keras name when the parameters are the defaults, else the name with its parameters. */
  private static String describe(Activation a) {
    if (!(a instanceof BuiltinActivation)) {
      return a.name() + " (custom)";
    }
    return a.equals(Activations.get(a.name())) ? a.name() : a.toString();
  }

  private static long parameters(Layer l) {
    if (l instanceof Dense d) {
      return (long) d.inputDim() * d.units() + (d.useBias() ? d.units() : 0);
    }
    long n = 0;
    if (l instanceof dev.dense4j.layers.TrainableLayer t) {
      for (dev.dense4j.layers.Variable v : t.variables()) {
        n += v.value().size();
      }
    }
    return n;
  }

  @Override
  public String toString() {
    return name + " " + Arrays.toString(inputShape) + " -> " + Arrays.toString(outputShape());
  }
}
