// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.internal.engine;

import dev.dense4j.tensor.Tensor;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One call's working memory: two off-heap buffers that a plan's stages ping-pong between, a spare
 * buffer for GEMM rows wider than their result (glu), and a heap array for custom activations.
 * Used by one call at a time (see {@link WorkspacePool}); each buffer grows with the largest call
 * it has served and then stays, so steady-state calls allocate nothing.
 */
public final class Workspace {

  private final AtomicBoolean busy = new AtomicBoolean(true);
  private final int width;      // values per sample in the ping-pong buffers (0: none)
  private final int maxSamples;

  private Arena pingPongArena;
  private int capacity; // samples
  private MemorySegment a;
  private MemorySegment b;
  private Arena spareArena;
  private MemorySegment spare;
  private float[] heap = new float[0];
  private Arena scratchArena;
  private MemorySegment scratch;

  Workspace(int width, int maxSamples) {
    this.width = width;
    this.maxSamples = maxSamples;
  }

  boolean tryAcquire() {
    return !busy.get() && busy.compareAndSet(false, true);
  }

  void release() {
    busy.set(false);
  }

  /** Makes room for {@code samples} samples (at most the slice size) in both ping-pong buffers. */
  void ensure(int samples) {
    if (samples <= capacity) {
      return;
    }
    int cap = (int) Math.min(maxSamples, Math.max(samples, 2L * capacity));
    Arena next = Arena.ofShared();
    try {
      long bytes = Math.max(1L, (long) width * cap) * Float.BYTES;
      a = next.allocate(bytes, Tensor.ALIGNMENT);
      b = next.allocate(bytes, Tensor.ALIGNMENT);
    } catch (RuntimeException | Error e) {
      next.close();
      throw e;
    }
    if (pingPongArena != null) {
      pingPongArena.close();
    }
    pingPongArena = next;
    capacity = cap;
  }

  MemorySegment a() {
    return a;
  }

  MemorySegment b() {
    return b;
  }

  /** At least {@code floats} values of off-heap memory, 64-byte aligned; grows only when too small. */
  public MemorySegment spare(long floats) {
    long bytes = Math.max(1L, floats) * Float.BYTES;
    if (spare == null || spare.byteSize() < bytes) {
      Arena next = Arena.ofShared();
      MemorySegment s;
      try {
        s = next.allocate(bytes, Tensor.ALIGNMENT);
      } catch (RuntimeException | Error e) {
        next.close();
        throw e;
      }
      if (spareArena != null) {
        spareArena.close();
      }
      spareArena = next;
      spare = s;
    }
    return spare;
  }

  /**
   * At least {@code bytes} bytes of off-heap scratch (a packed kernel's converted inputs), 64-byte
   * aligned; null for 0 bytes. Grows only when too small.
   */
  public MemorySegment scratch(long bytes) {
    if (bytes == 0) {
      return null;
    }
    if (scratch == null || scratch.byteSize() < bytes) {
      Arena next = Arena.ofShared();
      MemorySegment s;
      try {
        s = next.allocate(bytes, Tensor.ALIGNMENT);
      } catch (RuntimeException | Error e) {
        next.close();
        throw e;
      }
      if (scratchArena != null) {
        scratchArena.close();
      }
      scratchArena = next;
      scratch = s;
    }
    return scratch;
  }

  /** A heap array of at least {@code n} values, for custom activations. */
  public float[] heap(int n) {
    if (heap.length < n) {
      heap = new float[n];
    }
    return heap;
  }

  /** Frees the native buffers; only once no call uses this workspace. */
  void free() {
    if (pingPongArena != null) {
      pingPongArena.close();
      pingPongArena = null;
      capacity = 0;
    }
    if (spareArena != null) {
      spareArena.close();
      spareArena = null;
      spare = null;
    }
    if (scratchArena != null) {
      scratchArena.close();
      scratchArena = null;
      scratch = null;
    }
  }
}
