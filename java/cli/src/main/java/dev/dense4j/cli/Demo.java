// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.cli;

import dev.dense4j.backend.Backend;
import dev.dense4j.backend.BlasThreading;
import dev.dense4j.initializers.GlorotUniform;
import dev.dense4j.layers.Dense;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import picocli.CommandLine.Command;

/**
 * {@code dense4j demo}: a 784→256→128→10 MLP (relu, gelu, softmax) with seeded weights, run at
 * batch 1 and 32 on the preferred backend, with the natives in use and the per-call latency.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "Build a small seeded MLP, run it, and print the natives in use and the latencies.")
final class Demo extends CliCommand {

  Demo(Io io) {
    super(io);
  }

  @Override
  protected int run(Settings effective) {
    PrintStream out = io.out();
    out.printf("java %s on %s-%s%n", Runtime.version(), System.getProperty("os.name"), System.getProperty("os.arch"));
    Backend backend = Backend.preferred();
    out.println("backend: " + backend.name().toLowerCase(Locale.ROOT));
    out.println("natives: " + Backend.nativeDescription());
    if (backend == Backend.NATIVE && BlasThreading.scope() == BlasThreading.Scope.PROCESS) {
      // the demo owns its process: one BLAS thread per call, as a server whose parallelism
      // comes from its requests would run (OpenBLAS' default is one thread per CPU)
      BlasThreading.setProcessWide(1);
      out.println("BLAS threads: 1 (process-wide, set by the demo)");
    }

    int[] widths = {784, 256, 128, 10};
    String[] acts = {"relu", "gelu", "softmax"};
    List<Dense> layers = new java.util.ArrayList<>();
    try {
      for (int i = 0; i < acts.length; i++) {
        layers.add(Dense.builder(widths[i + 1]).activation(acts[i])
            .kernelInitializer(new GlorotUniform(42L + i)).build().build(widths[i]));
      }
      out.println("model: " + layers);
      SplittableRandom rng = new SplittableRandom(7);
      for (int batch : new int[] {1, 32}) {
        float[] x = new float[batch * widths[0]];
        for (int i = 0; i < x.length; i++) {
          x[i] = (float) rng.nextDouble();
        }
        float[] y = forward(layers, x, batch);
        double micros = time(layers, x, batch);
        float sum = 0;
        for (int j = 0; j < widths[3]; j++) {
          sum += y[j];
        }
        out.printf(Locale.ROOT, "batch %3d: %9.1f µs per forward pass; row 0 = %s (sums to %.6f)%n",
            batch, micros, fmt(Arrays.copyOf(y, widths[3])), sum);
      }
    } finally {
      layers.forEach(Dense::close);
    }
    return 0;
  }

  private static float[] forward(List<Dense> layers, float[] x, int batch) {
    float[] h = x;
    for (Dense d : layers) {
      h = d.call(h, batch, d.inputDim());
    }
    return h;
  }

  // median of 15 timed samples of about 20 ms each, after about 200 ms of warm-up: a demo
  // figure that works on either backend; the JMH suite has the real numbers
  private static double time(List<Dense> layers, float[] x, int batch) {
    long warmupEnd = System.nanoTime() + 200_000_000L;
    int reps = 0;
    long t0 = System.nanoTime();
    while (System.nanoTime() < warmupEnd) {
      forward(layers, x, batch);
      reps++;
    }
    long perSample = Math.max(1, reps * 20_000_000L / Math.max(1, System.nanoTime() - t0));
    double[] samples = new double[15];
    for (int s = 0; s < samples.length; s++) {
      long start = System.nanoTime();
      for (long i = 0; i < perSample; i++) {
        forward(layers, x, batch);
      }
      samples[s] = (System.nanoTime() - start) / 1e3 / perSample;
    }
    Arrays.sort(samples);
    return samples[samples.length / 2];
  }

  private static String fmt(float[] v) {
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < v.length; i++) {
      sb.append(i == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.4f", v[i]));
    }
    return sb.append(']').toString();
  }
}
