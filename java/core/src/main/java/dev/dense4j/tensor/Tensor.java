// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.tensor;

import static java.lang.foreign.ValueLayout.JAVA_FLOAT;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import java.util.Objects;

/**
 * A float32 tensor in native memory: row-major, any rank, 64-byte aligned.
 *
 * <p>Ownership: a tensor made by {@link #zeros}, {@link #of} or {@link #copyOf} owns its memory
 * (a shared arena) and frees it on {@link #close()}; a tensor made by {@link #wrap} borrows a
 * segment that its creator keeps and frees, and {@code close()} only marks it closed. Any use after
 * {@code close()} throws {@link IllegalStateException}; it never reads freed memory.
 *
 * <p>Thread safety: reading and writing the elements from several threads needs the caller's own
 * synchronisation, as for a {@code float[]}; {@code close()} may be called from any thread and fails
 * while a native call is still using the memory.
 *
 * {@snippet :
 * try (Tensor x = Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3)) {
 *   float[] copy = x.toArray();
 * }
 * }
 */
public final class Tensor implements AutoCloseable {

  /** Alignment of owned tensors: one cache line, and a full AVX-512 register. */
  public static final long ALIGNMENT = 64;

  private final int[] shape;
  private final long size;
  private final Arena arena; // null when the memory is borrowed
  private final MemorySegment segment;
  private volatile boolean closed;

  private Tensor(int[] shape, long size, Arena arena, MemorySegment segment) {
    this.shape = shape;
    this.size = size;
    this.arena = arena;
    this.segment = segment;
  }

  /** A new tensor of the given shape, filled with zeros. */
  public static Tensor zeros(int... shape) {
    int[] s = checkShape(shape);
    long n = elementCount(s);
    Arena arena = Arena.ofShared();
    try {
      MemorySegment seg = arena.allocate(Math.max(1, n) * Float.BYTES, ALIGNMENT);
      return new Tensor(s, n, arena, seg.asSlice(0, n * Float.BYTES));
    } catch (RuntimeException | Error e) {
      arena.close();
      throw e;
    }
  }

  /** A new tensor holding a copy of {@code data}, whose length must equal the shape's element count. */
  public static Tensor of(float[] data, int... shape) {
    Objects.requireNonNull(data, "data");
    int[] s = checkShape(shape);
    long n = elementCount(s);
    if (n != data.length) {
      throw new IllegalArgumentException("Tensor: shape " + Arrays.toString(s) + " needs " + n
          + " values; received data.length=" + data.length);
    }
    Tensor t = zeros(s);
    MemorySegment.copy(data, 0, t.segment, JAVA_FLOAT, 0, data.length);
    return t;
  }

  /** A new tensor with a copy of {@code other}'s shape and values. */
  public static Tensor copyOf(Tensor other) {
    Tensor t = zeros(other.shape());
    MemorySegment.copy(other.segment(), 0, t.segment, 0, other.size * Float.BYTES);
    return t;
  }

  /**
   * A zero-copy view of a heap array (row-major, at least the shape's element count); the tensor
   * borrows the array, so writes through either are seen by both.
   */
  public static Tensor wrap(float[] data, int... shape) {
    return wrap(MemorySegment.ofArray(Objects.requireNonNull(data, "data")), shape);
  }

  /**
   * A zero-copy view of memory owned elsewhere (another library's buffer, a mapped file, a heap
   * segment). The segment must hold at least the shape's element count of floats and be 4-byte
   * aligned; the caller keeps it alive while the tensor is used.
   */
  public static Tensor wrap(MemorySegment segment, int... shape) {
    Objects.requireNonNull(segment, "segment");
    int[] s = checkShape(shape);
    long n = elementCount(s);
    if (segment.byteSize() < n * Float.BYTES) {
      throw new IllegalArgumentException("Tensor.wrap: shape " + Arrays.toString(s) + " needs "
          + n * Float.BYTES + " bytes; received a segment of " + segment.byteSize() + " bytes");
    }
    if (segment.isNative() && segment.address() % Float.BYTES != 0) {
      throw new IllegalArgumentException("Tensor.wrap: segment must be 4-byte aligned; received address 0x"
          + Long.toHexString(segment.address()));
    }
    return new Tensor(s, n, null, segment.asSlice(0, n * Float.BYTES));
  }

