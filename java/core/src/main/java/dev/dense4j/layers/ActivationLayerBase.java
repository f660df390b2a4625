// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.layers;

import dev.dense4j.activations.Activation;
import dev.dense4j.activations.BuiltinActivation;
import dev.dense4j.backend.Backend;
import dev.dense4j.internal.Backends;
import dev.dense4j.internal.Kernels;
import dev.dense4j.tensor.Tensor;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import java.util.Objects;

/**
 * The common part of the layers that apply one activation to their input ({@code Activation},
 * {@code ReLU}, {@code LeakyReLU}, {@code ELU}, {@code Softmax}): no weights, any rank ≥ 2, the
 * activation runs over the last axis. Built-in activations run through the backend's fused
 * bias + activation kernel with no bias, so they are native when the natives are.
 *
 * <p>Threading: calls may run from many threads at once (the layer holds no mutable state).
 */
public abstract sealed class ActivationLayerBase implements Layer
    permits ActivationLayer, ReLU, LeakyReLU, ELU, Softmax {

  private final String name;
  private final Activation activation;
  private final Kernels kernels;
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
    float[] out = new float[Math.toIntExact(Tensor.elementCount(computeOutputShape(shape)))];
    call(input.toArray(), shape, out);
    return Tensor.of(out, computeOutputShape(shape));
  }

  @Override
  public final void call(float[] input, int[] shape, float[] output) {
    int[] s = checkShape(shape);
    int n = s[s.length - 1];
    long m = Tensor.elementCount(s) / Math.max(1, n);
    checkLength("input", input, Tensor.elementCount(s));
    checkLength("output", output, m * activation.outputWidth(n));
    if (m == 0 || n == 0) {
      return;
    }
    if (activation.outputWidth(n) == n) {
      System.arraycopy(input, 0, output, 0, input.length);
      apply(m, n, MemorySegment.ofArray(output), output);
      return;
    }
    // the activation narrows each row (glu): work on a copy, then keep the first outputWidth values
    float[] z = input.clone();
    apply(m, n, MemorySegment.ofArray(z), z);
    int w = activation.outputWidth(n);
    for (long i = 0; i < m; i++) {
      System.arraycopy(z, Math.toIntExact(i * n), output, Math.toIntExact(i * w), w);
    }
  }

  // y = act(y) in place over m rows of n values
  private void apply(long m, int n, MemorySegment y, float[] heap) {
    if (activation instanceof BuiltinActivation a) {
      kernels.biasAct(a.kind(), a.p0(), a.p1(), a.p2(), m, n, y, null);
    } else {
      activation.apply(heap, 0, Math.toIntExact(m), n);
    }
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

  /** Nothing to free: the layer has no weights. */
  @Override
  public final void close() {}

  @Override
  public String toString() {
    return owner() + "(" + activation + ")";
  }
}
