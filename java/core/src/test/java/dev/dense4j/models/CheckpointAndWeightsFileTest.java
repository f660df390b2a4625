// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dense4j.backend.Backend;
import dev.dense4j.losses.SparseCategoricalCrossentropy;
import dev.dense4j.metrics.Metrics;
import dev.dense4j.optimizers.Adam;
import dev.dense4j.tensor.Tensor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ModelCheckpoint through a ModelSaver, and the weights file it writes by default. */
class CheckpointAndWeightsFileTest {

  @TempDir
  Path dir;

  @Test
  void weightsFileRoundTrips() {
    try (Sequential a = TrainingData.mlp(Backend.REFERENCE, 1); Sequential b = TrainingData.mlp(Backend.REFERENCE, 2)) {
      Path f = dir.resolve("sub/model.d4jw");
      WeightsFile.write(a, f);
      List<WeightsFile.Entry> entries = WeightsFile.read(f);
      assertEquals(a.variables().stream().map(v -> v.path()).toList(), entries.stream().map(WeightsFile.Entry::path).toList());
      assertArrayEquals(new int[] {8, 16}, entries.get(0).shape());
      WeightsFile.load(b, f);
      for (int i = 0; i < 4; i++) {
        assertArrayEquals(a.getWeights().get(i), b.getWeights().get(i));
      }
    }
  }

  @Test
  void corruptOrMismatchedFilesAreReported() throws IOException {
    Path f = dir.resolve("m.d4jw");
    Files.write(f, new byte[] {'n', 'o', 'p', 'e', 0, 0, 0, 0});
    UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> WeightsFile.read(f));
    assertTrue(e.getMessage().contains("not a dense4j weights file"), e.getMessage());
    byte[] huge = new byte[16];
    System.arraycopy(WeightsFile.MAGIC, 0, huge, 0, 8);
    huge[8] = (byte) 0xff;
    huge[9] = (byte) 0xff;
    huge[10] = (byte) 0xff;
    huge[11] = (byte) 0x7f;
    Files.write(f, huge);
    e = assertThrows(UncheckedIOException.class, () -> WeightsFile.read(f));
    assertTrue(e.getMessage().contains("corrupt weights file (count 2147483647)"), e.getMessage());
    try (Sequential a = TrainingData.mlp(Backend.REFERENCE, 1); Sequential other = new Sequential()) {
      WeightsFile.write(a, f);
      byte[] all = Files.readAllBytes(f);
      Files.write(f, java.util.Arrays.copyOf(all, all.length - 7));
      e = assertThrows(UncheckedIOException.class, () -> WeightsFile.read(f));
      assertTrue(e.getMessage().contains("truncated"), e.getMessage());
      WeightsFile.write(a, f);
      other.add(dev.dense4j.layers.Dense.builder(2).backend(Backend.REFERENCE).build());
      other.build(-1, 8);
      IllegalArgumentException m = assertThrows(IllegalArgumentException.class, () -> WeightsFile.load(other, f));
      assertEquals(f + ": holds 4 weights; model '" + other.name() + "' has 2", m.getMessage());
    }
  }

  @Test
  void checkpointsEveryEpochOrOnlyTheBest() {
    Tensor[] d = TrainingData.classification(60, 8);
    try (Sequential m = TrainingData.mlp(Backend.REFERENCE, 4); Tensor x = d[0]; Tensor y = d[1]) {
      m.compile(Adam.builder().learningRate(0.01).backend(Backend.REFERENCE).build(), new SparseCategoricalCrossentropy(),
          Metrics.get("accuracy"));
      List<Path> saved = new ArrayList<>();
      ModelSaver recording = (model, path) -> {
        saved.add(path);
        WeightsFile.write(model, path);
      };
      ModelCheckpoint every = new ModelCheckpoint(dir.resolve("e{epoch:02d}-{loss:.3f}.d4jw"), recording);
      History h = m.fit(x, y, new FitOptions().epochs(3).seed(1).verbosity(Verbosity.SILENT).callbacks(every));
      assertEquals(3, saved.size());
      assertEquals(dir.resolve(String.format(java.util.Locale.ROOT, "e03-%.3f.d4jw", h.get("loss").get(2))), saved.get(2));
      assertTrue(Files.exists(every.lastSaved()));

      saved.clear();
      ModelCheckpoint best = new ModelCheckpoint(dir.resolve("best-{epoch}.d4jw"), recording).monitor("val_accuracy")
          .saveBestOnly(true);
      History h2 = m.fit(x, y, new FitOptions().epochs(6).seed(2).validationSplit(0.5).verbosity(Verbosity.SILENT)
          .callbacks(best));
      List<Double> acc = h2.get("val_accuracy");
      int improvements = 0;
      double top = Double.NEGATIVE_INFINITY;
      for (double a : acc) {
        if (a > top) {
          top = a;
          improvements++;
        }
      }
      assertEquals(improvements, saved.size(), "saved only on improvement of " + acc);
    }
  }

  @Test
  void patternFormattingAndErrors() {
    assertEquals("ckpt-07-0.125.d4jw", ModelCheckpoint.format("ckpt-{epoch:02d}-{val_loss:.3f}.d4jw", 7,
        Map.of("val_loss", 0.125)));
    assertEquals("m-3.d4jw", ModelCheckpoint.format("m-{epoch}.d4jw", 3, Map.of()));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ModelCheckpoint.format("m-{val_acc}.d4jw", 1, Map.of("loss", 1.0)));
    assertEquals("ModelCheckpoint: the file pattern names 'val_acc', which is not logged; logged: epoch, [loss]; "
        + "received pattern=m-{val_acc}.d4jw", e.getMessage());
    try (Sequential m = TrainingData.mlp(Backend.REFERENCE, 1)) {
      m.compile("adam", "mse");
      IllegalArgumentException mode = assertThrows(IllegalArgumentException.class,
          () -> new EarlyStopping().monitor("val_f1").onTrainBegin(m));
      assertEquals("EarlyStopping: cannot tell whether 'val_f1' should be minimized or maximized; pass MonitorMode.MIN "
          + "or MonitorMode.MAX; received monitor=val_f1", mode.getMessage());
      assertFalse(MonitorMode.AUTO.higherIsBetter("x", "val_loss", m));
    }
  }
}
