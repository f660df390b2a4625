// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.layers;

import dev.dense4j.constraints.Constraint;
import dev.dense4j.initializers.Initializer;
import dev.dense4j.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The weights of a normalization layer: named vectors of one length (the channels of the
 * normalized axis, or 1 for Normalization with {@code axis=None}), in Keras' creation order,
 * created at build, freed on close. Shape and state checks live here.
 */
final class ChannelWeights {

  /** One weight to create: Keras' name, its initializer, its constraint (null for none). */
  record Spec(String name, Initializer initializer, Constraint constraint, boolean trainable) {}

  private final String owner;
  private final String layerName;
  private final List<Spec> specs;
  private final List<Tensor> values = new ArrayList<>();
  private int channels = -1;
  private boolean closed;

  ChannelWeights(String owner, String layerName, List<Spec> specs) {
    this.owner = owner;
    this.layerName = layerName;
    this.specs = List.copyOf(specs);
  }

  void build(int channels) {
    if (this.channels >= 0) {
      if (channels != this.channels) {
        throw new IllegalArgumentException(owner + ": built for " + this.channels + " channels; received an input with "
            + channels);
      }
      return;
    }
    if (channels <= 0) {
      throw new IllegalArgumentException(owner + ": the normalized axis must be known and > 0; received " + channels);
    }
    try {
      for (Spec s : specs) {
        Tensor t = Tensor.zeros(channels);
        values.add(t);
        s.initializer().initialize(t);
      }
    } catch (RuntimeException | Error e) {
      values.forEach(Tensor::close);
      values.clear();
      throw e;
    }
    this.channels = channels;
  }

  boolean isBuilt() {
    return channels >= 0;
  }

  int channels() {
    ensureUsable();
    return channels;
  }

  /** The weight called {@code name}, or null when the layer has none of that name (center=False, …). */
  Tensor get(String name) {
    ensureUsable();
    for (int i = 0; i < specs.size(); i++) {
      if (specs.get(i).name().equals(name)) {
        return values.get(i);
      }
    }
    return null;
  }

  List<Variable> variables(boolean onlyTrainable) {
    if (!isBuilt() || closed) {
      return List.of();
    }
    List<Variable> out = new ArrayList<>();
    for (int i = 0; i < specs.size(); i++) {
      Spec s = specs.get(i);
      if (!onlyTrainable || s.trainable()) {
        out.add(new Variable(layerName + "/" + s.name(), values.get(i), s.constraint()));
      }
    }
    return out;
  }

  List<float[]> get() {
    ensureUsable();
    return values.stream().map(Tensor::toArray).toList();
  }

  void set(List<float[]> weights) {
    ensureUsable();
    if (weights.size() != specs.size()) {
      throw new IllegalArgumentException(owner + ": expected " + specs.size() + " weight arrays ("
          + String.join(", ", specs.stream().map(Spec::name).toList()) + "); received " + weights.size());
    }
    for (int i = 0; i < weights.size(); i++) {
      if (weights.get(i).length != channels) {
        throw new IllegalArgumentException(owner + ": " + specs.get(i).name() + " needs " + channels
            + " values; received " + weights.get(i).length);
      }
    }
    for (int i = 0; i < weights.size(); i++) {
      values.get(i).copyFrom(weights.get(i));
    }
  }

  void ensureUsable() {
    if (closed) {
      throw new IllegalStateException(owner + " is closed");
    }
    if (channels < 0) {
      throw new IllegalStateException(owner + " is not built; call build(inputShape) first");
    }
  }

  void close() {
    closed = true;
    values.forEach(Tensor::close);
  }

  /** The channels of the last axis, after checking that the shape has rank >= 2 and that axis is the last one. */
  static int lastAxisChannels(String owner, int[] shape, int axis) {
    if (shape == null || shape.length < 2) {
      throw new IllegalArgumentException(owner + ": expected an input shape of rank >= 2 (batch first); received "
          + Arrays.toString(shape));
    }
    if (axis != -1 && axis != shape.length - 1) {
      throw new IllegalArgumentException(owner + ": only the last axis (-1) can be normalized; received axis=" + axis
          + " for shape " + Arrays.toString(shape));
    }
    return shape[shape.length - 1];
  }
}
