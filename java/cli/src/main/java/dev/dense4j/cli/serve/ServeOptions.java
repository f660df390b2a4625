// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.cli.serve;

import dev.dense4j.cli.Io;
import java.nio.file.Path;
import picocli.CommandLine;

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
 * @param healthPort the port of the health listener ({@link HealthListener}), 0 for any free one, or
 *     {@link #NO_HEALTH_PORT} for none
 */
record ServeOptions(Path model, Path weights, String host, int port, int maxBatch, int maxBodyBytes,
    int maxConcurrent, int blasThreads, boolean enableReload, int drainSeconds, int maxBodyBytesInFlight,
    int requestTimeoutSeconds, int idleTimeoutSeconds, int maxConnections, int maxIdleConnections, int healthPort) {

  /** {@link #healthPort} when there is no health listener: probes go to the traffic port. */
  static final int NO_HEALTH_PORT = -1;

  /** Defaults for everything but the model. */
  static ServeOptions defaults(Path model) {
    int cpus = Runtime.getRuntime().availableProcessors();
    int maxBody = 8 << 20;
    return new ServeOptions(model, null, "127.0.0.1", 8080, 1024, maxBody, 2 * cpus, 1, false, 10,
        defaultBodyBytesInFlight(maxBody), 10, 30, 1024, 200, NO_HEALTH_PORT);
  }

  // an eighth of the heap (at most 1 GiB), and at least one largest body
  static int defaultBodyBytesInFlight(int maxBodyBytes) {
    return (int) Math.max(maxBodyBytes, Math.min(Runtime.getRuntime().maxMemory() / 8, 1L << 30));
  }

  /** Parses {@code serve}'s arguments (without the command name), as the command line does. */
  static ServeOptions parse(String... args) {
    ServeCommand c = CommandLine.populateCommand(new ServeCommand(new Io(System.in, System.out, System.err)), args);
    return c.options(c.settings().blasThreads());
  }

  /** Checks that {@code n} is in [min, max]; the message names the option. */
  static int range(String option, int n, int min, int max) {
    if (n < min || n > max) {
      throw new IllegalArgumentException(option + " must be an integer in [" + min + ", " + max + "]; received "
          + option + "=" + n);
    }
    return n;
  }
}
