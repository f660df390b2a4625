// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.cli.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dense4j.cli.CliCommand;
import dev.dense4j.cli.Io;
import dev.dense4j.cli.Settings;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code dense4j loadtest URL …}: a bounded load generator for a {@code dense4j serve} on this
 * machine. For each number of concurrent clients (one persistent connection each) it sends a fixed
 * number of predict requests with seeded random inputs and reports throughput and latency
 * quantiles; {@code --soak N} instead sends N requests and samples the server's resident memory
 * and thread counts from {@code /metrics} as it goes. Only loopback targets are accepted.
 */
@Command(name = "loadtest", mixinStandardHelpOptions = true,
    description = {"Load a running dense4j serve on this machine and report throughput and latencies.",
      "Per number of clients, or with --soak N: N requests while sampling the server's memory and threads."})
public final class LoadTestCommand extends CliCommand {

  @Parameters(index = "0", paramLabel = "URL", description = "The server, e.g. http://127.0.0.1:8080 (loopback only).")
  String url;

  @Option(names = "--clients", paramLabel = "C[,C...]", split = ",",
      description = "Concurrent clients per level (default: 1,2,8,64; 8 for --soak).")
  int[] clients;

  @Option(names = "--requests", paramLabel = "N", defaultValue = "4000", description = "Requests per level.")
  long requests;

  @Option(names = "--warmup", paramLabel = "N", defaultValue = "2000", description = "Requests before measuring.")
  long warmup;

  @Option(names = "--batch", paramLabel = "N", defaultValue = "1", description = "Samples per request.")
  int batch;

  @Option(names = "--max-seconds", paramLabel = "S",
      description = "Wall-time bound per level and for the soak (default: 60; 1800 for --soak).")
  Integer maxSeconds;

  @Option(names = "--soak", paramLabel = "N", defaultValue = "0", description = "Run a soak of N requests instead.")
  long soak;

  @Option(names = "--samples", paramLabel = "K", defaultValue = "20", description = "Memory samples in a soak.")
  int samples;

  public LoadTestCommand(Io io) {
    super(io);
  }

  /** Parses {@code args} (without the command name) and runs the load test. */
  public static int run(String[] args, PrintStream out) {
    LoadTestCommand c = CommandLine.populateCommand(new LoadTestCommand(new Io(System.in, out, System.err)), args);
    return run(c.options(), out);
  }

  @Override
  protected int run(Settings effective) {
    return run(options(), io.out());
  }

  LoadTestOptions options() {
    return LoadTestOptions.of(loopback(url), clients, requests, warmup, batch, maxSeconds, soak, samples);
  }

  private static int run(LoadTestOptions o, PrintStream out) {
    byte[][] bodies = bodies(o, inputWidth(o));
    out.printf(Locale.ROOT, "dense4j loadtest: %s, batch %d, %d distinct request bodies of %d bytes%n", o.target(),
        o.batch(), bodies.length, bodies[0].length);
    run(o, bodies, 8, o.warmup(), null); // warm-up, not reported
    if (o.soak() > 0) {
      return soak(o, bodies, out);
    }
    out.println("clients  requests  errors     req/s    rows/s   p50 ms   p99 ms  p99.9 ms");
    for (int clients : o.clients()) {
      Level l = run(o, bodies, clients, o.requests(), null);
      out.printf(Locale.ROOT, "%7d  %8d  %6d  %8.0f  %8.0f  %7.3f  %7.3f  %8.3f%n", clients, l.done, l.errors,
          l.done / l.seconds, l.done * o.batch() / l.seconds, ms(l.latency.quantile(0.5)),
          ms(l.latency.quantile(0.99)), ms(l.latency.quantile(0.999)));
    }
    return 0;
  }

  /** The outcome of one run: requests answered, errors, wall time and client-side latencies. */
  record Level(long done, long errors, double seconds, LatencyHistogram latency) {}

  /** Sends {@code requests} requests from {@code clients} connections; {@code onProgress} sees the count. */
  static Level run(LoadTestOptions o, byte[][] bodies, int clients, long requests, LongConsumer onProgress) {
    AtomicLong next = new AtomicLong();
    AtomicLong done = new AtomicLong();
    AtomicLong errors = new AtomicLong();
    LatencyHistogram latency = new LatencyHistogram();
    long deadline = System.nanoTime() + o.maxSeconds() * 1_000_000_000L;
    List<Thread> threads = new ArrayList<>();
    List<Throwable> failures = new ArrayList<>();
    long t0 = System.nanoTime();
    for (int c = 0; c < clients; c++) {
      threads.add(Thread.ofPlatform().name("loadtest-" + c).start(() -> {
        try (HttpConnection conn = new HttpConnection(o.host(), o.port())) {
          for (long i = next.getAndIncrement(); i < requests && System.nanoTime() < deadline;
              i = next.getAndIncrement()) {
            long s = System.nanoTime();
            HttpConnection.Reply r = conn.post("/v1/predict", bodies[(int) (i % bodies.length)]);
            latency.record(System.nanoTime() - s);
            if (r.status() != 200) {
              errors.incrementAndGet();
            }
            done.incrementAndGet();
          }
        } catch (IOException | RuntimeException e) {
          synchronized (failures) {
            failures.add(e);
          }
        }
      }));
    }
    join(threads, onProgress == null ? null : () -> onProgress.accept(done.get()));
    if (!failures.isEmpty()) {
      throw new UncheckedIOException(new IOException("loadtest: " + failures.size() + " client(s) failed; first: "
          + failures.get(0), failures.get(0)));
    }
    return new Level(done.get(), errors.get(), (System.nanoTime() - t0) / 1e9, latency);
  }

