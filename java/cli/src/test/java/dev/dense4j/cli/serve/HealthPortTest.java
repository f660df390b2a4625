// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.cli.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dense4j.activations.Activation;
import dev.dense4j.layers.Dense;
import dev.dense4j.models.Sequential;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The health port ({@code --health-port}) on loopback (ephemeral ports): it answers within a
 * probe's 1 s while the traffic port's connection cap is full, while every virtual-thread carrier
 * computes, and while it is flooded itself; it turns 503 while draining; it answers only
 * {@code GET /healthz}. Every wait has a deadline.
 */
class HealthPortTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long PROBE_LIMIT_MS = 1_000; // a Kubernetes probe's default timeoutSeconds
  private static final byte[] REQUEST = "{\"inputs\": [[1, 2, 3, 4]]}".getBytes(StandardCharsets.UTF_8);

  @TempDir
  Path dir;

  private PredictServer server;
  private HealthListener listener;
  private final List<Socket> sockets = new ArrayList<>();

  @AfterEach
  void stop() throws IOException {
    for (Socket s : sockets) {
      s.close();
    }
    if (server != null) {
      server.close();
    }
    if (listener != null) {
      listener.close();
    }
  }

  private void start(Function<Path, Sequential> loader, int maxConcurrent) throws IOException {
    Path model = Files.writeString(dir.resolve("model.keras"), "placeholder");
    ServeOptions o = ServeTestOptions.withHealthPort(ServeTestOptions.of(model, 8, 1 << 20, maxConcurrent, false, 10,
        8 << 20));
    server = ServeCommand.start(o, loader, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    assertTrue(server.healthPort() > 0 && server.healthPort() != server.port(), "health port " + server.healthPort());
  }

  private Socket open(int port, String firstBytes) throws IOException {
    Socket s = new Socket();
    sockets.add(s);
    s.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
    s.setSoTimeout(10_000);
    s.getOutputStream().write(firstBytes.getBytes(StandardCharsets.ISO_8859_1));
    s.getOutputStream().flush();
    return s;
  }

  /** A probe as a supervisor makes it: a new connection, one GET, the whole answer within 1 s. */
  private record Probe(String reply, long ms) {
    int status() {
      return Integer.parseInt(reply.substring(9, 12));
    }

    JsonNode json() throws IOException {
      return JSON.readTree(reply.substring(reply.indexOf("\r\n\r\n") + 4));
    }
  }

  private static Probe probe(int port, String request) throws IOException {
    long start = System.nanoTime();
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), (int) PROBE_LIMIT_MS);
      s.setSoTimeout((int) PROBE_LIMIT_MS);
      s.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
      String reply = RawReply.read(s.getInputStream());
      long ms = (System.nanoTime() - start) / 1_000_000;
      assertTrue(reply.startsWith("HTTP/1.1 "), "an answer, not a close: [" + reply + "]");
      return new Probe(reply, ms);
    }
  }

  private static Probe probeHealth(int port) throws IOException {
    Probe p = probe(port, "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
    assertTrue(p.ms() < PROBE_LIMIT_MS, p.ms() + " ms");
    return p;
  }

  private static boolean closedWithin(Socket s, int ms) throws IOException {
    s.setSoTimeout(ms);
    InputStream in = s.getInputStream();
    try {
      return in.read() < 0;
    } catch (SocketTimeoutException e) {
      return false;
    } catch (IOException e) {
      return true; // reset
    }
  }

  @Test
  void answersWhileTheTrafficPortsConnectionCapIsFull() throws Exception {
    start(p -> ServeModels.mlp(1), 4);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (server.metrics().count("healthz", 200) == 0) { // the watch's connection is open
      assertTrue(System.nanoTime() < deadline, "the watch's first check within 10 s");
      Thread.sleep(10);
    }
    for (int i = 0; i < ServeTestOptions.MAX_CONNECTIONS + 5; i++) {
      open(server.port(), "GET /healthz HTTP/1.1\r\nHost: x\r\n"); // never finished
    }
    Socket fresh = open(server.port(), "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
    assertTrue(closedWithin(fresh, 2_000), "the traffic port closes a connection beyond its cap at once");
    for (int i = 0; i < 10; i++) {
      Probe p = probeHealth(server.healthPort());
      assertEquals(200, p.status(), p.reply());
      JsonNode body = p.json();
      assertEquals("ok", body.get("status").asText());
      assertEquals("served_v1", body.get("model").asText());
      assertEquals("[4]", body.get("input_shape").toString());
      assertEquals("[2]", body.get("output_shape").toString());
      // the watch's own connection was open before the cap filled: the traffic port still answers on it
      assertTrue(body.get("traffic_listener_silent_ms").asLong() < 2_500, p.reply());
      Thread.sleep(100);
    }
  }

  @Test
  void answersWhileEveryVirtualThreadCarrierComputes() throws Exception {
    int carriers = Runtime.getRuntime().availableProcessors(); // the virtual-thread scheduler's parallelism
    AtomicInteger spinning = new AtomicInteger();
    Activation spin = new Activation() {
      @Override
      public String name() {
        return "spin";
      }

      @Override
      public void apply(float[] v, int off, int rows, int cols) {
        spinning.incrementAndGet();
        // 1.5 s: well inside the test servers' 3 s for an answer to leave (the response timeout)
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(1_500);
        while (System.nanoTime() < end) {
          Thread.onSpinWait(); // CPU-bound work holds its carrier: virtual threads are not preempted
        }
        spinning.decrementAndGet();
      }
    };
    start(p -> {
      Dense d = Dense.builder(2).activation(spin).build();
      d.build(4);
      return new Sequential("spinning").add(d).build(-1, 4);
    }, carriers);
    List<Thread> clients = new ArrayList<>();
    AtomicInteger answered = new AtomicInteger();
    for (int i = 0; i < carriers; i++) {
      clients.add(Thread.ofPlatform().start(() -> {
        try (HttpConnection c = new HttpConnection("127.0.0.1", server.port())) {
          if (c.post("/v1/predict", REQUEST).status() == 200) {
            answered.incrementAndGet();
          }
        } catch (IOException e) {
          // counted as not answered
        }
      }));
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (spinning.get() < carriers) {
      assertTrue(System.nanoTime() < deadline, "every carrier computing within 10 s; " + spinning.get());
      Thread.sleep(5);
    }
    for (int i = 0; i < 5 && spinning.get() == carriers; i++) {
      Probe p = probeHealth(server.healthPort());
      assertEquals(200, p.status(), p.reply());
      Thread.sleep(100);
    }
    for (Thread t : clients) {
      t.join(20_000);
    }
    assertEquals(carriers, answered.get(), "the predicts themselves finish");
  }

  @Test
  void turns503WhileDrainingAndClosesAfterwards() throws Exception {
    CountDownLatch inside = new CountDownLatch(1);
    CountDownLatch proceed = new CountDownLatch(1);
    Activation held = new Activation() {
      @Override
      public String name() {
        return "held";
      }

      @Override
      public void apply(float[] v, int off, int rows, int cols) {
        inside.countDown();
        try {
          proceed.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    };
    start(p -> {
      Dense d = Dense.builder(2).activation(held).build();
      d.build(4);
      return new Sequential("held").add(d).build(-1, 4);
    }, 4);
    int healthPort = server.healthPort();
    Thread client = Thread.ofPlatform().start(() -> {
      try (HttpConnection c = new HttpConnection("127.0.0.1", server.port())) {
        c.post("/v1/predict", REQUEST);
      } catch (IOException e) {
        // the drain test below does not depend on this answer
      }
    });
    assertTrue(inside.await(10, TimeUnit.SECONDS));
    PredictServer closing = server;
    server = null;
    Thread stopper = Thread.ofPlatform().start(closing::close);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    Probe p = probeHealth(healthPort);
    while (p.status() == 200) {
      assertTrue(System.nanoTime() < deadline, "503 within 5 s of the shutdown");
      Thread.sleep(20);
      p = probeHealth(healthPort);
    }
    assertEquals(503, p.status(), p.reply());
    assertEquals("draining", p.json().get("status").asText());
    proceed.countDown();
    stopper.join(15_000);
    client.join(15_000);
    assertTrue(!stopper.isAlive(), "the shutdown finished");
    assertThrows(IOException.class, () -> probe(healthPort, "GET /healthz HTTP/1.1\r\n\r\n"), "the port is closed");
  }

  @Test
  void aFloodOfUnfinishedConnectionsEvictsTheOldestAndProbesStillGetIn() throws Exception {
    listener = new HealthListener("127.0.0.1", 0,
        () -> new HealthListener.Answer(200, "{\"status\":\"ok\"}".getBytes(StandardCharsets.UTF_8)));
    listener.start();
    Socket oldest = open(listener.port(), "GET /healthz HTTP/1.1\r\n");
    for (int i = 1; i < HealthListener.MAX_CONNECTIONS; i++) {
      open(listener.port(), "GET /healthz HTTP/1.1\r\n");
    }
    Probe first = probeHealth(listener.port()); // the cap is full: the probe evicts the oldest
    assertEquals(200, first.status(), first.reply());
    assertTrue(closedWithin(oldest, 1_000), "the oldest unfinished connection is closed for the new one");
    for (int i = 0; i < 3 * HealthListener.MAX_CONNECTIONS; i++) {
      open(listener.port(), "GET /hea");
    }
    for (int i = 0; i < 5; i++) {
      Probe p = probeHealth(listener.port());
      assertEquals(200, p.status(), p.reply());
      assertTrue(p.reply().contains("\r\nConnection: close\r\n"), p.reply());
      assertTrue(p.reply().endsWith("{\"status\":\"ok\"}"), p.reply());
    }
  }

  @Test
  void aHeadThatDoesNotArriveInTimeIsClosed() throws Exception {
    listener = new HealthListener("127.0.0.1", 0,
        () -> new HealthListener.Answer(200, "{}".getBytes(StandardCharsets.UTF_8)));
    listener.start();
    Socket s = open(listener.port(), "GET /healthz HTTP/1.1\r\n");
    long start = System.nanoTime();
    assertTrue(closedWithin(s, HealthListener.HEAD_TIMEOUT_MS + 2_000), "closed after the head timeout");
    long ms = (System.nanoTime() - start) / 1_000_000;
    assertTrue(ms >= HealthListener.HEAD_TIMEOUT_MS - 500, ms + " ms: not before the head timeout");
  }

  @Test
  void answersOnlyGetHealthz() throws Exception {
    listener = new HealthListener("127.0.0.1", 0,
        () -> new HealthListener.Answer(503, "{\"status\":\"draining\"}".getBytes(StandardCharsets.UTF_8)));
    listener.start();
    int port = listener.port();
    Probe draining = probe(port, "GET /healthz?verbose=1 HTTP/1.0\r\n\r\n");
    assertTrue(draining.reply().startsWith("HTTP/1.1 503 Service Unavailable\r\n"), draining.reply());
    assertTrue(draining.reply().endsWith("{\"status\":\"draining\"}"), draining.reply());
    Probe other = probe(port, "GET /metrics HTTP/1.1\r\n\r\n");
    assertEquals(404, other.status(), other.reply());
    assertEquals("no such endpoint: /metrics; the health port serves GET /healthz", other.json().get("error").asText());
    Probe post = probe(port, "POST /healthz HTTP/1.1\r\nContent-Length: 0\r\n\r\n");
    assertEquals(405, post.status(), post.reply());
    assertTrue(post.reply().contains("\r\nAllow: GET\r\n"), post.reply());
    String line = "GET /healthz HTTP/1.1\r\nX-Pad: ";
    Probe big = probe(port, line + "a".repeat(HealthListener.MAX_HEAD_BYTES - line.length())); // full, no end
    assertEquals(431, big.status(), big.reply());
    Probe garbage = probe(port, "hello\r\n\r\n");
    assertEquals(400, garbage.status(), garbage.reply());
  }

  @Test
  void theProbeStatusNamesDrainingFirstThenAStalledTrafficListener() {
    assertEquals("ok", PredictServer.probeStatus(false, 900, 9_000));
    assertEquals("ok", PredictServer.probeStatus(false, 9_000, 9_000));
    assertEquals("stalled", PredictServer.probeStatus(false, 9_001, 9_000));
    assertEquals("draining", PredictServer.probeStatus(true, 60_000, 9_000));
    assertEquals(9_000, TrafficWatch.stallMillis(ServeTestOptions.REQUEST_TIMEOUT_SECONDS));
  }
}
