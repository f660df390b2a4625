// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.constraints;

import dev.dense4j.backend.Backend;
import dev.dense4j.config.ConfigReader;
import dev.dense4j.internal.Backends;
import dev.dense4j.internal.Kernels;
import dev.dense4j.internal.NormConstraintKind;
import dev.dense4j.tensor.Tensor;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * The constraints that rescale each slice of a weight by a function of its L2 norm
 * {@code N = sqrt(Σ_axis w²)}: {@link MaxNorm}, {@link MinMaxNorm}, {@link UnitNorm}.
 *
 * <p>{@code axis} is an int or a list of ints (negative ones count from the end), the axes the
 * norm runs along: for a Dense kernel {@code (input_dim, units)} Keras' default {@code axis=0}
 * gives one norm per unit (a column), {@code axis=1} one per input (a row). Keras adds
 * ε = 1e-7 to every norm, so a slice already inside the bounds is still scaled by
 * {@code N/(N+ε)} and an all-zero slice stays zero.
 *
 * <p>Any set of adjacent axes runs on the backend's kernels (natively on the native backend);
 * other sets of axes run in float64 Java.
 */
public abstract sealed class NormConstraint implements Constraint permits MaxNorm, MinMaxNorm, UnitNorm {

  private final int[] axes;
  private final boolean axisIsList;

  NormConstraint(int[] axes, boolean axisIsList) {
    this.axes = axes.clone();
    this.axisIsList = axisIsList;
  }

  abstract NormConstraintKind kind();

  abstract double minNorm();

  abstract double maxNorm();

  abstract double rate();

  /** The axes as given. */
  public final int[] axes() {
    return axes.clone();
  }

  /** The {@code axis} config value: an int, or a list when one was given. */
  final Object axisConfig() {
    return axisIsList ? IntStream.of(axes).boxed().toList() : (Object) axes[0];
  }

  @Override
  public final void apply(Tensor w) {
    apply(w, Backend.preferred());
  }

  @Override
  public final void apply(Tensor w, Backend backend) {
    int[] shape = w.shape();
    boolean[] reduced = reducedAxes(shape);
    if (w.size() == 0) {
      return;
    }
    int first = -1;
    int last = -1;
    for (int a = 0; a < shape.length; a++) {
      if (reduced[a]) {
        first = first < 0 ? a : first;
        last = a;
      }
    }
    Kernels k = Backends.kernels(backend);
    if (first < 0) { // axis=[]: every element is its own slice
      run(k, 1, w.size(), 1, w.segment());
      return;
    }
    long outer = product(shape, 0, first);
    long length = product(shape, first, last + 1);
    long inner = product(shape, last + 1, shape.length);
    int lo = first;
    int hi = last;
    boolean adjacent = IntStream.rangeClosed(lo, hi).allMatch(a -> reduced[a]);
    if (adjacent && inner == 1 && length <= Integer.MAX_VALUE) {
      run(k, 1, outer, (int) length, w.segment()); // rows of a (outer × length) matrix
    } else if (adjacent && inner <= Integer.MAX_VALUE) {
      long bytes = length * inner * Float.BYTES;
      for (long o = 0; o < outer; o++) { // columns of each (length × inner) block
        run(k, 0, length, (int) inner, w.segment().asSlice(o * bytes, bytes));
      }
    } else {
      AxisNorms.apply(kind(), minNorm(), maxNorm(), rate(), shape, reduced, w.segment());
    }
  }

  private void run(Kernels k, int axis, long m, int n, MemorySegment w) {
    k.normConstraint(kind(), (float) minNorm(), (float) maxNorm(), (float) rate(), axis, m, n, w);
  }

  private boolean[] reducedAxes(int[] shape) {
    boolean[] reduced = new boolean[shape.length];
    for (int a : axes) {
      int k = a < 0 ? a + shape.length : a;
      if (k < 0 || k >= shape.length || reduced[k]) {
        throw new IllegalArgumentException(className() + ": axis must hold distinct axes of a weight of shape "
            + Arrays.toString(shape) + "; received axis=" + axisConfig());
      }
      reduced[k] = true;
    }
    return reduced;
  }

  private static long product(int[] shape, int from, int to) {
    long p = 1;
    for (int a = from; a < to; a++) {
      p *= shape[a];
    }
    return p;
  }

  /** Reads {@code axis} (int or list; absent or null → 0). */
  static int[] readAxis(ConfigReader r) {
    int[] a = r.getIntOrList("axis");
    return a == null ? new int[] {0} : a;
  }

  static void requireFinite(String owner, String arg, double v) {
    if (!Double.isFinite(v)) {
      throw new IllegalArgumentException(owner + ": " + arg + " must be finite; received " + arg + "=" + v);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof NormConstraint n && n.getClass() == getClass() && Arrays.equals(n.axes, axes)
        && n.axisIsList == axisIsList && Double.compare(n.minNorm(), minNorm()) == 0
        && Double.compare(n.maxNorm(), maxNorm()) == 0 && Double.compare(n.rate(), rate()) == 0;
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(axes) + getClass().hashCode();
  }

  @Override
  public String toString() {
    return className() + getConfig();
  }
}
