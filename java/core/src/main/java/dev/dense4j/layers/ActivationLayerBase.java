// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.layers;

import dev.dense4j.activations.Activation;
import dev.dense4j.backend.Backend;
import dev.dense4j.internal.Backends;
import dev.dense4j.internal.Kernels;
import dev.dense4j.internal.engine.ActivationOp;
import dev.dense4j.internal.engine.WorkspacePool;
import dev.dense4j.internal.training.ActivationTraining;
import dev.dense4j.tensor.Tensor;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The common part of the layers that apply one activation to their input ({@code Activation},
 * {@code ReLU}, {@code LeakyReLU}, {@code ELU}, {@code Softmax}): no weights, any rank ≥ 2, the
 * activation runs over the last axis. Built-in activations run through the backend's fused
 * bias + activation kernel with no bias, so they are native when the natives are. In training the
 * backward pass is the activation's derivative kernel, as for a Dense layer's activation.
 *
 * <p>Threading: calls may run from many threads at once (the layer holds no mutable state).
 */
public abstract sealed class ActivationLayerBase implements TrainableLayer
    permits ActivationLayer, ReLU, LeakyReLU, ELU, Softmax {

  private final String name;
  private final Activation activation;
  private final Kernels kernels;
  private final WorkspacePool workspaces = new WorkspacePool();
  private volatile ActivationOp lastOp;
  private int[] builtShape;

  ActivationLayerBase(String name, Activation activation) {
    this.name = Objects.requireNonNull(name, "name");
    this.activation = Objects.requireNonNull(activation, "activation");
    this.kernels = Backends.kernels(Backend.preferred());
  }

  /** Keras' class name of this layer, e.g. {@code "ReLU"}. */
  public abstract String kerasClassName();

  @Override
  public final String name() {
    return name;
  }

  /** The activation this layer applies. */
  public final Activation activation() {
    return activation;
  }

  @Override
  public final Layer build(int... inputShape) {
    Objects.requireNonNull(inputShape, "inputShape");
    this.builtShape = inputShape.clone();
    return this;
  }

  @Override
  public final boolean isBuilt() {
    return builtShape != null;
  }

  @Override
  public final int[] computeOutputShape(int... inputShape) {
    int[] out = inputShape.clone();
    if (out.length > 0 && out[out.length - 1] >= 0) {
      out[out.length - 1] = activation.outputWidth(out[out.length - 1]);
    }
    return out;
  }

  @Override
  public final Tensor call(Tensor input) {
    int[] shape = checkShape(input.shape());
    int n = shape[shape.length - 1];
    ActivationOp op = op(n);
    long m = n == 0 ? 0 : Tensor.elementCount(shape) / n;
    Tensor out = Tensor.zeros(computeOutputShape(shape));
    try {
      op.call(workspaces, m, input, out);
      return out;
    } catch (RuntimeException | Error e) {
      out.close();
      throw e;
    }
  }

  /** Forward pass into {@code output}; the same array as {@code input} computes in place. */
  @Override
  public final void call(float[] input, int[] shape, float[] output) {
    int[] s = checkShape(shape);
    int n = s[s.length - 1];
    ActivationOp op = op(n);
    long m = n == 0 ? 0 : Tensor.elementCount(s) / n;
    checkLength("input", input, Tensor.elementCount(s));
    checkLength("output", output, m * op.outWidth());
    op.call(workspaces, m, input, output);
  }

  // the operation for rows of n values, kept for the next call of the same width
  private ActivationOp op(int n) {
    ActivationOp o = lastOp;
    if (o == null || o.cols() != n) {
      o = new ActivationOp(kernels, activation, n); // throws for glu on an odd width
      lastOp = o;
    }
    return o;
  }

  private int[] checkShape(int[] shape) {
    Objects.requireNonNull(shape, "shape");
    if (shape.length < 1) {
      throw new IllegalArgumentException(owner() + ": expected an input of rank >= 1; received shape []");
    }
    for (int d : shape) {
      if (d < 0) {
        throw new IllegalArgumentException(owner() + ": dimensions must be >= 0; received shape " + Arrays.toString(shape));
      }
    }
    return shape;
  }

  private void checkLength(String what, float[] a, long expected) {
    Objects.requireNonNull(a, what);
    if (a.length != expected) {
      throw new IllegalArgumentException(owner() + ": expected " + what + ".length " + expected
          + "; received " + what + ".length=" + a.length);
    }
  }

  final String owner() {
    return kerasClassName() + " '" + name + "'";
  }

  /** True, as Keras' default; the layer has no weights for it to freeze. */
  @Override
  public final boolean trainable() {
    return true;
  }

  /** None: the layer has no weights. */
  @Override
  public final List<Variable> variables() {
    return List.of();
  }

  /** A training session on the layer's own backend (the preferred one). */
  @Override
  public final LayerTraining startTraining(int... maxInputShape) {
    return new ActivationTraining(kernels, activation, owner(), checkShape(maxInputShape).clone());
  }

  /**
   * A training session on {@code backend}'s kernels (a model trains every layer on its backend).
   *
   * @throws IllegalArgumentException for a custom activation, which has no derivative
   */
  @Override
  public final LayerTraining startTraining(Backend backend, int... maxInputShape) {
    return new ActivationTraining(Backends.kernels(backend), activation, owner(), checkShape(maxInputShape).clone());
  }

  /** Frees the call buffers (the layer has no weights). Not while calls are running. */
  @Override
  public final void close() {
    workspaces.free();
  }

  @Override
  public String toString() {
    return owner() + "(" + activation + ")";
  }
}
