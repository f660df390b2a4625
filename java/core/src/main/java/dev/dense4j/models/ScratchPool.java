// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.models;

import java.util.Arrays;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A lock-free pool of {@link Scratch}: a call takes a free one, starting its search at a slot
 * picked by its thread id, and gives it back at the end. The pool grows only when every scratch is
 * busy, so it holds as many as the most calls ever in flight at once, and steady-state calls
 * allocate nothing.
 *
 * <p>NOTE: a pool rather than a {@code ThreadLocal}: each virtual thread would get its own
 * scratch (and its own native buffers) from a {@code ThreadLocal}, while the number of calls in
 * flight is bounded by the carrier and platform threads, since a call never blocks.
 */
final class ScratchPool {

  private final int width;
  private final int spareWidth;
  private final int maxSamples;
  private final ReentrantLock growLock = new ReentrantLock();
  private volatile Scratch[] slots = new Scratch[0];

  ScratchPool(int width, int spareWidth, int maxSamples) {
    this.width = width;
    this.spareWidth = spareWidth;
    this.maxSamples = maxSamples;
  }

  /** A scratch that only the caller uses until {@link #release}. */
  Scratch acquire() {
    Scratch[] s = slots;
    int n = s.length;
    if (n > 0) {
      int start = (int) (Thread.currentThread().threadId() % n);
      for (int i = 0; i < n; i++) {
        int j = start + i;
        Scratch c = s[j < n ? j : j - n];
        if (c.tryAcquire()) {
          return c;
        }
      }
    }
    return grow();
  }

  void release(Scratch scratch) {
    scratch.release();
  }

  private Scratch grow() {
    Scratch fresh = new Scratch(width, spareWidth, maxSamples); // created busy
    growLock.lock();
    try {
      Scratch[] s = slots;
      Scratch[] next = Arrays.copyOf(s, s.length + 1);
      next[s.length] = fresh;
      slots = next;
    } finally {
      growLock.unlock();
    }
    return fresh;
  }

  /** The number of scratches made so far (the peak number of concurrent calls). */
  int size() {
    return slots.length;
  }

  /** Frees every scratch; only once no call is in flight. */
  void free() {
    growLock.lock();
    try {
      for (Scratch s : slots) {
        s.free();
      }
      slots = new Scratch[0];
    } finally {
      growLock.unlock();
    }
  }
}
