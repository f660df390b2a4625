// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;

/**
 * Steady-state allocation of a call: the bytes this thread allocates over many calls, after a
 * warm-up that lets the JIT compile the path, read from {@code ThreadMXBean}. An allocation
 * measure, not a timing one.
 */
public final class Allocations {

  /** Total slack over all measured calls, for one-off allocations (e.g. a late JIT deoptimisation). */
  public static final long SLACK_BYTES = 2_048;

  private static final com.sun.management.ThreadMXBean THREADS =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

  private Allocations() {}

  /** Skips the test where the JVM has no per-thread allocation counter; switches it on otherwise. */
  public static void assumeMeasurable() {
    assumeTrue(THREADS.isThreadAllocatedMemorySupported(), "no per-thread allocation counter in this JVM");
    THREADS.setThreadAllocatedMemoryEnabled(true);
  }

  /** Bytes allocated by this thread so far. */
  public static long allocatedBytes() {
    return THREADS.getCurrentThreadAllocatedBytes();
  }

  /**
   * Runs {@code call} {@code warmup} times, then asserts that {@code calls} more allocate at most
   * the slack. Steady state: a round over the slack is measured again, up to three rounds, since
   * a busy machine can finish the JIT's work on the path late; an allocation per call shows in
   * every round.
   */
  public static void assertAllocatesNothing(String what, int warmup, int calls, Runnable call) {
    for (int i = 0; i < warmup; i++) {
      call.run();
    }
    long least = Long.MAX_VALUE;
    for (int round = 0; round < 3 && least > SLACK_BYTES; round++) {
      long before = allocatedBytes();
      for (int i = 0; i < calls; i++) {
        call.run();
      }
      least = Math.min(least, allocatedBytes() - before);
    }
    assertTrue(least <= SLACK_BYTES, what + ": " + least + " bytes over " + calls + " calls ("
        + (double) least / calls + " B/call) in the best of three rounds");
  }
}
