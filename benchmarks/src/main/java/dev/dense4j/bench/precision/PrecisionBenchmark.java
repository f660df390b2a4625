// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.bench.precision;

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
 * One Dense layer, {@code y = relu(x · W + b)}, through a {@code Predictor} in each precision,
 * beside {@code raw_blas} (the bare OpenBLAS {@code sgemv}/{@code sgemm} through FFM, no bias, no
 * activation: the floor of the fp32 design) and {@code packed_f32} (the packed fp32 kernel called
 * directly at every batch, to place the crossover of {@code DenseOp.usesPacked}). One thread, one
 * BLAS thread. {@code @TearDown} prints each implementation's largest error against float64 of
 * the float layer (the first rows), and fails an fp32 one outside the float32 bound.
 */
@State(Scope.Thread)
// sample time: every call is timed, and the report uses the minimum and the median. On a shared
// machine (2 vCPUs, many builds) the mean mostly measures the other processes; the fastest calls
// are the ones that ran undisturbed, in every implementation alike
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
// one fork per combination (the natives make forks slow, 2 cores leave no room for more); short
// iterations: the grid has 75 combinations
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow",
    "-Ddense4j.blasThreads=1"})
@Warmup(iterations = 2, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 3, time = 1)
public class PrecisionBenchmark {

  @Param({"1", "8", "32", "64", "256"})
  int batch;

  /** {@code inputDim x units}. */
  @Param({"784x128", "1024x1024", "4096x4096"})
  String shape;

  @Param({"relu"})
  String activation;

  @Param({"raw_blas", "predictor_f32", "packed_f32", "predictor_bf16", "predictor_int8"})
  String impl;

  DenseImpl layer;

  @Setup(Level.Trial)
  public void setUp() {
    Problem p = Problem.of(batch, shape, activation);
    layer = PrecisionImpls.create(impl, p);
  }

  @Benchmark
  public void forward() {
    layer.run();
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    try {
      ErrorCheck.report(impl, Problem.of(batch, shape, activation), layer.addsBiasAndActivation(), layer.output());
    } finally {
      layer.close();
    }
  }
}
