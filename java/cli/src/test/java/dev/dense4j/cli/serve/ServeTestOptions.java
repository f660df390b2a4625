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
        maxBodyBytesInFlight, REQUEST_TIMEOUT_SECONDS, IDLE_TIMEOUT_SECONDS, MAX_CONNECTIONS, MAX_IDLE_CONNECTIONS);
  }
}