  private static void join(List<Thread> threads, Runnable onProgress) {
    try {
      for (Thread t : threads) {
        while (!t.join(java.time.Duration.ofMillis(200))) {
          if (onProgress != null) {
            onProgress.run();
          }
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  // N requests from the soak clients; the server's RSS and threads sampled about K times
  private static int soak(LoadTestOptions o, byte[][] bodies, PrintStream out) {
    int clients = o.clients()[0];
    out.printf(Locale.ROOT, "soak: %d requests (%d predictions) from %d clients%n", o.soak(), o.soak() * o.batch(),
        clients);
    out.println("  seconds   requests   rss MiB  os threads  jvm threads");
    SoakSampler sampler = new SoakSampler(o, out);
    sampler.sample(0, 0);
    long t0 = System.nanoTime();
    long every = Math.max(1, o.soak() / o.samples());
    AtomicLong nextSample = new AtomicLong(every);
    Level l = run(o, bodies, clients, o.soak(), done -> {
      if (done >= nextSample.get()) {
        nextSample.addAndGet(every);
        sampler.sample((System.nanoTime() - t0) / 1e9, done);
      }
    });
    sampler.sample((System.nanoTime() - t0) / 1e9, l.done);
    out.printf(Locale.ROOT, "soak: %d requests, %d errors in %.1f s (%.0f req/s), p50 %.3f ms, p99 %.3f ms, p99.9 %.3f ms%n",
        l.done, l.errors, l.seconds, l.done / l.seconds, ms(l.latency.quantile(0.5)), ms(l.latency.quantile(0.99)),
        ms(l.latency.quantile(0.999)));
    out.println(sampler.summary());
    return l.errors == 0 && l.done == o.soak() ? 0 : 1;
  }

  private static int inputWidth(LoadTestOptions o) {
    try (HttpConnection c = new HttpConnection(o.host(), o.port())) {
      HttpConnection.Reply r = c.get("/healthz");
      if (r.status() != 200) {
        throw new IllegalStateException("loadtest: " + o.target() + "/healthz answered " + r.status() + ": " + r.text());
      }
      JsonNode shape = new ObjectMapper().readTree(r.body()).get("input_shape");
      int width = 1;
      for (JsonNode d : shape) {
        width *= d.asInt();
      }
      return width;
    } catch (IOException e) {
      throw new UncheckedIOException("loadtest: cannot reach " + o.target() + ": " + e.getMessage(), e);
    }
  }

  // distinct seeded bodies, so that no layer of caching can answer instead of the model
  private static byte[][] bodies(LoadTestOptions o, int width) {
    SplittableRandom rng = new SplittableRandom(42);
    byte[][] bodies = new byte[64][];
    for (int b = 0; b < bodies.length; b++) {
      StringBuilder s = new StringBuilder("{\"inputs\":[");
      for (int r = 0; r < o.batch(); r++) {
        s.append(r == 0 ? "[" : ",[");
        for (int i = 0; i < width; i++) {
          s.append(i == 0 ? "" : ",").append((float) rng.nextDouble());
        }
        s.append(']');
      }
      bodies[b] = s.append("]}").toString().getBytes(StandardCharsets.UTF_8);
    }
    return bodies;
  }

  static double ms(long nanos) {
    return nanos / 1e6;
  }

  /** Host, port and base URL of a loopback target. */
  static URI loopback(String url) {
    URI u = URI.create(url);
    String h = u.getHost();
    if (!"http".equals(u.getScheme()) || h == null || u.getPort() < 0) {
      throw new IllegalArgumentException("expected a URL like http://127.0.0.1:8080; received " + url);
    }
    if (!(h.equals("localhost") || h.startsWith("127.") || h.equals("[::1]") || h.equals("::1"))) {
      throw new IllegalArgumentException("loadtest only targets this machine (127.0.0.1, localhost, ::1); received host "
          + h);
    }
    return u;
  }
}
