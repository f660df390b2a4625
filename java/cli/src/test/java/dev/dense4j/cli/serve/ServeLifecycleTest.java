// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.cli.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dense4j.activations.Activation;
import dev.dense4j.layers.Dense;
import dev.dense4j.models.Sequential;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Draining on shutdown, reloads under concurrent load, and the load generator against a live server. */
class ServeLifecycleTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final byte[] REQUEST = "{\"inputs\": [[1, 2, 3, 4]]}".getBytes(StandardCharsets.UTF_8);

  @TempDir
  Path dir;

  private PredictServer start(Function<Path, Sequential> loader, boolean reload) throws IOException {
    Path model = Files.writeString(dir.resolve("model.keras"), "placeholder");
    ServeOptions o = ServeTestOptions.of(model, 8, 1 << 20, 8, reload, 10, 8 << 20);
    return ServeCommand.start(o, loader, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
  }

  @Test
  void shutdownLetsTheRequestInFlightFinishAndRefusesNewOnes() throws Exception {
    CountDownLatch inside = new CountDownLatch(1);
    CountDownLatch proceed = new CountDownLatch(1);
    Activation slow = new Activation() {
      @Override
      public String name() {
        return "slow";
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
    PredictServer server = start(p -> {
      Dense d = Dense.builder(2).activation(slow).build();
      d.build(4);
      return new Sequential("slow").add(d).build(-1, 4);
    }, false);
    AtomicReference<Object> inFlight = new AtomicReference<>();
    Thread client = Thread.ofPlatform().start(() -> {
      try (HttpConnection c = new HttpConnection("127.0.0.1", server.port())) {
        inFlight.set(c.post("/v1/predict", REQUEST).status());
      } catch (IOException e) {
        inFlight.set(e);
      }
    });
    assertTrue(inside.await(10, TimeUnit.SECONDS));
    HttpConnection other = new HttpConnection("127.0.0.1", server.port());
    Thread stopper = Thread.ofPlatform().start(server::close);
    // wait for the drain to begin (bounded) rather than for a fixed time
    int health = other.get("/healthz").status();
    for (long deadline = System.nanoTime() + 10_000_000_000L; health == 200 && System.nanoTime() < deadline; ) {
      Thread.onSpinWait();
      health = other.get("/healthz").status();
    }
    assertEquals(503, health, "health turns 503 while draining");
    assertEquals(503, other.post("/v1/predict", REQUEST).status(), "new predictions are refused while draining");
    proceed.countDown();
    client.join(10_000);
    stopper.join(15_000);
    assertEquals(200, inFlight.get(), "the request in flight completes");
    assertThrows(IOException.class, () -> new HttpConnection("127.0.0.1", server.port()).get("/healthz"));
    other.close();
  }

  @Test
  void reloadsUnderLoadNeverFailARequestNorMixModels() throws Exception {
    AtomicInteger version = new AtomicInteger(1);
    PredictServer server = start(p -> ServeModels.mlp(version.get()), true);
    try {
      float v1 = ServeModels.expected(1, new float[][] {{1, 2, 3, 4}})[0][0];
      float v2 = ServeModels.expected(2, new float[][] {{1, 2, 3, 4}})[0][0];
      ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
      AtomicInteger seen = new AtomicInteger();
      List<Thread> clients = new ArrayList<>();
      for (int t = 0; t < 6; t++) {
        clients.add(Thread.ofPlatform().start(() -> {
          try (HttpConnection c = new HttpConnection("127.0.0.1", server.port())) {
            for (int i = 0; i < 150; i++) {
              HttpConnection.Reply r = c.post("/v1/predict", REQUEST);
              float got = r.status() == 200 ? JSON.readTree(r.body()).get("outputs").get(0).get(0).floatValue() : -1;
              if (r.status() != 200 || (got != v1 && got != v2)) {
                problems.add(r.status() + " " + r.text());
              }
              seen.incrementAndGet();
            }
          } catch (IOException e) {
            problems.add(e.toString());
          }
        }));
      }
      try (HttpConnection admin = new HttpConnection("127.0.0.1", server.port())) {
        for (int i = 0; i < 20; i++) {
          version.set(2 - i % 2);
          assertEquals(200, admin.post("/v1/reload", new byte[0]).status());
          Thread.sleep(5);
        }
      }
      for (Thread t : clients) {
        t.join(60_000);
      }
      assertTrue(problems.isEmpty(), () -> problems.size() + " problems, first " + problems.peek());
      assertEquals(900, seen.get());
    } finally {
      server.close();
    }
  }

  @Test
  void theLoadGeneratorReportsEveryLevelAndASoak() throws Exception {
    PredictServer server = start(p -> ServeModels.mlp(1), false);
    try {
      String url = "http://127.0.0.1:" + server.port();
      ByteArrayOutputStream buffer = new ByteArrayOutputStream();
      PrintStream out = new PrintStream(buffer, true, StandardCharsets.UTF_8);
      assertEquals(0, LoadTestCommand.run(new String[] {url, "--clients", "1,2", "--requests", "30", "--warmup", "10"},
          out));
      String table = buffer.toString(StandardCharsets.UTF_8);
      assertTrue(table.contains("clients  requests  errors     req/s"), table);
      assertTrue(table.matches("(?s).*\\n      1        30       0 .*\\n      2        30       0 .*"), table);
      buffer.reset();
      assertEquals(0, LoadTestCommand.run(new String[] {url, "--soak", "60", "--clients", "2", "--samples", "3",
          "--warmup", "0"}, out));
      String soak = buffer.toString(StandardCharsets.UTF_8);
      assertTrue(soak.contains("soak: 60 requests, 0 errors"), soak);
      assertTrue(soak.contains("OS threads"), soak);
    } finally {
      server.close();
    }
  }

  @Test
  void theLoadGeneratorOnlyTargetsThisMachine() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> LoadTestCommand.run(new String[] {"http://example.com:80"}, System.out));
    assertEquals("loadtest only targets this machine (127.0.0.1, localhost, ::1); received host example.com",
        e.getMessage());
  }
}
