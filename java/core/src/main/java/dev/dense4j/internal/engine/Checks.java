// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.internal.engine;

import dev.dense4j.tensor.Tensor;
import java.lang.foreign.MemorySegment;

/**
 * The memory checks every entry point that takes a caller's buffers makes before the engine runs:
 * an output must be writable, and input and output must not share memory (the kernels read the
 * input while they write the output, so an alias gives wrong numbers, not an error).
 */
public final class Checks {

  private Checks() {}

  /** Throws when {@code output} is read-only (a read-only view, or a file mapped READ_ONLY). */
  public static void writable(String owner, MemorySegment output) {
    if (output.isReadOnly()) {
      throw new IllegalArgumentException(owner + ": expected a writable output; received a read-only segment "
          + output);
    }
  }

  /** Throws when {@code input} and {@code output} share any byte. */
  public static void disjoint(String owner, MemorySegment input, MemorySegment output) {
    if (input.byteSize() > 0 && output.byteSize() > 0 && input.asOverlappingSlice(output).isPresent()) {
      throw new IllegalArgumentException(owner + ": expected input and output in separate memory; received "
          + "overlapping segments " + input + " and " + output);
    }
  }

  /** {@link #writable(String, MemorySegment)} and {@link #disjoint(String, MemorySegment, MemorySegment)} for a layer's tensors. */
  public static void output(String owner, Tensor input, Tensor output) {
    writable(owner, output.segment());
    disjoint(owner, input.segment(), output.segment());
  }

  /** Throws when {@code input} and {@code output} are the same array. */
  public static void disjoint(String owner, float[] input, float[] output) {
    if (input == output && input.length > 0) {
      throw new IllegalArgumentException(owner + ": expected input and output in separate arrays; received the "
          + "same array (length " + input.length + ") for both");
    }
  }
}
