// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dense4j.backend.BlasThreading;
import dev.dense4j.cli.MainTest.Result;
import dev.dense4j.keras.KerasModels;
import dev.dense4j.layers.Dense;
import dev.dense4j.models.Sequential;
import dev.dense4j.models.WeightsFile;
import dev.dense4j.tensor.Tensor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dense4j train} on the bundled digits: held-out accuracy, saved weights, options. */
class TrainTest {

  @TempDir
  Path dir;

  @Test
  void theBundledDataSetIsComplete() {
    Train.Digits d = Train.load();
    assertEquals(1797, d.count());
    int[] perClass = new int[10];
    for (float y : d.labels()) {
      perClass[(int) y]++;
    }
    assertEquals(178, perClass[0]);
    assertEquals(180, perClass[9]);
    for (float v : d.x()) {
      assertTrue(v >= 0 && v <= 1, "pixel scaled to [0, 1]: " + v);
    }
  }

  @Test
  void trainsToAtLeast95PercentOnHeldOutDigitsAndSavesTheWeights() {
    Path out = dir.resolve("digits.d4jw");
    Result r = MainTest.run("train", "--out", out.toString());
    assertEquals(0, r.code(), r.err());
    Matcher m = Pattern.compile("held-out accuracy: ([0-9.]+)% \\((\\d+)/(\\d+)\\)").matcher(r.out());
    assertTrue(m.find(), r.out());
    assertTrue(Double.parseDouble(m.group(1)) >= 95, r.out());
    assertEquals(359, Integer.parseInt(m.group(3)));
    assertTrue(r.out().contains("saved the model to " + out), r.out());
    assertTrue(r.out().contains("Total params: 4,810"), r.out());
    // the saved weights reproduce the trained model's predictions
    try (Sequential model = new Sequential()) {
      model.add(Dense.builder(64).activation("relu").build());
      model.add(Dense.builder(10).activation("softmax").build());
      model.build(-1, 64);
      WeightsFile.load(model, out);
      Train.Digits d = Train.load();
      try (Tensor x = Tensor.of(java.util.Arrays.copyOf(d.x(), 64 * 100), 100, 64)) {
        float[] p = model.predict(x.toArray(), 100, 64);
        int right = 0;
        for (int i = 0; i < 100; i++) {
          int best = 0;
          for (int c = 1; c < 10; c++) {
            best = p[i * 10 + c] > p[i * 10 + best] ? c : best;
          }
          right += best == (int) d.labels()[i] ? 1 : 0;
        }
        assertTrue(right >= 90, right + "/100 right with the saved weights");
      }
    }
  }

  @Test
  void savesAKerasFileThatLoadsBackWithTheSamePredictions() {
    Path out = dir.resolve("digits.keras");
    Result r = MainTest.run("train", "--epochs", "3", "--quiet", "--out", out.toString());
    assertEquals(0, r.code(), r.err());
    Path weights = dir.resolve("digits.d4jw");
    assertEquals(0, MainTest.run("train", "--epochs", "3", "--quiet", "--out", weights.toString()).code());
    Train.Digits d = Train.load();
    float[] x = java.util.Arrays.copyOf(d.x(), 64 * 20);
    try (Sequential keras = KerasModels.load(out); Sequential raw = new Sequential()) {
      raw.add(Dense.builder(64).activation("relu").build());
      raw.add(Dense.builder(10).activation("softmax").build());
      raw.build(-1, 64);
      WeightsFile.load(raw, weights);
      // the same seed trained both: the .keras model predicts what the weights file predicts
      org.junit.jupiter.api.Assertions.assertArrayEquals(raw.predict(x, 20, 64), keras.predict(x, 20, 64));
    }
  }

  private static double accuracy(Result r) {
    Matcher m = Pattern.compile("held-out accuracy: ([0-9.]+)% \\((\\d+)/(\\d+)\\)").matcher(r.out());
    assertTrue(m.find(), r.out());
    return Double.parseDouble(m.group(1));
  }

  @Test
  void aWiderModelWithDropoutLearnsAtLeastAsWellAndRerunsIdentically() {
    // the acceptance model: Dense(256, relu) -> Dropout(0.2) -> Dense(10, softmax)
    Path a = dir.resolve("a.d4jw");
    Path b = dir.resolve("b.d4jw");
    Result base = MainTest.run("train", "--quiet", "--out", dir.resolve("base.d4jw").toString());
    // one BLAS thread (the natives are loaded by now, so --blas-threads would come too late): on a
    // busy machine OpenBLAS' own threads make the 256-wide GEMMs many times slower
    boolean process = BlasThreading.scope() == BlasThreading.Scope.PROCESS;
    int before = BlasThreading.processWide();
    Result drop;
    Result again;
    try {
      if (process) {
        BlasThreading.setProcessWide(1);
      }
      drop = MainTest.run("train", "--hidden", "256", "--dropout", "0.2", "--out", a.toString());
      again = MainTest.run("train", "--hidden", "256", "--dropout", "0.2", "--quiet", "--out", b.toString());
    } finally {
      if (process && before > 0) {
        BlasThreading.setProcessWide(before);
      }
    }
    assertEquals(0, drop.code(), drop.err());
    assertTrue(drop.out().contains("dropout (Dropout)"), drop.out());
    assertTrue(drop.out().contains("Total params: 19,210"), drop.out());
    assertTrue(accuracy(drop) >= accuracy(base), "with dropout " + accuracy(drop) + "%, without " + accuracy(base) + "%");
    assertEquals(accuracy(drop), accuracy(again));
    try {
      org.junit.jupiter.api.Assertions.assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b),
          "the same seed gives the same weights");
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void optionsAreChecked() {
    Result rate = MainTest.run("train", "--dropout", "1");
    assertEquals(2, rate.code());
    assertEquals("dense4j train: --dropout must be in [0, 1); received --dropout=1.0 (see 'dense4j train --help')\n",
        rate.err());
    Result bad = MainTest.run("train", "--epochs", "0");
    assertEquals(2, bad.code());
    assertEquals("dense4j train: Invalid value for option '--epochs': expected a whole number >= 1; received 0"
        + " (see 'dense4j train --help')\n", bad.err());
    Result abc = MainTest.run("train", "--epochs", "abc");
    assertEquals(2, abc.code());
    assertEquals("dense4j train: Invalid value for option '--epochs': expected a whole number >= 1; received 'abc'"
        + " (see 'dense4j train --help')\n", abc.err());
    Result ext = MainTest.run("train", "--out", dir.resolve("m.bin").toString());
    assertEquals(2, ext.code());
    assertEquals("dense4j train: --out must name a .keras or .d4jw file; received --out=" + dir.resolve("m.bin") + "\n",
        ext.err());
    Result unknown = MainTest.run("train", "--lr", "1");
    assertEquals(2, unknown.code());
    assertTrue(unknown.err().startsWith("dense4j train: Unknown options: '--lr', '1'"), unknown.err());
    assertTrue(Files.notExists(dir.resolve("m.bin")));
  }
}
