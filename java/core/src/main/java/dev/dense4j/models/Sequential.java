// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.models;

import dev.dense4j.layers.Layer;
import dev.dense4j.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Keras' {@code Sequential}: layers called in order, each on the previous output.
 *
 * <p>Threading: after {@link #build}, {@link #predict} may run from many threads at once. The model
 * owns its layers and closes them in {@link #close()}.
 */
public final class Sequential implements AutoCloseable {

  private static final AtomicInteger NAMES = new AtomicInteger();

  private final String name;
  private final List<Layer> layers = new ArrayList<>();
  private int[] inputShape;

  public Sequential() {
    this(null);
  }

  /** A model named {@code name}, or {@code sequential}, {@code sequential_1}, … when null. */
  public Sequential(String name) {
    int n = name == null ? NAMES.getAndIncrement() : -1;
    this.name = name != null ? name : n == 0 ? "sequential" : "sequential_" + n;
  }

  public String name() {
    return name;
  }

  /** Appends a layer; names must be unique inside the model. */
  public Sequential add(Layer layer) {
    Objects.requireNonNull(layer, "layer");
    for (Layer l : layers) {
      if (l.name().equals(layer.name())) {
        throw new IllegalArgumentException("Sequential '" + name + "': layer names must be unique; received a second '"
            + layer.name() + "'");
      }
    }
    if (inputShape != null) {
      throw new IllegalStateException("Sequential '" + name + "' is built; add layers before build()");
    }
    layers.add(layer);
    return this;
  }

  /** The layers, in call order (no InputLayer). */
  public List<Layer> layers() {
    return List.copyOf(layers);
  }

  /**
   * Builds every layer for inputs of {@code inputShape} (batch first, -1 for any); already built
   * layers must accept the shape they receive.
   */
  public Sequential build(int... inputShape) {
    if (inputShape.length < 2) {
      throw new IllegalArgumentException("Sequential '" + name + "': expected an input shape of rank >= 2 (batch first); received "
          + Arrays.toString(inputShape));
    }
    if (layers.isEmpty()) {
      throw new IllegalStateException("Sequential '" + name + "' has no layers");
    }
    int[] shape = inputShape.clone();
    for (Layer l : layers) {
      if (!l.isBuilt()) {
        l.build(shape);
      }
      shape = l.computeOutputShape(shape);
    }
    this.inputShape = inputShape.clone();
    return this;
  }

  public boolean isBuilt() {
    return inputShape != null;
  }

  /** The input shape given to {@link #build}, batch first (-1 for any). */
  public int[] inputShape() {
    ensureBuilt();
    return inputShape.clone();
  }

  public int[] computeOutputShape(int... inputShape) {
    int[] shape = inputShape.clone();
    for (Layer l : layers) {
      shape = l.computeOutputShape(shape);
    }
    return shape;
  }

  /** Runs the layers on {@code input} (row-major, of {@code shape}) into a new array. */
  public float[] predict(float[] input, int... shape) {
    ensureBuilt();
    float[] h = input;
    int[] s = shape.clone();
    for (Layer l : layers) {
      int[] next = l.computeOutputShape(s);
      float[] out = new float[Math.toIntExact(Tensor.elementCount(next))];
      l.call(h, s, out);
      h = out;
      s = next;
    }
    return h;
  }

  /** Runs the layers on {@code input} into a new tensor, which the caller closes. */
  public Tensor predict(Tensor input) {
    ensureBuilt();
    Tensor h = input;
    for (Layer l : layers) {
      Tensor next = l.call(h);
      if (h != input) {
        h.close();
      }
      h = next;
    }
    return h;
  }

  private void ensureBuilt() {
    if (inputShape == null) {
      throw new IllegalStateException("Sequential '" + name + "' is not built; call build(inputShape) first");
    }
  }

  /** Closes every layer; layers stay closed even if one of them throws. */
  @Override
  public void close() {
    RuntimeException first = null;
    Set<Layer> seen = new HashSet<>();
    for (Layer l : layers) {
      if (seen.add(l)) {
        try {
          l.close();
        } catch (RuntimeException e) {
          if (first == null) {
            first = e;
          } else {
            first.addSuppressed(e);
          }
        }
      }
    }
    if (first != null) {
      throw first;
    }
  }
}
