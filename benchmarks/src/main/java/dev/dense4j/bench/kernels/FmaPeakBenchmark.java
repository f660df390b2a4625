// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.bench.kernels;

import java.util.concurrent.TimeUnit;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The single-core FP32 peak of this machine, measured: 12 independent accumulators of the widest
 * vector, each doing {@value #STEPS} dependent FMAs, enough to hide the FMA latency on every
 * current x86-64 and arm64 core. The report turns µs/op into GFLOP/s
 * ({@code 2 · 12 · lanes · STEPS} flops per op).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "--sun-misc-unsafe-memory-access=allow"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class FmaPeakBenchmark {

  static final int STEPS = 4096;
  static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

  /** Flops per benchmark op, for the report. */
  public static long flopsPerOp() {
    return 2L * 12 * S.length() * STEPS;
  }

  float a = 0.999f;
  float b = 1e-4f;

  @Benchmark
  public float fma() {
    FloatVector va = FloatVector.broadcast(S, a);
    FloatVector vb = FloatVector.broadcast(S, b);
    FloatVector c0 = FloatVector.broadcast(S, 0.0f);
    FloatVector c1 = FloatVector.broadcast(S, 0.1f);
    FloatVector c2 = FloatVector.broadcast(S, 0.2f);
    FloatVector c3 = FloatVector.broadcast(S, 0.3f);
    FloatVector c4 = FloatVector.broadcast(S, 0.4f);
    FloatVector c5 = FloatVector.broadcast(S, 0.5f);
    FloatVector c6 = FloatVector.broadcast(S, 0.6f);
    FloatVector c7 = FloatVector.broadcast(S, 0.7f);
    FloatVector c8 = FloatVector.broadcast(S, 0.8f);
    FloatVector c9 = FloatVector.broadcast(S, 0.9f);
    FloatVector c10 = FloatVector.broadcast(S, 1.0f);
    FloatVector c11 = FloatVector.broadcast(S, 1.1f);
    for (int i = 0; i < STEPS; i++) {
      c0 = c0.fma(va, vb);
      c1 = c1.fma(va, vb);
      c2 = c2.fma(va, vb);
      c3 = c3.fma(va, vb);
      c4 = c4.fma(va, vb);
      c5 = c5.fma(va, vb);
      c6 = c6.fma(va, vb);
      c7 = c7.fma(va, vb);
      c8 = c8.fma(va, vb);
      c9 = c9.fma(va, vb);
      c10 = c10.fma(va, vb);
      c11 = c11.fma(va, vb);
    }
    FloatVector s = c0.add(c1).add(c2).add(c3).add(c4).add(c5).add(c6).add(c7).add(c8).add(c9).add(c10).add(c11);
    return s.reduceLanes(jdk.incubator.vector.VectorOperators.ADD);
  }
}
