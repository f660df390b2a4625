// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.cli.serve;

import dev.dense4j.backend.BlasThreading;
import dev.dense4j.cli.CliCommand;
import dev.dense4j.cli.Io;
import dev.dense4j.cli.ModelFiles;
import dev.dense4j.cli.Settings;
import dev.dense4j.cli.input.Shapes;
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
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code dense4j serve MODEL [--port N] …}: serves a Keras model over HTTP on loopback until the
 * process is told to stop (SIGTERM, SIGINT), then drains the requests in flight. See
 * {@link PredictServer} for the endpoints and {@link ServeOptions} for the options.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
    description = {"Serve a model over HTTP (POST /v1/predict, GET /healthz, GET /metrics, POST /v1/reload when"
        + " enabled; GET /healthz also on --health-port); Ctrl-C or SIGTERM drains the requests in flight and stops.",
      "Bodies are {\"inputs\": [sample, ...]}; each sample flat or nested by the model's input shape."})
public final class ServeCommand extends CliCommand {

  @Mixin
  ModelFiles files = new ModelFiles();

  @Option(names = "--host", paramLabel = "ADDR", defaultValue = "127.0.0.1",
      description = "The address to bind (default: ${DEFAULT-VALUE}, loopback); there is no authentication.")
  String host;

  @Option(names = "--port", paramLabel = "N", defaultValue = "8080",
      description = "The TCP port, 0 for any free one (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(names = "--max-batch", paramLabel = "N", defaultValue = "1024",
      description = "The most samples per request (default: ${DEFAULT-VALUE}).")
  int maxBatch;

  @Option(names = "--max-body-bytes", paramLabel = "N", defaultValue = "8388608",
      description = "The largest request body (default: ${DEFAULT-VALUE}).")
  int maxBodyBytes;

  @Option(names = "--max-concurrent", paramLabel = "N",
      description = "Predict requests computed at once; others wait up to 5 s, then get 503 (default: 2 × CPUs).")
  Integer maxConcurrent;

  @Option(names = "--enable-reload", description = "Let POST /v1/reload re-read the model file.")
  boolean enableReload;

  @Option(names = "--drain-seconds", paramLabel = "S", defaultValue = "10",
      description = "How long a shutdown waits for requests in flight (default: ${DEFAULT-VALUE}).")
  int drainSeconds;

  @Option(names = "--max-body-bytes-in-flight", paramLabel = "N",
      description = "Request-body bytes read, parsed or computed at once over all connections; beyond it a predict"
          + " gets 503 with Retry-After (default: an eighth of the heap, at most 1 GiB, at least one largest body).")
  Integer maxBodyBytesInFlight;

  @Option(names = "--request-timeout", paramLabel = "S", defaultValue = "10",
      description = "Seconds a request may take to arrive (headers and body), and its answer to leave"
          + " (default: ${DEFAULT-VALUE}).")
  int requestTimeout;

  @Option(names = "--idle-timeout", paramLabel = "S", defaultValue = "30",
      description = "Seconds a kept-alive connection may sit idle (default: ${DEFAULT-VALUE}).")
  int idleTimeout;

  @Option(names = "--max-connections", paramLabel = "N", defaultValue = "1024",
      description = "The most open connections; more are closed at once (default: ${DEFAULT-VALUE}).")
  int maxConnections;

  @Option(names = "--max-idle-connections", paramLabel = "N", defaultValue = "200",
      description = "The most kept-alive idle connections (default: ${DEFAULT-VALUE}).")
  int maxIdleConnections;

  @Option(names = "--health-port", paramLabel = "N",
      description = "Also answer GET /healthz on this port (0: any free one), on its own thread and connections,"
          + " for a supervisor's probes: it answers while the traffic port is saturated (default: none).")
  Integer healthPort;

  public ServeCommand(Io io) {
    super(io);
  }

  Settings settings() {
    return this.settings;
  }

  /** The options as given, checked; {@code blasThreads} is {@code --blas-threads}, or null for the default. */
  ServeOptions options(Integer blasThreads) {
    ServeOptions d = ServeOptions.defaults(files.model());
    return new ServeOptions(files.model(), files.weights(), host, ServeOptions.range("--port", port, 0, 65_535),
        ServeOptions.range("--max-batch", maxBatch, 1, 1 << 20),
        ServeOptions.range("--max-body-bytes", maxBodyBytes, 64, Integer.MAX_VALUE - 8),
        maxConcurrent == null ? d.maxConcurrent() : ServeOptions.range("--max-concurrent", maxConcurrent, 1, 1 << 16),
        blasThreads == null ? d.blasThreads() : ServeOptions.range("--blas-threads", blasThreads, 1, 1024),
        enableReload, ServeOptions.range("--drain-seconds", drainSeconds, 0, 3600),
        maxBodyBytesInFlight == null ? ServeOptions.defaultBodyBytesInFlight(maxBodyBytes)
            : ServeOptions.range("--max-body-bytes-in-flight", maxBodyBytesInFlight, maxBodyBytes, Integer.MAX_VALUE - 8),
        ServeOptions.range("--request-timeout", requestTimeout, 1, 3600),
        ServeOptions.range("--idle-timeout", idleTimeout, 1, 3600),
        ServeOptions.range("--max-connections", maxConnections, 1, 1 << 20),
        ServeOptions.range("--max-idle-connections", maxIdleConnections, 0, 1 << 20),
        healthPort == null ? ServeOptions.NO_HEALTH_PORT : ServeOptions.range("--health-port", healthPort, 0, 65_535));
  }

  /** Runs the server until the JVM shuts down; returns only on a start-up error. */
  @Override
  protected int run(Settings effective) {
    PrintStream out = io.out();
    ServeOptions options = options(effective.blasThreads());
    OutOfMemoryExit.install();
    PredictServer server = start(options, files.loader(), out);
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

  /**
   * Loads the model through {@code loader}, snapshots it into a predictor and starts serving it.
   * The loader is the seam for other model sources; reloads call it again on the same path.
   */
  static PredictServer start(ServeOptions options, Function<Path, Sequential> loader, PrintStream out) {
    Supplier<Predictor> load = () -> {
      try (Sequential model = loader.apply(options.model())) {
        int[] in = model.inputShape();
        Shapes.width(Arrays.copyOfRange(in, 1, in.length)); // unknown or huge sample shapes: a clear error
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
      if (server.healthPort() != ServeOptions.NO_HEALTH_PORT) {
        out.println("dense4j serve: health on http://" + hostForUrl(options.host()) + ":" + server.healthPort()
            + "/healthz (its own thread and connections; probe this port)");
      }
      if (!isLoopback(options.host())) {
        out.println("dense4j serve: NOTE: bound to " + options.host() + ", reachable from other hosts; there is no"
            + " authentication");
      }
      return server;
    } catch (UncheckedIOException e) {
      live.close();
      throw e;
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
