// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.internal.engine;

import java.util.Arrays;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A lock-free pool of {@link Workspace}: a call takes a free one, starting its search at a slot
 * picked by its thread id, and gives it back at the end. The pool grows only when every workspace
 * is busy, so it holds as many as the most calls ever in flight at once, and steady-state calls
 * allocate nothing.
 *
 * <p>NOTE: a pool rather than a {@code ThreadLocal}: each virtual thread would get its own
 * workspace (and its own native buffers) from a {@code ThreadLocal}, while the number of calls in
 * flight is bounded by the carrier and platform threads, since a call never blocks.
 */
public final class WorkspacePool {

  private final int width;
  private final int maxSamples;
  private final ReentrantLock growLock = new ReentrantLock();
  private volatile Workspace[] slots = new Workspace[0];

  /** A pool for single layer calls: spare and heap buffers only. */
  public WorkspacePool() {
    this(0, 0);
  }

  /** A pool for a plan: ping-pong buffers of {@code width} values per sample, up to {@code maxSamples}. */
  WorkspacePool(int width, int maxSamples) {
    this.width = width;
    this.maxSamples = maxSamples;
  }

  /** A workspace that only the caller uses until {@link #release}. */
  public Workspace acquire() {
    Workspace[] s = slots;
    int n = s.length;
    if (n > 0) {
      int start = (int) (Thread.currentThread().threadId() % n);
      for (int i = 0; i < n; i++) {
        int j = start + i;
        Workspace c = s[j < n ? j : j - n];
        if (c.tryAcquire()) {
          return c;
        }
      }
    }
    return grow();
  }

  public void release(Workspace workspace) {
    workspace.release();
  }

  private Workspace grow() {
    growLock.lock();
    try {
      Workspace[] s = slots;
      // the scan in acquire is not atomic: a workspace released while it looked elsewhere, or one
      // another thread just added, may be free now; take it rather than grow past the peak
      for (Workspace c : s) {
        if (c.tryAcquire()) {
          return c;
        }
      }
      Workspace fresh = new Workspace(width, maxSamples); // created busy
      Workspace[] next = Arrays.copyOf(s, s.length + 1);
      next[s.length] = fresh;
      slots = next;
      return fresh;
    } finally {
      growLock.unlock();
    }
  }

  /** The number of workspaces made so far (the peak number of concurrent calls). */
  public int size() {
    return slots.length;
  }

  /** Frees every workspace; only once no call is in flight. */
  public void free() {
    growLock.lock();
    try {
      for (Workspace s : slots) {
        s.free();
      }
      slots = new Workspace[0];
    } finally {
      growLock.unlock();
    }
  }
}
