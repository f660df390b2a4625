// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.cli.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server's bounds under the attacks of issue 17, on loopback (ephemeral port): bodies that stop
 * arriving, headers that never end, idle connections, more connections than the cap, and more body
 * bytes than the budget. Each waits for a condition with a deadline a few seconds past the
 * timeouts of {@link ServeTestOptions}.
 */
class ServeLimitsTest {

  private static final long SLACK_MS = 4_000;
  private static final long CLOSE_DEADLINE_MS = ServeTestOptions.REQUEST_TIMEOUT_SECONDS * 1000L + SLACK_MS;
  private static final byte[] REQUEST = "{\"inputs\": [[1, 2, 3, 4]]}".getBytes(StandardCharsets.UTF_8);

  @TempDir
  Path dir;

  private PredictServer server;
  private final List<Socket> sockets = new ArrayList<>();

  @AfterEach
  void stop() throws IOException {
    for (Socket s : sockets) {
      s.close();
    }
    if (server != null) {
      server.close();
    }
  }

  private void start(int maxBodyBytes, int bodyBytesInFlight) throws IOException {
    Path model = Files.writeString(dir.resolve("model.keras"), "placeholder");
    ServeOptions o = ServeTestOptions.of(model, 8, maxBodyBytes, 4, false, 5, bodyBytesInFlight);
    server = ServeCommand.start(o, p -> ServeModels.mlp(1),
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
  }

  private Socket open(String firstBytes) throws IOException {
    Socket s = new Socket();
    sockets.add(s);
    s.connect(new InetSocketAddress("127.0.0.1", server.port()), 5_000);
    s.setSoTimeout((int) CLOSE_DEADLINE_MS);
    s.getOutputStream().write(firstBytes.getBytes(StandardCharsets.ISO_8859_1));
    s.getOutputStream().flush();
    return s;
  }

  // true when the server closed the connection (end of stream or reset) before the socket timeout
  private static boolean closedByServer(Socket s) throws IOException {
    InputStream in = s.getInputStream();
    try {
      while (true) {
        int n = in.read(new byte[4096]);
        if (n < 0) {
          return true;
        }
      }
    } catch (SocketTimeoutException e) {
      return false;
    } catch (IOException e) {
      return true; // reset
    }
  }

  private static void await(String what, long deadlineMs, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + deadlineMs * 1_000_000;
    while (!condition.getAsBoolean()) {
      assertTrue(System.nanoTime() < deadline, what + " within " + deadlineMs + " ms");
      Thread.sleep(20);
    }
  }

  private String get(String path) throws IOException {
    try (HttpConnection c = new HttpConnection("127.0.0.1", server.port())) {
      return c.get(path).text();
    }
  }

  @Test
  void aBodyThatStopsArrivingIsClosedAndLeavesTheRequestsInFlight() throws Exception {
    start(1 << 20, 8 << 20);
    Socket s = open("POST /v1/predict HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n{\"inputs\": [[1,");
    await("the request counted in flight", 10_000, () -> server.metrics().inFlight() == 1);
    long start = System.nanoTime();
    assertTrue(closedByServer(s), "the server closes a request whose body stops arriving");
    long ms = (System.nanoTime() - start) / 1_000_000;
    assertTrue(ms < CLOSE_DEADLINE_MS, ms + " ms");
    await("the in-flight count back to 0", 5_000, () -> server.metrics().inFlight() == 0);
    assertTrue(get("/metrics").contains("\ndense4j_body_bytes_in_flight 0\n"));
  }

  @Test
  void headersThatNeverEndAndSilentConnectionsAreClosed() throws Exception {
    start(1 << 20, 8 << 20);
    Socket partial = open("POST /v1/predict HTTP/1.1\r\nHost: x\r\nContent-");
    Socket silent = open("");
    assertTrue(closedByServer(partial), "headers that never end");
    assertTrue(closedByServer(silent), "a connection that sends nothing");
    Socket kept = open("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
    String reply = RawReply.read(kept.getInputStream());
    assertTrue(reply.startsWith("HTTP/1.1 200 "), reply);
    long start = System.nanoTime();
    assertTrue(closedByServer(kept), "an idle kept-alive connection is closed after the idle timeout");
    long ms = (System.nanoTime() - start) / 1_000_000;
    assertTrue(ms >= ServeTestOptions.IDLE_TIMEOUT_SECONDS * 1000L - 600, ms + " ms: not before the idle timeout");
  }

  @Test
  void connectionsBeyondTheCapAreClosedAtOnceAndServingResumesWhenTheyGo() throws Exception {
    start(1 << 20, 8 << 20);
    List<Socket> held = new ArrayList<>();
    for (int i = 0; i < ServeTestOptions.MAX_CONNECTIONS; i++) {
      held.add(open("GET /healthz HTTP/1.1\r\n"));
    }
    Socket extra = open("");
    extra.setSoTimeout(2_000); // well before the timeouts: only the cap closes it this soon
    assertTrue(closedByServer(extra), "a connection beyond the cap is closed at once");
    for (Socket s : held) {
      s.close();
    }
    await("a new connection served again", 10_000, () -> {
      try {
        return get("/healthz").contains("\"status\":\"ok\"");
      } catch (IOException e) {
        return false;
      }
    });
  }

  @Test
  void bodiesBeyondTheBudgetGet503WithRetryAfterWhileSmallRequestsGoOn() throws Exception {
    start(64 << 10, 64 << 10);
    Socket holder = open("POST /v1/predict HTTP/1.1\r\nHost: x\r\nContent-Length: 60000\r\n\r\n{\"inputs\": [[");
    await("the large body reserved", 10_000, () -> {
      try {
        return get("/metrics").contains("\ndense4j_body_bytes_in_flight 60000\n");
      } catch (IOException e) {
        return false;
      }
    });
    Socket large = open("POST /v1/predict HTTP/1.1\r\nHost: x\r\nContent-Length: 10000\r\n\r\n");
    String refused = RawReply.read(large.getInputStream());
    assertTrue(refused.startsWith("HTTP/1.1 503 "), refused);
    assertTrue(refused.toLowerCase(java.util.Locale.ROOT).contains("\r\nretry-after: 1\r\n"), refused);
    assertTrue(refused.contains("request bodies in flight would exceed 65536 bytes (--max-body-bytes-in-flight)"),
        refused);
    try (HttpConnection c = new HttpConnection("127.0.0.1", server.port())) {
      assertEquals(200, c.post("/v1/predict", REQUEST).status(), "a small request still fits");
    }
    holder.close();
    await("the reservation returned", 10_000, () -> {
      try {
        return get("/metrics").contains("\ndense4j_body_bytes_in_flight 0\n");
      } catch (IOException e) {
        return false;
      }
    });
  }

  @Test
  void chunkedBodiesAreRefusedWith411() throws Exception {
    start(1 << 20, 8 << 20);
    Socket s = open("POST /v1/predict HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n1a\r\n"
        + "{\"inputs\": [[1, 2, 3, 4]]}\r\n0\r\n\r\n");
    String reply = RawReply.read(s.getInputStream());
    assertTrue(reply.startsWith("HTTP/1.1 411 "), reply);
  }
}
