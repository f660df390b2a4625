// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.cli.serve;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.dense4j.cli.input.Batch;
import dev.dense4j.models.HotSwapPredictor;
import dev.dense4j.models.Predictor;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The HTTP front of a {@link HotSwapPredictor}, on the JDK's built-in server with one virtual
 * thread per exchange:
 *
 * <ul>
 *   <li>{@code POST /v1/predict} {@code {"inputs": [[…], …]}} → {@code {"outputs": [[…], …]}};
 *   <li>{@code GET /healthz}: 200 while serving, 503 while draining;
 *   <li>{@code GET /metrics}: Prometheus text ({@link ServerMetrics});
 *   <li>{@code POST /v1/reload}: re-reads the model and swaps it in; 403 unless enabled.
 * </ul>
 *
 * <p>Every failure is an answer: 400 for malformed JSON, wrong widths and non-finite values, 411
 * for a body without {@code Content-Length}, 413 for oversized bodies, 405/404 for wrong methods
 * and paths, 503 when overloaded or draining; a 500 only for a bug, and no failure ends a worker or
 * the server, except an {@link OutOfMemoryError}, which ends the process ({@link OutOfMemoryExit}).
 *
 * <p>Memory and time are bounded by design. A predict reserves its declared body length from the
 * {@link BodyBudget} before reading a byte (503 with {@code Retry-After} when it does not fit),
 * then its body streams into the JSON parser, which keeps only the samples' floats; the model runs
 * under the {@code --max-concurrent} limit. The JDK server itself closes connections past the
 * request and idle timeouts and beyond the connection cap ({@link JdkServerLimits}); a request
 * whose body stops arriving is closed by the request timeout, and leaves the in-flight count.
 *
 * <p>With {@code --health-port}, a {@link HealthListener} answers {@code GET /healthz} on a port of
 * its own, on one platform thread that never waits for request work, and reports the traffic
 * listener {@code "stalled"} when its {@link TrafficWatch} has had no answer from it for three
 * request timeouts.
 */
final class PredictServer implements AutoCloseable {

  private static final System.Logger LOG = System.getLogger("dev.dense4j.serve");
  private static final long QUEUE_TIMEOUT_MS = 5_000;
  private static final String JSON = "application/json";

  private final HotSwapPredictor predictor;
  private final Supplier<Predictor> reloader; // null: reload disabled
  private final ServeOptions options;
  private final String modelName;
  private final ServerMetrics metrics = new ServerMetrics();
  private final Semaphore computing;
  private final BodyBudget bodies;
  private final ExecutorService executor;
  private final HttpServer server;
  private final HealthListener healthListener; // null: no --health-port
  private final TrafficWatch watch; // null: no --health-port
  private final long stallMillis;
  private volatile boolean draining;

