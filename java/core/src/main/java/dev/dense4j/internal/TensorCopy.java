// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.internal;

import static java.lang.foreign.ValueLayout.JAVA_FLOAT;

import dev.dense4j.tensor.Tensor;
import java.lang.foreign.MemorySegment;

/**
 * Bulk copies between tensors and {@code float[]}s, and views of a tensor's leading elements, for
 * the code outside {@code internal} that works on tensors without touching their segments
 * (losses, metrics, initializers, training sessions). Callers check ranges first.
 */
public final class TensorCopy {

  private TensorCopy() {}

  /** {@code dst[dstOff … dstOff+n) = t[from … from+n)} (flat row-major indices). */
  public static void read(Tensor t, long from, float[] dst, int dstOff, int n) {
    if (n > 0) {
      MemorySegment.copy(t.segment(), JAVA_FLOAT, from * Float.BYTES, dst, dstOff, n);
    }
  }

  /** {@code t[to … to+n) = src[srcOff … srcOff+n)}. */
  public static void write(float[] src, int srcOff, Tensor t, long to, int n) {
    if (n > 0) {
      MemorySegment.copy(src, srcOff, t.segment(), JAVA_FLOAT, to * Float.BYTES, n);
    }
  }

  /** {@code t[from … from+n) = 0}. */
  public static void zero(Tensor t, long from, long n) {
    if (n > 0) {
      t.segment().asSlice(from * Float.BYTES, n * Float.BYTES).fill((byte) 0);
    }
  }

  /** {@code dst[dstFrom … dstFrom+n) = src[srcFrom … srcFrom+n)}. */
  public static void copy(Tensor src, long srcFrom, Tensor dst, long dstFrom, long n) {
    if (n > 0) {
      MemorySegment.copy(src.segment(), srcFrom * Float.BYTES, dst.segment(), dstFrom * Float.BYTES, n * Float.BYTES);
    }
  }

  /** A view of {@code t[0 … n)} with {@code shape} (whose element count is {@code n}); no copy. */
  public static Tensor view(Tensor t, long n, int... shape) {
    return Tensor.wrap(n == 0 ? MemorySegment.NULL : t.segment().asSlice(0, n * Float.BYTES), shape);
  }
}
