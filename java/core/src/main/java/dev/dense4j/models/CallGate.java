// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.models;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts the calls in flight and runs a release action once, after {@link #close()} and the end of
 * the last call that entered before it. One atomic add on entry and one on exit; no allocation.
 */
final class CallGate {

  private static final long CLOSED = 1L << 62;

  private final AtomicLong state = new AtomicLong(); // calls in flight, plus CLOSED once closed
  private final AtomicBoolean released = new AtomicBoolean();
  private final Runnable release;

  CallGate(Runnable release) {
    this.release = release;
  }

  /** Enters a call; false (and nothing to exit) once closed. */
  boolean tryEnter() {
    long s = state.getAndIncrement();
    if ((s & CLOSED) != 0) {
      exit();
      return false;
    }
    return true;
  }

  /** Ends a call that {@link #tryEnter()} admitted. */
  void exit() {
    if (state.decrementAndGet() == CLOSED) {
      releaseOnce();
    }
  }

  /** Refuses new calls; releases now if none is in flight, else when the last one exits. */
  void close() {
    long before = state.getAndAccumulate(CLOSED, (a, b) -> a | b);
    if ((before & CLOSED) == 0 && before == 0) {
      releaseOnce();
    }
  }

  boolean isClosed() {
    return (state.get() & CLOSED) != 0;
  }

  /** True once the release action has run. */
  boolean isReleased() {
    return released.get();
  }

  private void releaseOnce() {
    if (released.compareAndSet(false, true)) {
      release.run();
    }
  }
}
