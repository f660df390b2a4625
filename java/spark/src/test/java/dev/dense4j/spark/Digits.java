// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.dense4j.cli.Io;
import dev.dense4j.cli.Main;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * The digits model as {@code dense4j train} makes it (64 → 64 relu → 10 softmax, seed 42, saved as
 * {@code .keras}), trained once per test JVM, and the 1,797 UCI digits it learned from, scaled to
 * [0, 1] as the command scales them.
 */
final class Digits {

  static final int PIXELS = 64;
  static final int COUNT = 1797;
  private static Path model;
  private static float[] pixels;

  private Digits() {}

  /** The trained model file. */
  static synchronized Path model() {
    if (model == null) {
      try {
        Path dir = Files.createTempDirectory("dense4j-spark-digits");
        Path file = dir.resolve("digits-mlp.keras");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(new String[] {"train", "--quiet", "--out", file.toString()},
            new Io(new ByteArrayInputStream(new byte[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)));
        assertEquals(0, code, () -> "dense4j train failed: " + err.toString(StandardCharsets.UTF_8));
        model = file;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return model;
  }

  /** The images, row-major, {@link #PIXELS} values each. */
  static synchronized float[] pixels() {
    if (pixels == null) {
      float[] x = new float[COUNT * PIXELS];
      int n = 0;
      String resource = "/dev/dense4j/cli/digits/digits.csv.gz";
      try (InputStream raw = Main.class.getResourceAsStream(resource);
          BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(raw), StandardCharsets.US_ASCII))) {
        for (String line; (line = r.readLine()) != null; ) {
          if (line.isBlank()) {
            continue;
          }
          String[] f = line.split(",");
          for (int j = 0; j < PIXELS; j++) {
            x[n * PIXELS + j] = Integer.parseInt(f[j].trim()) / 16f;
          }
          n++;
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      assertEquals(COUNT, n, "digits in " + resource);
      pixels = x;
    }
    return pixels;
  }
}