  /** Binds the socket; {@link #start()} begins serving. */
  PredictServer(HotSwapPredictor predictor, Supplier<Predictor> reloader, ServeOptions options, String modelName)
      throws IOException {
    this.predictor = predictor;
    this.reloader = reloader;
    this.options = options;
    this.modelName = modelName;
    this.computing = new Semaphore(options.maxConcurrent());
    this.bodies = new BodyBudget(options.maxBodyBytesInFlight());
    JdkServerLimits.apply(options);
    this.executor = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("dense4j-http-", 0).factory());
    this.server = HttpServer.create(new InetSocketAddress(options.host(), options.port()), 256);
    server.createContext("/", this::handle);
    server.setExecutor(executor);
    this.stallMillis = TrafficWatch.stallMillis(options.requestTimeoutSeconds());
    if (options.healthPort() == ServeOptions.NO_HEALTH_PORT) {
      this.healthListener = null;
      this.watch = null;
    } else {
      HealthListener h = null;
      try {
        h = new HealthListener(options.host(), options.healthPort(), this::probeHealth);
        this.watch = new TrafficWatch(options.host(), port());
        this.healthListener = h;
      } catch (IOException e) {
        if (h != null) {
          h.close();
        }
        server.stop(0);
        executor.close();
        throw new UncheckedIOException("cannot listen on " + options.host() + ":" + options.healthPort()
            + " (--health-port): " + e.getMessage(), e);
      }
    }
  }

  void start() {
    server.start();
    if (healthListener != null) {
      watch.start();
      healthListener.start();
    }
  }

  /** The bound port (useful with port 0). */
  int port() {
    return server.getAddress().getPort();
  }

  /** The health listener's bound port, or {@link ServeOptions#NO_HEALTH_PORT}. */
  int healthPort() {
    return healthListener == null ? ServeOptions.NO_HEALTH_PORT : healthListener.port();
  }

  ServerMetrics metrics() {
    return metrics;
  }

  /** A response to send: status, content type, body and an optional extra header. */
  private record Response(int status, String contentType, byte[] body, String header, String value) {
    static Response json(int status, byte[] body) {
      return new Response(status, JSON, body, null, null);
    }

    static Response error(int status, String message) {
      return json(status, JsonText.error(message));
    }

    /** 503 with {@code Retry-After}: try again in a second. */
    static Response busy(String message) {
      return new Response(503, JSON, JsonText.error(message), "Retry-After", "1");
    }
  }

  private void handle(HttpExchange ex) {
    String path = ex.getRequestURI().getPath();
    String endpoint = switch (path) {
      case "/v1/predict" -> "predict";
      case "/healthz" -> "healthz";
      case "/metrics" -> "metrics";
      case "/v1/reload" -> "reload";
      default -> "other";
    };
    try {
      Response r;
      try {
        r = route(endpoint, ex);
      } catch (BadRequest e) {
        r = Response.error(e.status(), e.getMessage());
      } catch (RuntimeException | Error e) {
        if (OutOfMemoryExit.causedByOutOfMemory(e)) {
          throw e; // ends the process (OutOfMemoryExit), not answered as a 500
        }
        LOG.log(Level.ERROR, "dense4j serve: " + ex.getRequestMethod() + " " + path + " failed", e);
        r = Response.error(500, "internal error: " + e.getClass().getSimpleName());
      }
      // counted before the answer leaves, so that a client's next request already sees it in /metrics
      metrics.response(endpoint, r.status());
      send(ex, r);
    } finally {
      ex.close();
    }
  }

  private Response route(String endpoint, HttpExchange ex) {
    String method = ex.getRequestMethod();
    return switch (endpoint) {
      case "predict" -> "POST".equals(method) ? predict(ex) : notAllowed("POST");
      case "healthz" -> "GET".equals(method) ? health() : notAllowed("GET");
      case "metrics" -> "GET".equals(method)
          ? new Response(200, "text/plain; version=0.0.4; charset=utf-8",
              metrics.render(modelName, bodies).getBytes(StandardCharsets.UTF_8), null, null)
          : notAllowed("GET");
      case "reload" -> "POST".equals(method) ? reload() : notAllowed("POST");
      default -> Response.error(404, "no such endpoint: " + ex.getRequestURI().getPath()
          + "; endpoints: POST /v1/predict, GET /healthz, GET /metrics, POST /v1/reload");
    };
  }

  private static Response notAllowed(String allow) {
    return new Response(405, JSON, JsonText.error("method not allowed; use " + allow), "Allow", allow);
  }

  private Response predict(HttpExchange ex) {
    long start = System.nanoTime();
    if (draining) {
      return Response.error(503, "shutting down");
    }
    long length = bodyLength(ex);
    if (!bodies.tryReserve(length)) {
      return Response.busy("overloaded: request bodies in flight would exceed " + bodies.capacity()
          + " bytes (--max-body-bytes-in-flight)");
    }
    metrics.enter();
    try {
      Batch batch = PredictJson.parse(ex.getRequestBody(), predictor.current().inputShape(), options.maxBatch());
      float[] y = new float[batch.rows() * predictor.outputWidth()];
      if (!computing.tryAcquire(QUEUE_TIMEOUT_MS, TimeUnit.MILLISECONDS)) {
        return Response.busy("overloaded: more than " + options.maxConcurrent() + " requests computing for "
            + QUEUE_TIMEOUT_MS + " ms");
      }
      try {
        predictor.predict(batch.values(), batch.rows(), y);
      } finally {
        computing.release();
      }
      Response r = Response.json(200, PredictJson.outputs(y, batch.rows(), predictor.current().outputShape()));
      metrics.predicted(batch.rows(), System.nanoTime() - start);
      return r;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Response.error(503, "interrupted");
    } catch (IllegalStateException e) {
      if (draining || predictor.isClosed()) {
        return Response.error(503, "shutting down"); // the predictor closed under this request
      }
      throw e; // a failure of this request alone: a 500, never mistaken for a shutdown
    } finally {
      metrics.exit();
      bodies.release(length);
    }
  }

  // the declared body length, which the budget reserves before a byte is read
  private long bodyLength(HttpExchange ex) {
    int max = options.maxBodyBytes();
    if (ex.getRequestHeaders().containsKey("Transfer-Encoding")) {
      throw new BadRequest(411, "send the body with a Content-Length; Transfer-Encoding is not accepted");
    }
    String declared = ex.getRequestHeaders().getFirst("Content-Length");
    if (declared == null) {
      return 0;
    }
    long length;
    try {
      length = Long.parseLong(declared.trim()); // the JDK server already refused negative lengths
    } catch (NumberFormatException e) {
      throw new BadRequest("Content-Length is not a number: " + declared);
    }
    if (length > max) {
      throw new BadRequest(413, "request body larger than " + max + " bytes (--max-body-bytes)");
    }
    return length;
  }

  private Response health() {
    return health(draining ? "draining" : "ok", "");
  }

  // the health port's answer: the same body, the traffic listener's silence, "stalled" past the limit
  private HealthListener.Answer probeHealth() {
    long silent = watch.silentMillis();
    Response r = health(probeStatus(draining, silent, stallMillis), ",\"traffic_listener_silent_ms\":" + silent);
    return new HealthListener.Answer(r.status(), r.body());
  }

  /** The health port's status: draining first, then stalled when the traffic listener is silent past the limit. */
  static String probeStatus(boolean draining, long silentMillis, long stallMillis) {
    return draining ? "draining" : silentMillis > stallMillis ? "stalled" : "ok";
  }

  private Response health(String status, String extra) {
    Predictor p = predictor.current();
    String body = "{\"status\":\"" + status + "\",\"model\":" + JsonText.quote(modelName)
        + ",\"input_shape\":" + JsonText.ints(p.inputShape()) + ",\"output_shape\":" + JsonText.ints(p.outputShape())
        + ",\"reloads\":" + predictor.swapCount() + extra + "}";
    return Response.json(status.equals("ok") ? 200 : 503, body.getBytes(StandardCharsets.UTF_8));
  }

  private Response reload() {
    if (reloader == null) {
      return Response.error(403, "reload is disabled; start the server with --enable-reload");
    }
    synchronized (reloader) {
      Predictor next;
      try {
        next = reloader.get();
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "dense4j serve: reload failed: {0}", e.toString());
        return Response.error(500, "reload failed, still serving the previous model: " + e.getMessage());
      }
      try {
        predictor.swap(next);
      } catch (IllegalArgumentException e) {
        next.close();
        return Response.error(409, e.getMessage() + "; still serving the previous model");
      }
      metrics.reloaded();
      return Response.json(200, ("{\"status\":\"reloaded\",\"reloads\":" + predictor.swapCount() + "}")
          .getBytes(StandardCharsets.UTF_8));
    }
  }

  private static void send(HttpExchange ex, Response r) {
    try {
      ex.getResponseHeaders().set("Content-Type", r.contentType());
      if (r.header() != null) {
        ex.getResponseHeaders().set(r.header(), r.value());
      }
      ex.sendResponseHeaders(r.status(), r.body().length == 0 ? -1 : r.body().length);
      try (OutputStream out = ex.getResponseBody()) {
        out.write(r.body());
      }
    } catch (IOException e) {
      // the client went away; nothing to answer
    }
  }

  /**
   * Graceful shutdown: health turns 503 (on both ports), new predict requests get 503, the traffic
   * listener closes, and requests in flight get up to {@code drainSeconds} to finish; then the
   * health listener closes and the model is freed.
   */
  @Override
  public void close() {
    draining = true;
    server.stop(options.drainSeconds());
    if (healthListener != null) {
      healthListener.close(); // answered "draining" until here
      watch.close();
    }
    predictor.close();
    executor.close();
  }
}
