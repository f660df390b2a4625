// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.cli.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LatencyHistogramTest {

  @Test
  void everyValueFallsInABucketWhoseBoundsHoldIt() {
    SplittableRandom rng = new SplittableRandom(42);
    for (int i = 0; i < 100_000; i++) {
      long v = i < 1000 ? i : (long) Math.exp(rng.nextDouble() * Math.log(2e11));
      int b = LatencyHistogram.index(v);
      assertTrue(v <= LatencyHistogram.upperBound(b), v + " above bucket " + b);
      assertTrue(b == 0 || v > LatencyHistogram.upperBound(b - 1), v + " below bucket " + b);
      assertTrue(LatencyHistogram.upperBound(b) - v <= v / LatencyHistogram.SUB_BUCKETS, "resolution at " + v);
    }
  }

  @Test
  void quantilesAreWithinTheResolutionOfTheExactOnes() {
    SplittableRandom rng = new SplittableRandom(42);
    LatencyHistogram h = new LatencyHistogram();
    long[] values = new long[20_000];
    for (int i = 0; i < values.length; i++) {
      values[i] = 1_000 + (long) (-Math.log(1 - rng.nextDouble()) * 200_000); // exponential, 1 µs floor
      h.record(values[i]);
    }
    Arrays.sort(values);
    for (double q : new double[] {0.5, 0.9, 0.99, 0.999}) {
      long exact = values[(int) Math.ceil(q * values.length) - 1];
      long got = h.quantile(q);
      assertTrue(got >= exact && got <= exact + exact / LatencyHistogram.SUB_BUCKETS, "q" + q + ": " + got + " vs " + exact);
    }
    assertEquals(values.length, h.count());
    assertEquals(Arrays.stream(values).sum(), h.sumNanos());
  }

  @Test
  void anEmptyHistogramSaysZero() {
    assertEquals(0, new LatencyHistogram().quantile(0.99));
  }
}
