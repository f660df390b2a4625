// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.cli.serve;

/**
 * The request-body bytes the server may hold at once, over all connections: a predict reserves
 * its declared {@code Content-Length} before reading a byte and returns it when answered, or is
 * refused at once when it does not fit.
 *
 * <p>Large bodies (over 1/64 of the budget) may fill only three quarters of it, unless they come
 * alone, so that a flood of large bodies leaves room for ordinary requests.
 */
final class BodyBudget {

  private final long capacity;
  private long reserved;

  BodyBudget(long capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("BodyBudget: capacity must be at least 1 byte; received capacity=" + capacity);
    }
    this.capacity = capacity;
  }

  /** Reserves {@code bytes}; false (and nothing reserved) when they do not fit. */
  synchronized boolean tryReserve(long bytes) {
    if (bytes < 0) {
      throw new IllegalArgumentException("BodyBudget: bytes must be >= 0; received bytes=" + bytes);
    }
    long after = reserved + bytes;
    boolean large = bytes > capacity / 64;
    if (after > capacity || (large && reserved > 0 && after > capacity - capacity / 4)) {
      return false;
    }
    reserved = after;
    return true;
  }

  synchronized void release(long bytes) {
    if (bytes < 0 || bytes > reserved) {
      throw new IllegalArgumentException("BodyBudget: can release at most the " + reserved + " bytes reserved; received"
          + " bytes=" + bytes);
    }
    reserved -= bytes;
  }

  synchronized long reserved() {
    return reserved;
  }

  long capacity() {
    return capacity;
  }
}
