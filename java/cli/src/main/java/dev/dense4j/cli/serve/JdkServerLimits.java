// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.cli.serve;

import java.util.Map;
import java.util.TreeMap;

/**
 * The connection limits of the JDK's HTTP server ({@code jdk.httpserver}), set from the serve
 * options. That server enforces them itself: it closes a connection whose request (headers and
 * body) has not fully arrived within the request timeout, or whose answer has not been written
 * within it; a connection that has sent nothing, or sits idle between requests, after the idle
 * timeout (the shorter of the two for the first); idle connections beyond their limit; and every
 * connection accepted beyond the open-connection cap, at once. It also refuses request headers
 * beyond {@link #MAX_HEADER_BYTES} and {@link #MAX_HEADERS}.
 *
 * <p>It reads these limits once per process, from system properties, when its first server is
 * made; so they are set here before that, and a later server asking for other limits is refused
 * rather than silently given the first ones.
 */
final class JdkServerLimits {

  /** The most bytes of request headers (names, values and 32 per field, as the JDK counts them). */
  static final int MAX_HEADER_BYTES = 8 << 10;
  /** The most request header fields. */
  static final int MAX_HEADERS = 64;
  /** How often the server looks for connections past a timeout, in milliseconds. */
  static final int CHECK_EVERY_MS = 500;

  private static Map<String, String> applied;

  private JdkServerLimits() {}

  /** Sets the limits for this process; call before the first {@code HttpServer} is made. */
  static synchronized void apply(ServeOptions options) {
    Map<String, String> wanted = properties(options);
    if (applied == null) {
      wanted.forEach(System::setProperty);
      applied = wanted;
    } else if (!applied.equals(wanted)) {
      throw new IllegalStateException("PredictServer: the JDK HTTP server takes its connection limits once per"
          + " process; expected the limits already in force " + applied + "; received " + wanted);
    }
  }

  static Map<String, String> properties(ServeOptions o) {
    Map<String, String> p = new TreeMap<>();
    p.put("jdk.httpserver.maxConnections", Integer.toString(o.maxConnections()));
    p.put("sun.net.httpserver.maxIdleConnections", Integer.toString(o.maxIdleConnections()));
    p.put("sun.net.httpserver.idleInterval", Integer.toString(o.idleTimeoutSeconds())); // seconds
    p.put("sun.net.httpserver.maxReqTime", Integer.toString(o.requestTimeoutSeconds())); // seconds
    p.put("sun.net.httpserver.maxRspTime", Integer.toString(o.requestTimeoutSeconds())); // seconds
    p.put("sun.net.httpserver.clockTick", Integer.toString(CHECK_EVERY_MS)); // idle check, ms
    p.put("sun.net.httpserver.timerMillis", Integer.toString(CHECK_EVERY_MS)); // request/response check, ms
    p.put("sun.net.httpserver.maxReqHeaderSize", Integer.toString(MAX_HEADER_BYTES));
    p.put("sun.net.httpserver.maxReqHeaders", Integer.toString(MAX_HEADERS));
    return p;
  }
}
