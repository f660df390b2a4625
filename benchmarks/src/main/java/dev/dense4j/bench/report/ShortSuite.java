// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.bench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * The short suite (about 8 minutes on 2 cores): the Dense forward comparisons the README quotes,
 * the epilogues per ISA, the FMA peak and one training step, each in its own JMH run (their
 * parameters differ), merged into {@code benchmarks/results/<date>.json}, then reported by
 * {@link ResultsReport} as Markdown and a PNG chart. Every run uses {@code -prof gc} for B/op.
 *
 * <p>Usage: {@code java -jar benchmarks/target/benchmarks.jar} is the full JMH CLI; this class is
 * {@code java -cp benchmarks/target/benchmarks.jar dev.dense4j.bench.report.ShortSuite [outDir]}.
 */
public final class ShortSuite {

  private ShortSuite() {}

  // one BLAS thread: the figures are per core, comparable with the single-threaded baselines, and
  // stable on a shared machine
  static final String[] FORK_ARGS = {"--enable-native-access=ALL-UNNAMED",
      "--sun-misc-unsafe-memory-access=allow", "--add-modules=jdk.incubator.vector", "-Ddense4j.blasThreads=1"};

  public static void main(String[] args) throws RunnerException, IOException {
    Path outDir = Path.of(args.length > 0 ? args[0] : "benchmarks/results");
    Files.createDirectories(outDir);
    String core = System.getenv("OPENBLAS_CORETYPE");
    String name = LocalDate.now() + (core == null ? "-owncore" : "");
    List<Path> parts = core == null ? coreSensitiveParts(outDir) : allParts(outDir);
    Path merged = outDir.resolve(name + ".json");
    Files.writeString(merged, JsonArrays.concat(parts));
    for (Path p : parts) {
      Files.deleteIfExists(p);
    }
    ResultsReport.main(new String[] {merged.toString(), "OPENBLAS_CORETYPE=" + (core == null ? "(unset: OpenBLAS' own choice)" : core)});
  }

  /**
   * With {@code OPENBLAS_CORETYPE} unset OpenBLAS picks its kernels itself: only the GEMM-bound
   * cases are rerun, to show what the setting changes.
   */
  private static List<Path> coreSensitiveParts(Path outDir) throws RunnerException {
    List<Path> parts = new ArrayList<>();
    parts.add(run(outDir, "forward-owncore", base("DenseForwardBenchmark")
        .param("batch", "1", "32").param("shape", "784x128").param("activation", "relu")
        .param("impl", "dense4j", "raw_blas")));
    parts.add(run(outDir, "forward-large-owncore", base("DenseForwardBenchmark")
        .param("batch", "256").param("shape", "1024x1024").param("activation", "relu")
        .param("impl", "dense4j", "raw_blas")));
    parts.add(run(outDir, "fma-peak", base("FmaPeakBenchmark")));
    return parts;
  }

  private static List<Path> allParts(Path outDir) throws RunnerException {
    List<Path> parts = new ArrayList<>();
    // batch 1 and 32 at 784→128: every activation against every baseline
    parts.add(run(outDir, "forward-small", base("DenseForwardBenchmark")
        .param("batch", "1", "32").param("shape", "784x128")
        .param("activation", "relu", "tanh", "gelu", "softmax")
        .param("impl", "dense4j", "dense4j_tensor", "raw_blas", "vector_api", "tensorflow")));
    // the plain Java loop once, at relu
    parts.add(run(outDir, "forward-loop", base("DenseForwardBenchmark")
        .param("batch", "1", "32").param("shape", "784x128").param("activation", "relu")
        .param("impl", "java_loop")));
    // large: 256×1024→1024 and batch 1 at 4096→4096
    parts.add(run(outDir, "forward-large", base("DenseForwardBenchmark")
        .param("batch", "256").param("shape", "1024x1024").param("activation", "relu", "gelu")
        .param("impl", "dense4j", "raw_blas", "vector_api", "tensorflow")));
    parts.add(run(outDir, "forward-wide", base("DenseForwardBenchmark")
        .param("batch", "1").param("shape", "4096x4096").param("activation", "relu")
        .param("impl", "dense4j", "raw_blas", "vector_api")));
    // batch-1 throughput from one and from two threads at once (each thread has its own layer)
    for (int threads : new int[] {1, 2}) {
      parts.add(run(outDir, "threads-" + threads, base("DenseForwardBenchmark")
          .param("batch", "1").param("shape", "784x128").param("activation", "relu").param("impl", "dense4j")
          .mode(Mode.Throughput).timeUnit(TimeUnit.SECONDS).threads(threads)));
    }
    parts.add(run(outDir, "epilogue", base("ActivationEpilogueBenchmark")));
    parts.add(run(outDir, "fma-peak", base("FmaPeakBenchmark")));
    parts.add(run(outDir, "train-step", base("TrainStepBenchmark")));
    return parts;
  }

  private static ChainedOptionsBuilder base(String benchmark) {
    return new OptionsBuilder().include("\\." + benchmark + "\\.").forks(1)
        .warmupIterations(2).warmupTime(TimeValue.seconds(1))
        .measurementIterations(3).measurementTime(TimeValue.seconds(1))
        .jvmArgsAppend(FORK_ARGS).addProfiler(GCProfiler.class)
        .shouldFailOnError(true);
  }

  private static Path run(Path outDir, String name, ChainedOptionsBuilder options) throws RunnerException {
    Path part = outDir.resolve("part-" + name + ".json");
    new Runner(options.resultFormat(ResultFormatType.JSON).result(part.toString()).build()).run();
    return part;
  }
}
