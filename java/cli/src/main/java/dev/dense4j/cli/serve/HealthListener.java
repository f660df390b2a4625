// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.cli.serve;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * A second listener that answers only {@code GET /healthz}, for a supervisor's probes (a
 * Kubernetes liveness or readiness probe, a load balancer's health check): its own port, its own
 * selector and one platform thread, so that a probe never waits for request work — not for the
 * virtual-thread carriers that parse and compute predicts, not for the traffic listener's
 * dispatcher, connection cap or timeouts, and not for any lock.
 *
 * <p>Its own bounds: at most {@value #MAX_CONNECTIONS} connections, and when a new one arrives at
 * the cap the oldest is closed, so a flood of connections that never finish their request cannot
 * keep a probe out (each probe connects anew and is answered within its round trip, while the
 * holders are older); a request head must arrive within {@value #HEAD_TIMEOUT_MS} ms and fit in
 * {@value #MAX_HEAD_BYTES} bytes. Every answer carries {@code Connection: close} and the
 * connection is closed after it; a request body is not read. Anything but {@code GET /healthz} is
 * a 404 or 405. The answer itself comes from a supplier that must not block (volatile reads).
 */
final class HealthListener implements AutoCloseable {

  /** The most open connections on the health port; a new one beyond it closes the oldest. */
  static final int MAX_CONNECTIONS = 32;
  /** How long a connection may take to send its request head, in milliseconds. */
  static final int HEAD_TIMEOUT_MS = 2_000;
  /** The largest request head (request line and header fields). */
  static final int MAX_HEAD_BYTES = 2_048;

  private static final System.Logger LOG = System.getLogger("dev.dense4j.serve");
  private static final int ACCEPTS_PER_ROUND = 64;

  /** A health answer: status and JSON body. */
  record Answer(int status, byte[] json) {}

  private record Pending(SocketChannel channel, ByteBuffer head, long deadline) {}

  private final ServerSocketChannel listener;
  private final Selector selector;
  private final Supplier<Answer> health;
  private final ArrayDeque<Pending> pending = new ArrayDeque<>(); // oldest first
  private final Thread thread;
  private volatile boolean running = true;

  /** Binds {@code host:port} (0: any free port); {@link #start()} begins answering. */
  HealthListener(String host, int port, Supplier<Answer> health) throws IOException {
    this.health = health;
    this.selector = Selector.open();
    try {
      this.listener = ServerSocketChannel.open();
      listener.bind(new InetSocketAddress(host, port), MAX_CONNECTIONS);
      listener.configureBlocking(false);
      listener.register(selector, SelectionKey.OP_ACCEPT);
    } catch (IOException e) {
      selector.close();
      throw e;
    }
    this.thread = Thread.ofPlatform().name("dense4j-health").daemon().unstarted(this::loop);
  }

  void start() {
    thread.start();
  }

  /** The bound port (useful with port 0). */
  int port() {
    return listener.socket().getLocalPort();
  }

  private void loop() {
    while (running) {
      try {
        selector.select(100);
        // requests that arrived first, then new connections, so a flood of connects cannot evict a
        // connection whose request is already here
        for (Iterator<SelectionKey> it = selector.selectedKeys().iterator(); it.hasNext();) {
          SelectionKey key = it.next();
          if (key.isValid() && key.isReadable()) {
            it.remove();
            read((Pending) key.attachment());
          }
        }
        if (!selector.selectedKeys().isEmpty()) {
          selector.selectedKeys().clear();
          accept();
        }
        expire(System.nanoTime());
      } catch (IOException | RuntimeException e) {
        if (running) {
          LOG.log(Level.WARNING, "dense4j serve: health listener: {0}", e.toString());
          LockSupport.parkNanos(10_000_000L); // e.g. out of file descriptors: retry without spinning
        }
      }
    }
  }

  private void accept() throws IOException {
    for (int i = 0; i < ACCEPTS_PER_ROUND; i++) {
      SocketChannel c = listener.accept();
      if (c == null) {
        return;
      }
      if (pending.size() >= MAX_CONNECTIONS) {
        close(pending.pollFirst()); // the oldest has had the longest to send its request
      }
      Pending p = new Pending(c, ByteBuffer.allocate(MAX_HEAD_BYTES),
          System.nanoTime() + HEAD_TIMEOUT_MS * 1_000_000L);
      try {
        c.configureBlocking(false);
        c.setOption(StandardSocketOptions.TCP_NODELAY, true);
        c.register(selector, SelectionKey.OP_READ, p);
      } catch (IOException e) {
        c.close();
        continue;
      }
      pending.addLast(p);
      read(p); // a probe's request usually arrives with its connection
    }
  }

  private void read(Pending p) {
    try {
      int n = p.channel().read(p.head());
      if (n < 0) {
        close(p);
        return;
      }
      String head = new String(p.head().array(), 0, p.head().position(), StandardCharsets.ISO_8859_1);
      if (head.contains("\r\n\r\n") || head.contains("\n\n")) {
        answer(p, head);
      } else if (!p.head().hasRemaining()) {
        reply(p, 431, JsonText.error("request head larger than " + MAX_HEAD_BYTES + " bytes"), null);
      }
    } catch (IOException e) {
      close(p);
    }
  }

  private void answer(Pending p, String head) throws IOException {
    int end = head.indexOf('\n');
    String[] line = head.substring(0, end).trim().split(" ");
    if (line.length != 3 || !line[2].startsWith("HTTP/1.")) {
      reply(p, 400, JsonText.error("expected a request line like GET /healthz HTTP/1.1"), null);
      return;
    }
    int query = line[1].indexOf('?');
    String path = query < 0 ? line[1] : line[1].substring(0, query);
    if (!path.equals("/healthz")) {
      reply(p, 404, JsonText.error("no such endpoint: " + path + "; the health port serves GET /healthz"), null);
    } else if (!line[0].equals("GET")) {
      reply(p, 405, JsonText.error("method not allowed; use GET"), "Allow: GET\r\n");
    } else {
      Answer a = health.get();
      reply(p, a.status(), a.json(), null);
    }
  }

  // answers and closes; the answer is small enough for a new connection's send buffer
  private void reply(Pending p, int status, byte[] body, String extraHeader) throws IOException {
    String head = "HTTP/1.1 " + status + " " + reason(status) + "\r\nContent-Type: application/json\r\n"
        + "Content-Length: " + body.length + "\r\nConnection: close\r\n" + (extraHeader == null ? "" : extraHeader)
        + "\r\n";
    byte[] h = head.getBytes(StandardCharsets.US_ASCII);
    ByteBuffer out = ByteBuffer.allocate(h.length + body.length).put(h).put(body).flip();
    for (int tries = 0; out.hasRemaining() && tries < 4; tries++) {
      p.channel().write(out);
    }
    p.head().clear();
    p.channel().read(p.head()); // what else already arrived: a close with unread bytes would reset the answer
    close(p);
  }

  private static String reason(int status) {
    return switch (status) {
      case 200 -> "OK";
      case 400 -> "Bad Request";
      case 404 -> "Not Found";
      case 405 -> "Method Not Allowed";
      case 431 -> "Request Header Fields Too Large";
      case 503 -> "Service Unavailable";
      default -> "Status";
    };
  }

  private void expire(long now) {
    while (!pending.isEmpty() && now - pending.peekFirst().deadline() > 0) {
      close(pending.pollFirst());
    }
  }

  private void close(Pending p) {
    pending.remove(p); // at most MAX_CONNECTIONS entries
    try {
      p.channel().close();
    } catch (IOException e) {
      // already gone
    }
  }

  /** Stops answering and closes the port and every connection on it. */
  @Override
  public void close() {
    running = false;
    selector.wakeup();
    try {
      thread.join(2_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    for (Pending p : pending.toArray(Pending[]::new)) {
      close(p);
    }
    try {
      listener.close();
      selector.close();
    } catch (IOException e) {
      // closing anyway
    }
  }
}
