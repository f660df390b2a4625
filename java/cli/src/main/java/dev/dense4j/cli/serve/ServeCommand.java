// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.cli.serve;

import dev.dense4j.backend.BlasThreading;
import dev.dense4j.keras.KerasModels;
import dev.dense4j.keras.LoadOptions;
import dev.dense4j.models.HotSwapPredictor;
import dev.dense4j.models.Predictor;
import dev.dense4j.models.Sequential;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * {@code dense4j serve MODEL [--port N] …}: serves a Keras model over HTTP on loopback until the
 * process is told to stop (SIGTERM, SIGINT), then drains the requests in flight. See
 * {@link PredictServer} for the endpoints and {@link ServeOptions} for the options.
 */
public final class ServeCommand {

  private ServeCommand() {}

  /** Runs the server until the JVM shuts down; returns only on a start-up error. */
  public static int run(String[] args, PrintStream out) {
    ServeOptions options = ServeOptions.parse(args);
    OutOfMemoryExit.install();
    PredictServer server = start(options, kerasLoader(options.weights()), out);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      out.println("dense4j serve: shutting down, draining requests in flight (up to " + options.drainSeconds() + " s)");
      server.close();
      out.println("dense4j serve: stopped");
      stopped.countDown();
    }, "dense4j-serve-shutdown"));
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return 0;
  }

  /** Loads {@code .keras}, legacy {@code .h5}, or a JSON config with {@code weights}. */
  static Function<Path, Sequential> kerasLoader(Path weights) {
    return weights == null ? KerasModels::load : model -> KerasModels.load(model, weights, LoadOptions.DEFAULT);
  }

  /**
   * Loads the model through {@code loader}, snapshots it into a predictor and starts serving it.
   * The loader is the seam for other model sources; reloads call it again on the same path.
   */
  static PredictServer start(ServeOptions options, Function<Path, Sequential> loader, PrintStream out) {
    Supplier<Predictor> load = () -> {
      try (Sequential model = loader.apply(options.model())) {
        return Predictor.builder(model).blasThreads(options.blasThreads()).build();
      }
    };
    String blas = applyBlasThreads(options.blasThreads());
    Predictor first = load.get();
    HotSwapPredictor live = new HotSwapPredictor(first);
    try {
      PredictServer server = new PredictServer(live, options.enableReload() ? load : null, options, first.name());
      server.start();
      out.println("dense4j serve: " + first.name() + " " + Arrays.toString(first.inputShape()) + " -> "
          + Arrays.toString(first.outputShape()) + " from " + options.model());
      out.println("dense4j serve: listening on http://" + hostForUrl(options.host()) + ":" + server.port()
          + " (POST /v1/predict, GET /healthz, GET /metrics" + (options.enableReload() ? ", POST /v1/reload" : "")
          + "); " + blas);
      if (!isLoopback(options.host())) {
        out.println("dense4j serve: NOTE: bound to " + options.host() + ", reachable from other hosts; there is no"
            + " authentication");
      }
      return server;
    } catch (IOException e) {
      live.close();
      throw new UncheckedIOException("cannot listen on " + options.host() + ":" + options.port() + ": " + e.getMessage(), e);
    }
  }

  // the server owns its process, so it may set a process-wide count; a library never would
  private static String applyBlasThreads(int threads) {
    return switch (BlasThreading.scope()) {
      case PROCESS -> {
        BlasThreading.setProcessWide(threads);
        yield "BLAS threads per call: " + threads + " (OpenBLAS process-wide setting)";
      }
      case PER_THREAD -> "BLAS threads per call: at most " + threads;
      case SINGLE -> "BLAS threads per call: 1";
      case UNCONTROLLED -> "BLAS threads: as configured for the CBLAS in use";
    };
  }

  private static boolean isLoopback(String host) {
    return host.equals("localhost") || host.startsWith("127.") || host.equals("::1");
  }

  private static String hostForUrl(String host) {
    return host.contains(":") ? "[" + host + "]" : host;
  }
}
