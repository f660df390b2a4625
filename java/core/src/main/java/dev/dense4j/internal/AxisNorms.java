// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.internal;

import static java.lang.foreign.ValueLayout.JAVA_FLOAT;

import java.lang.foreign.MemorySegment;

/**
 * Norm constraints over any set of axes of any rank, in float64 Java: the path for the layouts
 * the 2-D kernels cannot take (non-adjacent axes, such as {@code [0, 2]} of a rank-3 weight).
 */
final class AxisNorms {

  private AxisNorms() {}

  /**
   * Scales every slice (the elements that share their coordinates on the axes not in
   * {@code reduced}) by {@code kind.scale(min, max, rate, N)}, N its L2 norm.
   */
  static void apply(NormConstraintKind kind, double min, double max, double rate, int[] shape, boolean[] reduced,
      MemorySegment w) {
    int rank = shape.length;
    long[] keptStride = new long[rank];
    long slices = 1;
    for (int a = rank - 1; a >= 0; a--) {
      if (!reduced[a]) {
        keptStride[a] = slices;
        slices *= shape[a];
      }
    }
    long size = w.byteSize() / Float.BYTES;
    double[] acc = new double[Math.toIntExact(slices)];
    SliceWalk walk = new SliceWalk(shape, keptStride);
    for (long i = 0; i < size; i++, walk.next()) {
      double v = w.getAtIndex(JAVA_FLOAT, i);
      acc[(int) walk.id] += v * v;
    }
    for (int s = 0; s < acc.length; s++) {
      acc[s] = kind.scale(min, max, rate, Math.sqrt(acc[s]));
    }
    walk = new SliceWalk(shape, keptStride);
    for (long i = 0; i < size; i++, walk.next()) {
      w.setAtIndex(JAVA_FLOAT, i, (float) (w.getAtIndex(JAVA_FLOAT, i) * acc[(int) walk.id]));
    }
  }

  /** An odometer over the row-major coordinates that tracks the slice index of the position. */
  private static final class SliceWalk {
    private final int[] shape;
    private final long[] keptStride;
    private final int[] index;
    long id;

    SliceWalk(int[] shape, long[] keptStride) {
      this.shape = shape;
      this.keptStride = keptStride;
      this.index = new int[shape.length];
    }

    void next() {
      for (int a = shape.length - 1; a >= 0; a--) {
        index[a]++;
        id += keptStride[a];
        if (index[a] < shape[a]) {
          return;
        }
        id -= keptStride[a] * shape[a];
        index[a] = 0;
      }
    }
  }
}
