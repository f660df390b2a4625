// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.cli.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dense4j.keras.KerasModels;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * {@code serve} runs a real Keras 3.15.1 model of the shape Input → Normalization → Dense →
 * BatchNormalization → Dropout → Dense → BatchNormalization → Dense(sigmoid) (java/keras's norm
 * fixture, see its meta.json) and answers what Keras predicted.
 */
class NormalizationModelServeTest {

  static final Path FIXTURES = Path.of("../keras/src/test/resources/dev/dense4j/keras/norm");

  @Test
  void serveAnswersWhatKerasPredicted() throws IOException {
    JsonNode expected = new ObjectMapper().readTree(Files.readAllBytes(FIXTURES.resolve("bn_mlp.json")));
    Path model = FIXTURES.resolve("bn_mlp.keras");
    ServeOptions o = ServeTestOptions.of(model, 64, 1 << 20, 4, false, 5, 8 << 20);
    try (PredictServer server = ServeCommand.start(o, KerasModels::load,
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        HttpConnection c = new HttpConnection("127.0.0.1", server.port())) {
      String body = "{\"inputs\": " + expected.get("inputs") + "}";
      HttpConnection.Reply r = c.post("/v1/predict", body.getBytes(StandardCharsets.UTF_8));
      assertEquals(200, r.status(), r.text());
      JsonNode out = new ObjectMapper().readTree(r.body()).get("outputs");
      for (int i = 0; i < expected.get("predictions").size(); i++) {
        double want = expected.get("predictions").get(i).get(0).asDouble();
        assertEquals(want, out.get(i).get(0).asDouble(), 2e-6 + 2e-5 * Math.abs(want), "row " + i);
      }
    }
  }
}
