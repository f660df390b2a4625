// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.internal.engine;

import dev.dense4j.tensor.Tensor;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.ref.WeakReference;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One call's working memory: two off-heap buffers that a plan's stages ping-pong between, a spare
 * buffer for GEMM rows wider than their result (glu), a heap array for custom activations, and
 * the segment views of the caller's arrays of the latest layer call on arrays, reused while the
 * same arrays come back. Used by one call at a time (see {@link WorkspacePool}); each buffer
 * grows with the largest call it has served and then stays, so steady-state calls allocate
 * nothing.
 */
public final class Workspace {

  private final AtomicBoolean busy = new AtomicBoolean(true);
  private final int width;      // values per sample in the ping-pong buffers (0: none)
  private final int maxSamples;

  private Arena pingPongArena;
  private int capacity; // samples
  private MemorySegment a;
  private MemorySegment b;
  private final Growable spare = new Growable();
  private final ArrayView inputView = new ArrayView();
  private final ArrayView outputView = new ArrayView();
  private float[] heap = new float[0];

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
    return spare.get(floats);
  }

  /** A segment over the caller's input array; the same one again while the same array comes back. */
  MemorySegment inputView(float[] array) {
    return inputView.of(array);
  }

  /** A segment over the caller's output array, reused like {@link #inputView}. */
  MemorySegment outputView(float[] array) {
    return outputView.of(array);
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
    spare.free();
  }

  /** One off-heap buffer in an arena of its own, replaced by a larger one when too small. */
  private static final class Growable {
    private Arena arena;
    private MemorySegment segment;

    MemorySegment get(long floats) {
      long bytes = Math.max(1L, floats) * Float.BYTES;
      if (segment == null || segment.byteSize() < bytes) {
        Arena next = Arena.ofShared();
        MemorySegment s;
        try {
          s = next.allocate(bytes, Tensor.ALIGNMENT);
        } catch (RuntimeException | Error e) {
          next.close();
          throw e;
        }
        free();
        arena = next;
        segment = s;
      }
      return segment;
    }

    void free() {
      if (arena != null) {
        arena.close();
        arena = null;
        segment = null;
      }
    }
  }

  /**
   * The segment view of one caller's array, kept while the same array comes back: a view per
   * call was the last allocation of a layer's call on arrays, which the JIT does not always
   * remove. Both references are weak, so the cache never keeps a caller's array alive; a view
   * the collector cleared is made again.
   */
  private static final class ArrayView {
    private WeakReference<float[]> array = new WeakReference<>(null);
    private WeakReference<MemorySegment> view = new WeakReference<>(null);

    MemorySegment of(float[] a) {
      MemorySegment v = view.get();
      if (v == null || array.get() != a) {
        v = MemorySegment.ofArray(a);
        array = new WeakReference<>(a);
        view = new WeakReference<>(v);
      }
      return v;
    }
  }
}
