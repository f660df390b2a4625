// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.layers;

import dev.dense4j.constraints.Constraint;
import dev.dense4j.internal.WeightOps;
import dev.dense4j.initializers.Initializer;
import dev.dense4j.tensor.Tensor;
import java.util.List;

/** The kernel and bias of a {@link Dense} layer: created at build, copied in and out, projected, freed. */
final class DenseWeights {

  private final String owner;
  private final int units;
  private final boolean useBias;

  private int inputDim = -1;
  private Tensor kernel;
  private Tensor bias;

  DenseWeights(String owner, int units, boolean useBias) {
    this.owner = owner;
    this.units = units;
    this.useBias = useBias;
  }

  /** Creates the kernel {@code (dIn, units)} and the bias {@code (units,)} with their initializers. */
  void build(int dIn, Initializer kernelInitializer, Initializer biasInitializer) {
    if (kernel != null) {
      throw new IllegalStateException(owner + ": already built for input dimension " + inputDim);
    }
    if (dIn <= 0) {
      throw new IllegalArgumentException(owner + ": the last input dimension must be known and > 0; received " + dIn);
    }
    Tensor k = Tensor.zeros(dIn, units);
    Tensor b = null;
    try {
      kernelInitializer.initialize(k);
      if (useBias) {
        b = Tensor.zeros(units);
        biasInitializer.initialize(b);
      }
    } catch (RuntimeException | Error e) {
      k.close();
      if (b != null) {
        b.close();
      }
      throw e;
    }
    this.kernel = k;
    this.bias = b;
    this.inputDim = dIn;
  }

  boolean isBuilt() {
    return kernel != null;
  }

  /** The input dimension, -1 before build. */
  int inputDim() {
    return inputDim;
  }

  /** The kernel; null before build. */
  Tensor kernel() {
    return kernel;
  }

  /** The bias; null before build and without {@code use_bias}. */
  Tensor bias() {
    return bias;
  }

  void ensureBuilt() {
    if (kernel == null) {
      throw new IllegalStateException(owner + " is not built; call build(inputShape) first");
    }
  }

  /** Built and not closed: ready for a call. */
  void ensureUsable() {
    ensureBuilt();
    if (kernel.isClosed()) {
      throw new IllegalStateException(owner + " is closed");
    }
  }

  /** Copies of {@code [kernel, bias]}, bias omitted without {@code use_bias}. */
  List<float[]> get() {
    ensureBuilt();
    return useBias ? List.of(kernel.toArray(), bias.toArray()) : List.of(kernel.toArray());
  }

  /** Copies {@code [kernel, bias]} in after checking their count and lengths. */
  void set(List<float[]> weights) {
    ensureBuilt();
    int want = useBias ? 2 : 1;
    if (weights.size() != want) {
      throw new IllegalArgumentException(owner + ": expected " + want + " weight arrays (kernel"
          + (useBias ? ", bias" : "") + "); received " + weights.size());
    }
    DenseShapes.checkLength(owner, "kernel", weights.get(0), (long) inputDim * units);
    if (useBias) {
      DenseShapes.checkLength(owner, "bias", weights.get(1), units);
    }
    kernel.copyFrom(weights.get(0));
    if (useBias) {
      bias.copyFrom(weights.get(1));
    }
  }

  /** Projects the kernel and the bias with their constraints (either may be null), in place. */
  void applyConstraints(Constraint kernelConstraint, Constraint biasConstraint, WeightOps ops) {
    ensureBuilt();
    kernel.ensureOpen();
    if (kernelConstraint != null) {
      ops.apply(kernelConstraint, kernel);
    }
    if (bias != null && biasConstraint != null) {
      ops.apply(biasConstraint, bias);
    }
  }

  void close() {
    if (kernel != null) {
      kernel.close();
    }
    if (bias != null) {
      bias.close();
    }
  }
}
