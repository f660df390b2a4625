// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.cli.serve;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The options of {@code dense4j serve MODEL}.
 *
 * @param model the model file ({@code .keras}, {@code .h5}, or a JSON config with {@code weights})
 * @param weights the weights file for a JSON config, or null
 * @param host the address to bind; loopback unless told otherwise
 * @param port the TCP port; 0 picks a free one
 * @param maxBatch the most samples per predict request
 * @param maxBodyBytes the largest request body accepted
 * @param maxConcurrent predict requests computed at once; others wait up to 5 s, then get 503
 * @param blasThreads BLAS threads per call (set process-wide where OpenBLAS has no per-thread count)
 * @param enableReload whether {@code POST /v1/reload} re-reads the model file
 * @param drainSeconds how long a shutdown waits for requests in flight
 * @param maxBodyBytesInFlight the most request-body bytes (by {@code Content-Length}) being read,
 *     parsed or computed at once, over all connections; beyond it a predict gets 503 with
 *     {@code Retry-After}
 * @param requestTimeoutSeconds how long a request may take to arrive, from its first byte to its
 *     last body byte (headers and body), and how long its answer may take once it arrived; a
 *     connection that sends nothing is closed after this or the idle timeout, whichever is shorter
 * @param idleTimeoutSeconds how long a kept-alive connection may sit idle between requests
 * @param maxConnections the most open connections; more are closed as soon as they are accepted
 * @param maxIdleConnections the most kept-alive idle connections; more are closed after their answer
 */
record ServeOptions(Path model, Path weights, String host, int port, int maxBatch, int maxBodyBytes,
    int maxConcurrent, int blasThreads, boolean enableReload, int drainSeconds, int maxBodyBytesInFlight,
    int requestTimeoutSeconds, int idleTimeoutSeconds, int maxConnections, int maxIdleConnections) {

  static final String USAGE = "serve MODEL [--port N] [--host ADDR] [--weights W.h5] [--max-batch N]"
      + " [--max-body-bytes N] [--max-concurrent N] [--blas-threads N] [--enable-reload] [--drain-seconds N]"
      + " [--max-body-bytes-in-flight N] [--request-timeout S] [--idle-timeout S] [--max-connections N]"
      + " [--max-idle-connections N]";

  /** Defaults for everything but the model. */
  static ServeOptions defaults(Path model) {
    int cpus = Runtime.getRuntime().availableProcessors();
    int maxBody = 8 << 20;
    return new ServeOptions(model, null, "127.0.0.1", 8080, 1024, maxBody, 2 * cpus, 1, false, 10,
        defaultBodyBytesInFlight(maxBody), 10, 30, 1024, 200);
  }

  // an eighth of the heap (at most 1 GiB), and at least one largest body
  static int defaultBodyBytesInFlight(int maxBodyBytes) {
    return (int) Math.max(maxBodyBytes, Math.min(Runtime.getRuntime().maxMemory() / 8, 1L << 30));
  }

  private static final Set<String> VALUED = Set.of("--host", "--weights", "--port", "--max-batch",
      "--max-body-bytes", "--max-concurrent", "--blas-threads", "--drain-seconds", "--max-body-bytes-in-flight",
      "--request-timeout", "--idle-timeout", "--max-connections", "--max-idle-connections");

  static ServeOptions parse(String[] args) {
    List<String> positional = new ArrayList<>();
    Map<String, String> values = new HashMap<>();
    boolean reload = false;
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (a.equals("--enable-reload")) {
        reload = true;
      } else if (VALUED.contains(a)) {
        values.put(a, value(args, ++i, a));
      } else if (a.startsWith("--")) {
        throw new IllegalArgumentException("unknown option " + a + "; usage: " + USAGE);
      } else {
        positional.add(a);
      }
    }
    if (positional.size() != 1) {
      throw new IllegalArgumentException("expected one MODEL; received " + positional + "; usage: " + USAGE);
    }
    Path model = Path.of(positional.get(0));
    if (!Files.isRegularFile(model)) {
      throw new IllegalArgumentException("MODEL " + model + " is not a file");
    }
    ServeOptions d = defaults(model);
    String weights = values.get("--weights");
    int maxBody = number(values, "--max-body-bytes", 64, Integer.MAX_VALUE - 8, d.maxBodyBytes);
    return new ServeOptions(model, weights == null ? null : Path.of(weights), values.getOrDefault("--host", d.host),
        number(values, "--port", 0, 65_535, d.port), number(values, "--max-batch", 1, 1 << 20, d.maxBatch),
        maxBody, number(values, "--max-concurrent", 1, 1 << 16, d.maxConcurrent),
        number(values, "--blas-threads", 1, 1024, d.blasThreads), reload,
        number(values, "--drain-seconds", 0, 3600, d.drainSeconds),
        number(values, "--max-body-bytes-in-flight", maxBody, Integer.MAX_VALUE - 8, defaultBodyBytesInFlight(maxBody)),
        number(values, "--request-timeout", 1, 3600, d.requestTimeoutSeconds),
        number(values, "--idle-timeout", 1, 3600, d.idleTimeoutSeconds),
        number(values, "--max-connections", 1, 1 << 20, d.maxConnections),
        number(values, "--max-idle-connections", 0, 1 << 20, d.maxIdleConnections));
  }

  private static String value(String[] args, int i, String option) {
    if (i >= args.length) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    return args[i];
  }

  private static int number(Map<String, String> values, String option, int min, int max, int otherwise) {
    String v = values.get(option);
    if (v == null) {
      return otherwise;
    }
    try {
      int n = Integer.parseInt(v);
      if (n >= min && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(option + " must be an integer in [" + min + ", " + max + "]; received " + option
        + "=" + v);
  }
}
