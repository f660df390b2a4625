// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.cli.serve;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * What the health port knows about the traffic listener: once a second, a platform thread asks
 * the traffic listener's {@code GET /healthz} over one kept-alive loopback connection (reopened
 * when closed) and notes when an answer last came back, whatever its status. The health port
 * reads that time (a volatile read, never a wait) and reports {@code "stalled"} when the traffic
 * listener has answered nothing for {@link #stallMillis}: its dispatcher is wedged, or its
 * connection cap stayed full past what the request timeout bounds, so that a supervisor can
 * restart a server that no longer serves, while an attack on the traffic port cannot slow the
 * probe itself.
 *
 * <p>The watch's requests are counted in the traffic listener's metrics under
 * {@code endpoint="healthz"}, one a second.
 */
final class TrafficWatch implements AutoCloseable {

  /** How often the traffic listener is asked, in milliseconds. */
  static final long EVERY_MS = 1_000;
  /** How long one connect or answer may take, in milliseconds, before the watch reconnects. */
  static final int TIMEOUT_MS = 5_000;

  private final String host;
  private final int port;
  private final Thread thread;
  private volatile long lastAnswerNanos = System.nanoTime();
  private volatile boolean running = true;
  private volatile HttpConnection connection; // written by the watch's thread; closed by close() too

  /** Watches the listener bound to {@code host:port}; a wildcard address is reached on loopback. */
  TrafficWatch(String host, int port) throws UnknownHostException {
    InetAddress a = InetAddress.getByName(host);
    this.host = (a.isAnyLocalAddress() ? InetAddress.getLoopbackAddress() : a).getHostAddress();
    this.port = port;
    this.thread = Thread.ofPlatform().name("dense4j-health-watch").daemon().unstarted(this::loop);
  }

  /**
   * How long the traffic listener may answer nothing before health reports it stalled: three
   * request timeouts, the time within which the timeouts free a slot for the watch's connection
   * three times over.
   */
  static long stallMillis(int requestTimeoutSeconds) {
    return 3L * requestTimeoutSeconds * 1000;
  }

  void start() {
    thread.start();
  }

  /** Milliseconds since the traffic listener last answered (since the start, before its first answer). */
  long silentMillis() {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - lastAnswerNanos);
  }

  private void loop() {
    while (running) {
      long next = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(EVERY_MS);
      try {
        if (connection == null) {
          connection = new HttpConnection(host, port, TIMEOUT_MS, TIMEOUT_MS);
        }
        connection.get("/healthz");
        lastAnswerNanos = System.nanoTime();
      } catch (IOException e) {
        closeConnection(); // closed by the server (a timeout, the idle cap) or refused: reconnect next time
      }
      for (long wait = next - System.nanoTime(); running && wait > 0; wait = next - System.nanoTime()) {
        LockSupport.parkNanos(wait);
      }
    }
    closeConnection();
  }

  private void closeConnection() {
    HttpConnection c = connection;
    connection = null;
    if (c != null) {
      try {
        c.close();
      } catch (IOException e) {
        // gone already
      }
    }
  }

  @Override
  public void close() {
    running = false;
    LockSupport.unpark(thread);
    HttpConnection c = connection;
    if (c != null) {
      try {
        c.close(); // ends a read in progress at once
      } catch (IOException e) {
        // gone already
      }
    }
    try {
      thread.join(TIMEOUT_MS + 1_000L);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