  /** A copy of the shape. */
  public int[] shape() {
    return shape.clone();
  }

  /** The size of dimension {@code axis}; negative axes count from the end like Keras. */
  public int dim(int axis) {
    int a = axis < 0 ? shape.length + axis : axis;
    Objects.checkIndex(a, shape.length);
    return shape[a];
  }

  /** True when this tensor has exactly {@code shape}; allocates nothing (unlike comparing {@link #shape()}). */
  public boolean hasShape(int... shape) {
    return Arrays.equals(this.shape, shape);
  }

  public int rank() {
    return shape.length;
  }

  /** The number of elements. */
  public long size() {
    return size;
  }

  /** The memory of this tensor, for zero-copy interop; throws once the tensor is closed. */
  public MemorySegment segment() {
    ensureOpen();
    return segment;
  }

  /** The element at a flat row-major index. */
  public float getFlat(long index) {
    ensureOpen();
    return segment.getAtIndex(JAVA_FLOAT, Objects.checkIndex(index, size));
  }

  /** Sets the element at a flat row-major index. */
  public void setFlat(long index, float value) {
    ensureOpen();
    segment.setAtIndex(JAVA_FLOAT, Objects.checkIndex(index, size), value);
  }

  /** A heap copy of the values, row-major. */
  public float[] toArray() {
    ensureOpen();
    if (size > Integer.MAX_VALUE - 8) {
      throw new IllegalStateException("Tensor " + Arrays.toString(shape) + " has " + size
          + " elements; too many for a float[]");
    }
    return segment.toArray(JAVA_FLOAT);
  }

  /** Copies {@code values} (exactly {@link #size()} of them) into this tensor. */
  public void copyFrom(float[] values) {
    ensureOpen();
    if (values.length != size) {
      throw new IllegalArgumentException("Tensor " + Arrays.toString(shape) + ": expected " + size
          + " values; received " + values.length);
    }
    MemorySegment.copy(values, 0, segment, JAVA_FLOAT, 0, values.length);
  }

  public boolean isClosed() {
    return closed || !segment.scope().isAlive();
  }

  /** Throws {@link IllegalStateException} when this tensor is closed. */
  public void ensureOpen() {
    if (isClosed()) {
      throw new IllegalStateException("Tensor " + Arrays.toString(shape) + " is closed");
    }
  }

  /** Frees owned memory (idempotent); borrowed memory is left to its owner. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    synchronized (this) {
      if (closed) {
        return;
      }
      if (arena != null) {
        arena.close(); // throws IllegalStateException while a native call still uses the memory
      }
      closed = true;
    }
  }

  @Override
  public String toString() {
    return "Tensor" + Arrays.toString(shape) + (isClosed() ? " (closed)" : "");
  }

  /**
   * The number of elements of a shape.
   *
   * @throws IllegalArgumentException when the count does not fit a {@code long}
   */
  public static long elementCount(int... shape) {
    long n = 1;
    try {
      for (int d : shape) {
        n = Math.multiplyExact(n, d);
      }
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException("Tensor: shape " + Arrays.toString(shape) + " is too large (more than "
          + Long.MAX_VALUE + " elements)", e);
    }
    return n;
  }

  private static int[] checkShape(int[] shape) {
    Objects.requireNonNull(shape, "shape");
    for (int d : shape) {
      if (d < 0) {
        throw new IllegalArgumentException("Tensor: dimensions must be >= 0; received shape "
            + Arrays.toString(shape));
      }
    }
    try {
      long bytes = Math.multiplyExact(elementCount(shape), (long) Float.BYTES);
      if (bytes < 0) {
        throw new ArithmeticException();
      }
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException("Tensor: shape " + Arrays.toString(shape) + " is too large");
    }
    return shape.clone();
  }
}
