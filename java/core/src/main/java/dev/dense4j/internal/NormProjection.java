// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.internal;

import dev.dense4j.constraints.MaxNorm;
import dev.dense4j.constraints.MinMaxNorm;
import dev.dense4j.constraints.NormConstraint;
import dev.dense4j.constraints.UnitNorm;
import dev.dense4j.tensor.Tensor;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;

/**
 * The projection of a {@link NormConstraint}: any set of adjacent axes runs on the kernels, as
 * the rows or the columns of a matrix; other sets of axes run in float64 Java ({@link AxisNorms}).
 */
final class NormProjection {

  private NormProjection() {}

  static void apply(Kernels k, NormConstraint c, Tensor w) {
    NormConstraintKind kind;
    double min;
    double max;
    double rate;
    switch (c) {
      case MaxNorm m -> {
        kind = NormConstraintKind.MAX_NORM;
        min = 0;
        max = m.maxValue();
        rate = 1;
      }
      case MinMaxNorm m -> {
        kind = NormConstraintKind.MIN_MAX_NORM;
        min = m.minValue();
        max = m.maxValue();
        rate = m.rate();
      }
      case UnitNorm u -> {
        kind = NormConstraintKind.UNIT_NORM;
        min = 1;
        max = 1;
        rate = 1;
      }
    }
    int[] shape = w.shape();
    boolean[] reduced = reducedAxes(c, shape);
    if (w.size() == 0) {
      return;
    }
    int first = -1;
    int last = -1;
    boolean adjacent = true;
    for (int a = 0; a < shape.length; a++) {
      if (reduced[a]) {
        adjacent &= first < 0 || last == a - 1;
        first = first < 0 ? a : first;
        last = a;
      }
    }
    MemorySegment seg = w.segment();
    if (first < 0) { // axis=[]: every element is its own slice
      run(k, kind, min, max, rate, 1, w.size(), 1, seg);
      return;
    }
    long outer = product(shape, 0, first);
    long length = product(shape, first, last + 1);
    long inner = product(shape, last + 1, shape.length);
    if (adjacent && inner == 1 && length <= Integer.MAX_VALUE) {
      run(k, kind, min, max, rate, 1, outer, (int) length, seg); // rows of a (outer × length) matrix
    } else if (adjacent && inner <= Integer.MAX_VALUE) {
      long bytes = length * inner * Float.BYTES;
      for (long o = 0; o < outer; o++) { // columns of each (length × inner) block
        run(k, kind, min, max, rate, 0, length, (int) inner, seg.asSlice(o * bytes, bytes));
      }
    } else {
      AxisNorms.apply(kind, min, max, rate, shape, reduced, seg);
    }
  }

  private static void run(Kernels k, NormConstraintKind kind, double min, double max, double rate, int axis,
      long m, int n, MemorySegment w) {
    k.normConstraint(kind, (float) min, (float) max, (float) rate, axis, m, n, w);
  }

  private static boolean[] reducedAxes(NormConstraint c, int[] shape) {
    boolean[] reduced = new boolean[shape.length];
    for (int a : c.axes()) {
      int k = a < 0 ? a + shape.length : a;
      if (k < 0 || k >= shape.length || reduced[k]) {
        throw new IllegalArgumentException(c.className() + ": axis must hold distinct axes of a weight of shape "
            + Arrays.toString(shape) + "; received axis=" + c.getConfig().get("axis"));
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
}
