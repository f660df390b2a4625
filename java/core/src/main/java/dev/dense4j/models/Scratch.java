// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.models;

import dev.dense4j.tensor.Tensor;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One call's working memory: two off-heap buffers that the layers ping-pong between, a spare one
 * for layers whose GEMM output is wider than their result (glu), and a heap array for custom
 * activations. Used by one call at a time (see {@link ScratchPool}); grows with the largest batch
 * it has served, up to the predictor's slice size, and then stays.
 */
final class Scratch {

  private final AtomicBoolean busy = new AtomicBoolean(true);
  private final int width;      // values per sample in the ping-pong buffers
  private final int spareWidth; // values per sample in the spare buffer (0: none)
  private final int maxSamples;

  private Arena arena;
  private int capacity; // samples
  MemorySegment a;
  MemorySegment b;
  MemorySegment spare;
  private float[] heap = new float[0];

  Scratch(int width, int spareWidth, int maxSamples) {
    this.width = width;
    this.spareWidth = spareWidth;
    this.maxSamples = maxSamples;
  }

  boolean tryAcquire() {
    return !busy.get() && busy.compareAndSet(false, true);
  }

  void release() {
    busy.set(false);
  }

  /** Makes room for {@code samples} samples (at most the slice size); allocates only to grow. */
  void ensure(int samples) {
    if (samples <= capacity) {
      return;
    }
    int cap = (int) Math.min(maxSamples, Math.max(samples, 2L * capacity));
    Arena next = Arena.ofShared();
    try {
      a = next.allocate(bytes(width, cap), Tensor.ALIGNMENT);
      b = next.allocate(bytes(width, cap), Tensor.ALIGNMENT);
      spare = spareWidth == 0 ? null : next.allocate(bytes(spareWidth, cap), Tensor.ALIGNMENT);
    } catch (RuntimeException | Error e) {
      next.close();
      throw e;
    }
    if (arena != null) {
      arena.close();
    }
    arena = next;
    capacity = cap;
  }

  /** A heap array of at least {@code n} values, for custom activations. */
  float[] heap(int n) {
    if (heap.length < n) {
      heap = new float[n];
    }
    return heap;
  }

  /** Frees the native buffers; only once no call uses this scratch. */
  void free() {
    if (arena != null) {
      arena.close();
      arena = null;
      capacity = 0;
    }
  }

  private static long bytes(int width, int samples) {
    return Math.max(1L, (long) width * samples) * Float.BYTES;
  }
}
