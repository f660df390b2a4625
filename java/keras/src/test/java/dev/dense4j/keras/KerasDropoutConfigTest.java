// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.keras;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dense4j.layers.Dense;
import dev.dense4j.layers.Dropout;
import dev.dense4j.models.Sequential;
import java.nio.file.Path;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Dropout's Keras config {@code rate, seed, noise_shape} (None as null) both ways. */
class KerasDropoutConfigTest {

  @TempDir
  Path dir;

  @Test
  void seedAndNoiseShapeRoundTripInKerasForm() throws Exception {
    Path file = dir.resolve("drop.keras");
    try (Sequential m = new Sequential("m")) {
      m.add(Dense.builder(4).name("d").build()).add(new Dropout("seeded", 0.25f, new int[] {-1, 1, 4}, 17L))
          .add(new Dropout("plain", 0.5f));
      m.build(-1, 3, 2);
      KerasModels.save(m, file);
    }
    try (ZipFile zip = new ZipFile(file.toFile())) {
      JsonNode layers = Json.MAPPER.readTree(zip.getInputStream(zip.getEntry("config.json"))).at("/config/layers");
      JsonNode seeded = layers.get(2).get("config");
      assertEquals(17, seeded.get("seed").asInt());
      assertEquals("[null,1,4]", seeded.get("noise_shape").toString());
      assertEquals(0.25, seeded.get("rate").asDouble());
      JsonNode plain = layers.get(3).get("config");
      assertEquals(true, plain.get("seed").isNull());
      assertEquals(true, plain.get("noise_shape").isNull());
    }
    try (Sequential back = KerasModels.load(file)) {
      Dropout seeded = (Dropout) back.layers().get(1);
      assertEquals(17L, seeded.seed());
      assertArrayEquals(new int[] {-1, 1, 4}, seeded.noiseShape());
      assertEquals(0.25f, seeded.rate());
      Dropout plain = (Dropout) back.layers().get(2);
      assertNull(plain.seed());
      assertNull(plain.noiseShape());
    }
  }
}
