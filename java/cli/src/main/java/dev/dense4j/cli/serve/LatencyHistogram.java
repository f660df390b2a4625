// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.cli.serve;

import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * A lock-free latency histogram with log-linear buckets, in the manner of HdrHistogram: each
 * power of two of nanoseconds is split into {@value #SUB_BUCKETS} equal buckets, so a quantile is
 * known to within 1/{@value #SUB_BUCKETS} (3.1 %) of its value, from 1 ns to about 4.5 minutes (longer values
 * count in the last bucket). Recording is two atomic adds and allocates nothing.
 */
final class LatencyHistogram {

  static final int SUB_BITS = 5;
  static final int SUB_BUCKETS = 1 << SUB_BITS;
  private static final int MAX_SHIFT = 32; // 2^(32 + SUB_BITS + 1) ns ≈ 275 s
  private static final int BUCKETS = (MAX_SHIFT + 2) * SUB_BUCKETS;

  private final AtomicLongArray counts = new AtomicLongArray(BUCKETS);
  private final LongAdder total = new LongAdder();
  private final LongAdder sumNanos = new LongAdder();

  /** Counts one observation of {@code nanos} (negative values count as 0). */
  void record(long nanos) {
    long v = Math.max(0, nanos);
    counts.incrementAndGet(index(v));
    total.increment();
    sumNanos.add(v);
  }

  // values below 2^SUB_BITS have a bucket each; above, SUB_BUCKETS buckets per power of two
  static int index(long v) {
    if (v < SUB_BUCKETS) {
      return (int) v;
    }
    int shift = 63 - Long.numberOfLeadingZeros(v) - SUB_BITS;
    if (shift > MAX_SHIFT) {
      return BUCKETS - 1;
    }
    return (shift + 1) * SUB_BUCKETS + (int) ((v >>> shift) - SUB_BUCKETS);
  }

  /** The largest value that falls in bucket {@code i}. */
  static long upperBound(int i) {
    if (i < SUB_BUCKETS) {
      return i;
    }
    int shift = i / SUB_BUCKETS - 1;
    long low = (long) (SUB_BUCKETS + i % SUB_BUCKETS) << shift;
    return low + (1L << shift) - 1;
  }

  long count() {
    return total.sum();
  }

  long sumNanos() {
    return sumNanos.sum();
  }

  /** The {@code q}-quantile (0 < q ≤ 1) in nanoseconds: the upper bound of its bucket; 0 when empty. */
  long quantile(double q) {
    long[] snapshot = new long[BUCKETS];
    long n = 0;
    for (int i = 0; i < BUCKETS; i++) {
      snapshot[i] = counts.get(i);
      n += snapshot[i];
    }
    if (n == 0) {
      return 0;
    }
    long rank = Math.max(1, (long) Math.ceil(q * n));
    long seen = 0;
    for (int i = 0; i < BUCKETS; i++) {
      seen += snapshot[i];
      if (seen >= rank) {
        return upperBound(i);
      }
    }
    return upperBound(BUCKETS - 1);
  }
}
