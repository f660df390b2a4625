// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.models;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Keras-style progress line, with a fake clock. */
class ProgressBarTest {

  long now;

  String run(Verbosity mode, boolean terminal) {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    ProgressBar bar = new ProgressBar(new PrintStream(buf, true, StandardCharsets.UTF_8), mode, terminal, () -> now);
    Map<String, Double> logs = new LinkedHashMap<>();
    logs.put("loss", 0.5);
    logs.put("accuracy", 0.75);
    now = 0;
    bar.beginEpoch(0, 3, 4);
    now = 1_000_000_000L; // 1 s per step
    bar.update(1, logs);
    now = 1_010_000_000L;
    bar.update(2, logs); // within 50 ms of the last draw: skipped
    now = 4_000_000_000L;
    logs.put("val_loss", 0.00012);
    bar.endEpoch(logs);
    return buf.toString(StandardCharsets.UTF_8);
  }

  @Test
  void terminalRedrawsInPlaceWithEtaThenElapsed() {
    String bold = "\u001b[1m";
    String dim = "\u001b[0m\u001b[2m";
    String end = "\u001b[0m";
    assertEquals("Epoch 1/3\n"
        + "\r1/4 " + bold + "━━━━━" + dim + "━━━━━━━━━━━━━━━" + end + " 3s 1s/step - accuracy: 0.7500 - loss: 0.5000"
        + "\r4/4 " + bold + "━━━━━━━━━━━━━━━━━━━━" + dim + end
        + " 4s 1s/step - accuracy: 0.7500 - loss: 0.5000 - val_loss: 1.2000e-04\n", run(Verbosity.PROGRESS_BAR, true));
  }

  @Test
  void offATerminalOneLinePerEpoch() {
    assertEquals("Epoch 1/3\n4/4 ━━━━━━━━━━━━━━━━━━━━ 4s 1s/step - accuracy: 0.7500 - loss: 0.5000"
        + " - val_loss: 1.2000e-04\n", run(Verbosity.PROGRESS_BAR, false));
    assertEquals("Epoch 1/3\n4/4 - 4s - 1s/step - accuracy: 0.7500 - loss: 0.5000 - val_loss: 1.2000e-04\n",
        run(Verbosity.ONE_LINE_PER_EPOCH, true));
    assertEquals("", run(Verbosity.SILENT, true));
    assertEquals("", run(Verbosity.AUTO, false));
  }

  @Test
  void formats() {
    assertEquals("12ms/step", ProgressBar.formatPerStep(0.012));
    assertEquals("250us/step", ProgressBar.formatPerStep(0.00025));
    assertEquals("0.0000", ProgressBar.formatValue(0));
    assertEquals("18.79 KB", Summary.bytes(19240));
  }
}
