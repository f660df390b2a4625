// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.cli.serve;

import java.nio.file.Path;

/**
 * Serve options for tests on an ephemeral loopback port. The connection limits are the same for
 * every server in the test JVM (the JDK server reads them once per process) and short, so that
 * the timeouts show within seconds.
 */
final class ServeTestOptions {

  static final int REQUEST_TIMEOUT_SECONDS = 3;
  static final int IDLE_TIMEOUT_SECONDS = 3;
  static final int MAX_CONNECTIONS = 40;
  static final int MAX_IDLE_CONNECTIONS = 16;

  private ServeTestOptions() {}

  static ServeOptions of(Path model, int maxBatch, int maxBodyBytes, int maxConcurrent, boolean reload,
      int drainSeconds, int maxBodyBytesInFlight) {
    return new ServeOptions(model, null, "127.0.0.1", 0, maxBatch, maxBodyBytes, maxConcurrent, 1, reload, drainSeconds,
        maxBodyBytesInFlight, REQUEST_TIMEOUT_SECONDS, IDLE_TIMEOUT_SECONDS, MAX_CONNECTIONS, MAX_IDLE_CONNECTIONS,
        ServeOptions.NO_HEALTH_PORT);
  }

  /** The same options with a health listener on an ephemeral port. */
  static ServeOptions withHealthPort(ServeOptions o) {
    return new ServeOptions(o.model(), o.weights(), o.host(), o.port(), o.maxBatch(), o.maxBodyBytes(),
        o.maxConcurrent(), o.blasThreads(), o.enableReload(), o.drainSeconds(), o.maxBodyBytesInFlight(),
        o.requestTimeoutSeconds(), o.idleTimeoutSeconds(), o.maxConnections(), o.maxIdleConnections(), 0);
  }
}
