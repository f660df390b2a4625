// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.cli.serve;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dense4j.models.Sequential;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HTTP endpoints on loopback (ephemeral port), with models built in code through the loader seam. */
class PredictServerTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path dir;

  private PredictServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  private HttpConnection start(Function<Path, Sequential> loader, boolean reload, int maxBodyBytes) throws IOException {
    Path model = Files.writeString(dir.resolve("model.keras"), "placeholder: the loader builds the model");
    ServeOptions o = ServeTestOptions.of(model, 3, maxBodyBytes, 4, reload, 5, 8 << 20);
    server = ServeCommand.start(o, loader, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    return new HttpConnection("127.0.0.1", server.port());
  }

  private static byte[] body(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void predictAnswersWhatTheModelComputes() throws IOException {
    try (HttpConnection c = start(p -> ServeModels.mlp(1), false, 1 << 20)) {
      HttpConnection.Reply r = c.post("/v1/predict", body("{\"inputs\": [[1, 2, 3, 4], [0.5, -1, 0, 2]]}"));
      assertEquals(200, r.status(), r.text());
      JsonNode out = JSON.readTree(r.body()).get("outputs");
      float[][] want = ServeModels.expected(1, new float[][] {{1, 2, 3, 4}, {0.5f, -1, 0, 2}});
      for (int i = 0; i < 2; i++) {
        assertArrayEquals(want[i], new float[] {out.get(i).get(0).floatValue(), out.get(i).get(1).floatValue()}, 1e-6f);
      }
    }
  }

  @Test
  void badRequestsGet4xxWithAMessageAndTheConnectionServesOn() throws IOException {
    try (HttpConnection c = start(p -> ServeModels.mlp(1), false, 256)) {
      String[][] cases = {
          {"{\"inputs\": [[1, 2, 3, 4]", "400", "malformed JSON"},
          {"{\"inputs\": [[1, 2, 3]]}", "400", "inputs[0] has 3 values; the model takes 4"},
          {"{\"inputs\": [[1, 2, 3, 1e39]]}", "400", "inputs[0][3] = 1e39 is beyond float32's range of ±3.4028235e38"},
          {"{\"inputs\": [[1, 2, 3, NaN]]}", "400", "NaN and Infinity are not JSON numbers"},
          {"{\"inputs\": [[1,2,3,4],[1,2,3,4],[1,2,3,4],[1,2,3,4]]}", "400", "more than 3 samples; the limit is 3"},
          {"{\"inputs\": [[" + "1,".repeat(200) + "1]]}", "413", "request body larger than 256 bytes"},
      };
      for (String[] k : cases) {
        HttpConnection.Reply r = c.post("/v1/predict", body(k[0]));
        assertEquals(Integer.parseInt(k[1]), r.status(), k[0]);
        String error = JSON.readTree(r.body()).get("error").asText();
        assertTrue(error.contains(k[2]), error);
        assertEquals("application/json", r.contentType());
      }
      assertEquals(405, c.get("/v1/predict").status());
      assertEquals(404, c.get("/v2/predict").status());
      assertEquals(403, c.post("/v1/reload", new byte[0]).status(), "reload is off by default");
      assertEquals(200, c.post("/v1/predict", body("{\"inputs\": [[1, 2, 3, 4]]}")).status(), "still serving");
      assertEquals(6, server.metrics().count("predict", 400) + server.metrics().count("predict", 413));
    }
  }

  @Test
  void aFailureOfOneRequestIsA500AndNeverLooksLikeAShutdown() throws IOException {
    dev.dense4j.activations.Activation failing = new dev.dense4j.activations.Activation() {
      @Override
      public String name() {
        return "failing";
      }

      @Override
      public void apply(float[] v, int off, int rows, int cols) {
        throw new IllegalStateException("failing: refused");
      }
    };
    Function<Path, Sequential> loader = p -> {
      dev.dense4j.layers.Dense d = dev.dense4j.layers.Dense.builder(2).activation(failing).build();
      d.build(4);
      return new Sequential("failing").add(d).build(-1, 4);
    };
    try (HttpConnection c = start(loader, false, 1 << 20)) {
      HttpConnection.Reply r = c.post("/v1/predict", body("{\"inputs\": [[1, 2, 3, 4]]}"));
      assertEquals(500, r.status(), r.text());
      assertEquals("internal error: IllegalStateException", JSON.readTree(r.body()).get("error").asText());
      assertEquals(200, c.get("/healthz").status());
    }
  }

  @Test
  void healthAndMetricsDescribeTheServer() throws IOException {
    try (HttpConnection c = start(p -> ServeModels.mlp(1), false, 1 << 20)) {
      for (int i = 0; i < 5; i++) {
        c.post("/v1/predict", body("{\"inputs\": [[1, 2, 3, 4], [1, 2, 3, 4]]}"));
      }
      c.post("/v1/predict", body("{}"));
      JsonNode health = JSON.readTree(c.get("/healthz").body());
      assertEquals("ok", health.get("status").asText());
      assertEquals("[4]", health.get("input_shape").toString());
      assertEquals("[2]", health.get("output_shape").toString());
      String metrics = c.get("/metrics").text();
      for (String line : new String[] {
          "dense4j_http_requests_total{endpoint=\"predict\",code=\"200\"} 5",
          "dense4j_http_requests_total{endpoint=\"predict\",code=\"400\"} 1",
          "dense4j_http_requests_total{endpoint=\"healthz\",code=\"200\"} 1",
          "dense4j_http_errors_total 1",
          "dense4j_predictions_total 10",
          "dense4j_predict_latency_seconds_count 5",
          "# TYPE dense4j_predict_latency_seconds summary"}) {
        assertTrue(metrics.contains(line + "\n"), line + " missing from\n" + metrics);
      }
      for (String name : new String[] {"dense4j_predict_latency_seconds{quantile=\"0.5\"} ",
          "dense4j_predict_latency_seconds{quantile=\"0.99\"} ", "dense4j_predict_latency_seconds{quantile=\"0.999\"} ",
          "jvm_threads_live ", "process_resident_memory_bytes "}) {
        assertTrue(metrics.contains(name), name + " missing");
      }
    }
  }

  @Test
  void reloadSwapsTheModelRefusesOtherShapesAndSurvivesLoadErrors() throws IOException {
    AtomicInteger version = new AtomicInteger(1);
    Function<Path, Sequential> loader = p -> switch (version.get()) {
      case 1, 2 -> ServeModels.mlp(version.get());
      case 3 -> ServeModels.wider();
      default -> throw new java.io.UncheckedIOException(new IOException("model.keras: truncated"));
    };
    try (HttpConnection c = start(loader, true, 1 << 20)) {
      byte[] request = body("{\"inputs\": [[1, 2, 3, 4]]}");
      float[] v1 = ServeModels.expected(1, new float[][] {{1, 2, 3, 4}})[0];
      float[] v2 = ServeModels.expected(2, new float[][] {{1, 2, 3, 4}})[0];
      assertEquals(v1[0], JSON.readTree(c.post("/v1/predict", request).body()).get("outputs").get(0).get(0).floatValue());
      version.set(2);
      assertEquals(200, c.post("/v1/reload", new byte[0]).status());
      assertEquals(v2[0], JSON.readTree(c.post("/v1/predict", request).body()).get("outputs").get(0).get(0).floatValue());
      version.set(3);
      HttpConnection.Reply conflict = c.post("/v1/reload", new byte[0]);
      assertEquals(409, conflict.status());
      assertTrue(conflict.text().contains("must keep the sample shapes [4] -> [2]; received [4] -> [3]"), conflict.text());
      version.set(4);
      HttpConnection.Reply failed = c.post("/v1/reload", new byte[0]);
      assertEquals(500, failed.status());
      assertTrue(failed.text().contains("reload failed, still serving the previous model: "), failed.text());
      assertEquals(v2[0], JSON.readTree(c.post("/v1/predict", request).body()).get("outputs").get(0).get(0).floatValue());
      assertEquals(1, JSON.readTree(c.get("/healthz").body()).get("reloads").asInt());
    }
  }
}
