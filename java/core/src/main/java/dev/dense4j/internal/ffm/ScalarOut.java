// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.internal.ffm;

import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * The per-thread slot a native reduction writes its one result to ({@code double *out},
 * {@code float *out}), so that returning a scalar allocates nothing after a thread's first call.
 * Off-heap, so it also suits ordinary (non-critical) downcalls; freed with its thread.
 */
final class ScalarOut {

  private static final ThreadLocal<MemorySegment> SLOT =
      ThreadLocal.withInitial(() -> Arena.ofAuto().allocate(JAVA_DOUBLE));

  private ScalarOut() {}

  /** This thread's 8-byte slot, aligned for a double; read it before the next native call. */
  static MemorySegment get() {
    return SLOT.get();
  }
}
