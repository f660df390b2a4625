// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.models;

import dev.dense4j.layers.DenseTraining;
import dev.dense4j.layers.Layer;
import dev.dense4j.layers.LayerTraining;
import dev.dense4j.layers.TrainableLayer;
import dev.dense4j.layers.Variable;
import dev.dense4j.losses.Loss;
import dev.dense4j.internal.TensorCopy;
import dev.dense4j.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * The layers' training sessions for batches of up to one maximum shape, chained: forward through
 * every layer, the loss and its gradient, backward through every layer. When the last layer is a
 * Dense whose activation fuses with the loss ({@link Loss#fusedWith}), loss and gradient come
 * from its pre-activation, which is stable where the activation saturates.
 */
final class TrainingSession implements AutoCloseable {

  private final List<LayerTraining> trainings = new ArrayList<>();
  private final Loss loss;
  private final Loss fused;
  private final Tensor gradient;
  private final List<Variable> variables = new ArrayList<>();
  private final List<Tensor> gradients = new ArrayList<>();
  private Tensor output;
  private Tensor viewedPredictions; // the predictions tensor gradientView was made for
  private Tensor gradientView;

  TrainingSession(Sequential model, Loss loss, int[] maxInputShape) {
    this.loss = loss;
    try {
      int[] shape = maxInputShape;
      for (Layer l : model.layers()) {
        if (!(l instanceof TrainableLayer t)) {
          throw new IllegalArgumentException("Sequential '" + model.name() + "': layer '" + l.name() + "' ("
              + l.getClass().getSimpleName() + ") cannot be trained; fit needs layers that implement TrainableLayer");
        }
        LayerTraining lt = t.startTraining(model.backend(), shape);
        trainings.add(lt);
        variables.addAll(lt.trainableVariables());
        gradients.addAll(lt.gradients());
        shape = l.computeOutputShape(shape);
      }
      LayerTraining last = trainings.getLast();
      this.fused = last instanceof DenseTraining d ? loss.fusedWith(d.activationName()) : null;
      this.gradient = Tensor.zeros(shape); // fused activations (softmax, sigmoid) keep the width

    } catch (RuntimeException | Error e) {
      close();
      throw e;
    }
  }

  /**
   * Forward pass on a batch and the total loss (data loss plus every regularization penalty);
   * with {@code train}, the forward pass runs in training mode (Dropout drops) and is followed by
   * the backward pass that fills {@link #gradients()}; without it, in inference mode.
   */
  double step(Tensor x, Tensor y, float[] sampleWeight, boolean train) {
    // indexed loops: an iterator per loop was the last allocation of a training step
    Tensor h = x;
    for (int i = 0; i < trainings.size(); i++) {
      h = trainings.get(i).forward(h, train);
    }
    output = h;
    LayerTraining last = trainings.getLast();
    Tensor predictions = fused != null ? ((DenseTraining) last).preActivation() : h;
    Loss l = fused != null ? fused : loss;
    double data;
    Tensor g = null;
    if (train) {
      g = gradientView(predictions);
      data = l.valueAndGradient(y, predictions, sampleWeight, g);
    } else {
      data = l.call(y, predictions, sampleWeight);
    }
    double penalty = 0;
    for (int i = 0; i < trainings.size(); i++) {
      penalty += trainings.get(i).penalty();
    }
    if (train) {
      for (int i = trainings.size() - 1; i >= 0; i--) {
        LayerTraining t = trainings.get(i);
        g = fused != null && i == trainings.size() - 1
            ? ((DenseTraining) t).backwardFromPreActivation(g, i > 0)
            : t.backward(g, i > 0);
      }
    }
    return data + penalty;
  }

  // dL/dpredictions: a view of the gradient buffer in the predictions' shape, made once per shape
  private Tensor gradientView(Tensor predictions) {
    if (predictions != viewedPredictions) {
      gradientView = TensorCopy.view(gradient, predictions.size(), predictions.shape());
      viewedPredictions = predictions;
    }
    return gradientView;
  }

  /** The model output of the last {@link #step}. */
  Tensor output() {
    return output;
  }

  List<Variable> variables() {
    return variables;
  }

  List<Tensor> gradients() {
    return gradients;
  }

  @Override
  public void close() {
    for (LayerTraining t : trainings) {
      t.close();
    }
    if (gradient != null) {
      gradient.close();
    }
  }
}
