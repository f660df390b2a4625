// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.bench.layers;

import dev.dense4j.bench.impl.DenseImpl;
import dev.dense4j.bench.impl.DenseImpl.Problem;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Dense forward latency, {@code y = act(x · W + b)}, for dense4j and its baselines side by side:
 * {@code raw_blas} (the bare OpenBLAS call through FFM: the floor), {@code java_loop},
 * {@code vector_api} and {@code tensorflow}. Every implementation gets the same seeded data;
 * {@code @TearDown} checks its output, {@code raw_blas}'s included, against an independent float64
 * result ({@link Float64Reference}) within a bound that grows with the input width.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
// one fork per combination: the natives make forks slow to start, and 2 cores leave no room for
// more; the short suite trims iterations further on the command line
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow",
    "--add-modules=jdk.incubator.vector"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class DenseForwardBenchmark {

  @Param({"1", "8", "32", "256"})
  int batch;

  /** {@code inputDim x units}. */
  @Param({"784x128", "1024x1024", "4096x4096"})
  String shape;

  @Param({"relu", "gelu", "tanh", "softmax"})
  String activation;

  @Param({"dense4j", "dense4j_tensor", "raw_blas", "java_loop", "vector_api", "tensorflow"})
  String impl;

  DenseImpl layer;

  @Setup(Level.Trial)
  public void setUp() {
    layer = DenseImpl.create(impl, Problem.of(batch, shape, activation));
  }

  @Benchmark
  public void forward() {
    layer.run();
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    try {
      OutputCheck.againstFloat64(impl, Problem.of(batch, shape, activation), layer.addsBiasAndActivation(),
          layer.output());
    } finally {
      layer.close();
    }
  }
}
