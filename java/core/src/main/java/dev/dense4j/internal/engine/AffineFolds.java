// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.internal.engine;

import static java.lang.foreign.ValueLayout.JAVA_FLOAT;

import dev.dense4j.activations.BuiltinActivation;
import dev.dense4j.internal.ActivationKind;
import dev.dense4j.internal.norm.ChannelAffine;
import dev.dense4j.layers.Dense;
import dev.dense4j.layers.Dropout;
import dev.dense4j.layers.Layer;
import java.lang.foreign.MemorySegment;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which per-channel affine layers (BatchNormalization, Normalization, Rescaling at inference,
 * {@code y = x·s + t}) a snapshot plan folds into a neighbouring Dense, and the folding itself —
 * the one place where a plan changes a Dense's weights, done once at compile time on the plan's
 * own copy, before anything else reads them.
 * <pre>
 *   after a linear Dense:   act(x·W + b)·s + t = x·(W·diag(s)) + (b·s + t)
 *   before any Dense:       (x·s + t)·W + b   = x·(diag(s)·W) + (b + t·W)
 * </pre>
 * Only Dropout (the identity at inference) may stand between the two. The folded products are
 * formed in double and rounded once, so each folded weight is within half an ulp of the exact
 * product; the folded layer's result then differs from the unfolded pair by at most
 * {@code 2·γ(k+3)·Σ|terms|} (γ(n) = n·u / (1 − n·u), u = 2⁻²⁴, k the Dense's input dimension,
 * Σ|terms| the sum of the absolute values of the products and shifts that make an output), the
 * bound FoldingTest checks.
 */
final class AffineFolds {

  private final Map<Integer, float[]> before = new HashMap<>(); // Dense index → the affine map on its input
  private final Map<Integer, float[]> after = new HashMap<>();  // Dense index → the affine map on its output
  private final boolean[] folded;

  private AffineFolds(int n) {
    this.folded = new boolean[n];
  }

  /** The folds for these layers; {@code lastDims.get(i)} is the last dimension of layer i's input. */
  static AffineFolds plan(List<Layer> layers, List<Integer> lastDims) {
    AffineFolds f = new AffineFolds(layers.size());
    for (int i = 0; i < layers.size(); i++) {
      Layer l = layers.get(i);
      if (!ChannelAffine.isAffine(l) || !l.isBuilt()) {
        continue;
      }
      int c = lastDims.get(i);
      int prev = previousDense(layers, i);
      if (prev >= 0 && foldsAfter((Dense) layers.get(prev), c) && !f.after.containsKey(prev)) {
        f.after.put(prev, ChannelAffine.packed(l, c));
        f.folded[i] = true;
        continue;
      }
      int next = nextDense(layers, i);
      if (next >= 0 && ((Dense) layers.get(next)).inputDim() == c && !f.before.containsKey(next)) {
        f.before.put(next, ChannelAffine.packed(l, c));
        f.folded[i] = true;
      }
    }
    return f;
  }

  // the Dense right before layer i (only Dropout between), or -1
  private static int previousDense(List<Layer> layers, int i) {
    for (int j = i - 1; j >= 0; j--) {
      Layer l = layers.get(j);
      if (l instanceof Dense) {
        return j;
      }
      if (!(l instanceof Dropout)) {
        return -1;
      }
    }
    return -1;
  }

  private static int nextDense(List<Layer> layers, int i) {
    for (int j = i + 1; j < layers.size(); j++) {
      Layer l = layers.get(j);
      if (l instanceof Dense d) {
        return d.isBuilt() ? j : -1;
      }
      if (!(l instanceof Dropout)) {
        return -1;
      }
    }
    return -1;
  }

  // the map commutes with nothing in between: a linear, full-width Dense of c units
  private static boolean foldsAfter(Dense d, int c) {
    return d.activation() instanceof BuiltinActivation b && b.kind() == ActivationKind.LINEAR && d.units() == c
        && d.outputWidth() == c;
  }

  /** True when layer i is folded into a Dense (it gets no stage). */
  boolean folded(int i) {
    return folded[i];
  }

  /** True when the Dense at index i takes a fold (and then needs a bias, even without use_bias). */
  boolean changes(int i) {
    return before.containsKey(i) || after.containsKey(i);
  }

  /** Folds the maps of the Dense at index i into its (copied) kernel and bias, first the input's, then the output's. */
  void apply(int i, MemorySegment kernel, MemorySegment bias, int in, int units) {
    float[] b = before.get(i);
    if (b != null) {
      intoInput(kernel, bias, in, units, b);
    }
    float[] a = after.get(i);
    if (a != null) {
      intoOutput(kernel, bias, in, units, a);
    }
  }

  // W' = diag(s)·W, b' = b + t·W   (st: s over the in rows, then t)
  static void intoInput(MemorySegment w, MemorySegment bias, int in, int units, float[] st) {
    for (int j = 0; j < units; j++) {
      double sum = bias.getAtIndex(JAVA_FLOAT, j);
      for (int k = 0; k < in; k++) {
        sum += (double) st[in + k] * w.getAtIndex(JAVA_FLOAT, (long) k * units + j);
      }
      bias.setAtIndex(JAVA_FLOAT, j, (float) sum);
    }
    for (int k = 0; k < in; k++) {
      for (int j = 0; j < units; j++) {
        long o = (long) k * units + j;
        w.setAtIndex(JAVA_FLOAT, o, (float) ((double) w.getAtIndex(JAVA_FLOAT, o) * st[k]));
      }
    }
  }

  // W' = W·diag(s), b' = b·s + t   (st: s over the units, then t)
  static void intoOutput(MemorySegment w, MemorySegment bias, int in, int units, float[] st) {
    for (int k = 0; k < in; k++) {
      for (int j = 0; j < units; j++) {
        long o = (long) k * units + j;
        w.setAtIndex(JAVA_FLOAT, o, (float) ((double) w.getAtIndex(JAVA_FLOAT, o) * st[j]));
      }
    }
    for (int j = 0; j < units; j++) {
      bias.setAtIndex(JAVA_FLOAT, j, (float) ((double) bias.getAtIndex(JAVA_FLOAT, j) * st[j] + st[units + j]));
    }
  }
}
