// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dense4j.cli.MainTest.Result;
import dev.dense4j.keras.KerasModels;
import dev.dense4j.models.Sequential;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code predict} on a real Keras 3.15.1 model with Normalization and BatchNormalization (the
 * java/keras norm fixture), and {@code train --batch-norm}: reproducible for one seed.
 */
class NormalizationModelCommandsTest {

  @TempDir
  Path dir;

  @Test
  void predictRunsAKerasModelWithNormalizationLayers() throws Exception {
    Path fixtures = Path.of("../keras/src/test/resources/dev/dense4j/keras/norm");
    JsonNode expected = new ObjectMapper().readTree(Files.readAllBytes(fixtures.resolve("bn_mlp.json")));
    Path input = Files.writeString(dir.resolve("in.json"), expected.get("inputs").toString());
    Result r = MainTest.run("predict", "--input", input.toString(), fixtures.resolve("bn_mlp.keras").toString());
    assertEquals(0, r.code(), r.err());
    JsonNode got = new ObjectMapper().readTree(r.out());
    for (int i = 0; i < expected.get("predictions").size(); i++) {
      double want = expected.get("predictions").get(i).get(0).asDouble();
      assertEquals(want, got.get(i).get(0).asDouble(), 2e-6 + 2e-5 * Math.abs(want), "row " + i);
    }
  }

  @Test
  void trainBatchNormIsReproducible() throws Exception {
    Path a = dir.resolve("a.keras");
    Path b = dir.resolve("b.keras");
    Result ra = MainTest.run("train", "--batch-norm", "--epochs", "4", "--quiet", "--out", a.toString());
    Result rb = MainTest.run("train", "--batch-norm", "--epochs", "4", "--quiet", "--out", b.toString());
    assertEquals(0, ra.code(), ra.err());
    String accuracy = ra.out().lines().filter(l -> l.startsWith("held-out accuracy")).findFirst().orElseThrow();
    assertEquals(accuracy.replaceAll("in [0-9.]+ s", ""), rb.out().lines().filter(l -> l.startsWith("held-out"))
        .findFirst().orElseThrow().replaceAll("in [0-9.]+ s", ""));
    double pct = Double.parseDouble(accuracy.replaceAll("held-out accuracy: ([0-9.]+)%.*", "$1"));
    assertTrue(pct > 90, accuracy);
    try (Sequential ma = KerasModels.load(a); Sequential mb = KerasModels.load(b)) {
      java.util.List<String> classes = ma.layers().stream().map(l -> l.getClass().getSimpleName())
          .filter(n -> !n.equals("Dropout")).toList(); // Dropout joins once it can be trained
      assertEquals(java.util.List.of("Normalization", "Dense", "BatchNormalization", "Dense", "BatchNormalization",
          "Dense"), classes);
      for (int i = 0; i < ma.getWeights().size(); i++) {
        org.junit.jupiter.api.Assertions.assertArrayEquals(ma.getWeights().get(i), mb.getWeights().get(i), 0f);
      }
    }
  }
}
