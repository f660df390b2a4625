// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.internal.norm;

import dev.dense4j.tensor.Tensor;
import java.lang.foreign.MemorySegment;

/**
 * A training session's buffer for up to a maximum number of values, handed out as a tensor view
 * of the current batch's shape; the view is made again only when the shape changes, so steps of
 * one batch size allocate nothing.
 */
final class RowBuffer implements AutoCloseable {

  private final Tensor data;
  private Tensor view;

  RowBuffer(long maxValues) {
    this.data = Tensor.zeros(Math.toIntExact(Math.max(1, maxValues)));
  }

  MemorySegment segment() {
    return data.segment();
  }

  /** A view of the buffer in the shape of {@code like}. */
  Tensor view(Tensor like) {
    if (view == null || !sameShape(view, like)) {
      long n = like.size();
      view = Tensor.wrap(n == 0 ? MemorySegment.NULL : data.segment().asSlice(0, n * Float.BYTES), like.shape());
    }
    return view;
  }

  private static boolean sameShape(Tensor a, Tensor b) {
    if (a.rank() != b.rank()) {
      return false;
    }
    for (int i = 0; i < a.rank(); i++) {
      if (a.dim(i) != b.dim(i)) {
        return false;
      }
    }
    return true;
  }

  @Override
  public void close() {
    data.close();
  }

  /** Every dimension but the last, multiplied; the shape's entries must be concrete. */
  static long rows(String owner, int[] shape) {
    long rows = 1;
    for (int i = 0; i < shape.length - 1; i++) {
      if (shape[i] < 0) {
        throw new IllegalArgumentException(owner + ": training needs a concrete input shape; received shape "
            + java.util.Arrays.toString(shape));
      }
      rows *= shape[i];
    }
    return rows;
  }

  /** The rows of a batch, after checking it fits a session made for {@code maxRows} rows of {@code c}. */
  static long checkBatch(String owner, Tensor x, int c, long maxRows) {
    if (x.rank() < 2 || x.dim(x.rank() - 1) != c) {
      throw new IllegalArgumentException(owner + ": expected a batch with last dimension " + c + "; received shape "
          + java.util.Arrays.toString(x.shape()));
    }
    long rows = x.size() / c;
    if (rows > maxRows) {
      throw new IllegalArgumentException(owner + ": the training session holds at most " + maxRows
          + " rows; received shape " + java.util.Arrays.toString(x.shape()));
    }
    return rows;
  }
}
