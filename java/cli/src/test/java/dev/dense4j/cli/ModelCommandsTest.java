// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dense4j.keras.KerasModels;
import dev.dense4j.layers.Dense;
import dev.dense4j.models.Sequential;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code inspect}, {@code predict} and {@code convert} on a model saved by the library. */
class ModelCommandsTest {

  @TempDir
  Path tmp;

  private Path model;

  /** y = relu(x · [[1, -1], [2, 0]] + [0.5, 0]) with 2 inputs: outputs are easy to state by hand. */
  @BeforeEach
  void saveModel() {
    try (Sequential m = new Sequential("tiny")) {
      Dense d = Dense.builder(2).name("hidden").activation("relu").build();
      m.add(d).build(-1, 2);
      d.setWeights(List.of(new float[] {1, -1, 2, 0}, new float[] {0.5f, 0}));
      model = tmp.resolve("tiny.keras");
      KerasModels.save(m, model);
    }
  }

  private record Result(int code, String out, String err) {}

  private static Result run(String stdin, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    InputStream in = new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8));
    int code;
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      code = Main.run(args, new Io(in, o, e));
    }
    return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void inspectPrintsFormatVersionLayersAndParameters() {
    Result r = run("", "inspect", model.toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("format:  .keras (Keras 3 layout), Keras 3."), r.out());
    assertTrue(r.out().contains("model:   tiny (Sequential), input (None, 2) -> output (None, 2)"), r.out());
    assertTrue(r.out().matches("(?s).*0\\s+hidden\\s+Dense\\s+\\(None, 2\\)\\s+relu\\s+6\\n.*"), r.out());
    assertTrue(r.out().contains("total parameters: 6"), r.out());
  }

  @Test
  void predictReadsJsonRowsAndCsvAndPrintsJsonRows() {
    // [1, 1] → relu([1 + 2 + 0.5, -1 + 0]) = [3.5, 0]; [0, -1] → relu([-2 + 0.5, 0]) = [0, 0]
    Result json = run("[[1, 1], [0, -1]]", "predict", model.toString());
    assertEquals(0, json.code(), json.err());
    assertEquals("[[3.5, 0.0],\n [0.0, 0.0]]", json.out().strip());
    Result csv = run("a,b\n1,1\n0,-1\n", "predict", model.toString(), "--input", "-");
    assertEquals(json.out(), csv.out());
    Result single = run("[1, 1]", "predict", model.toString());
    assertEquals("[[3.5, 0.0]]", single.out().strip());
  }

  @Test
  void predictReadsAFileAndRejectsRowsOfTheWrongWidth() throws Exception {
    Path input = tmp.resolve("rows.json");
    Files.writeString(input, "[[1, 1, 1]]");
    Result r = run("", "predict", model.toString(), "--input", input.toString());
    assertEquals(2, r.code());
    assertTrue(r.err().contains("dense4j predict: inputs[0] has 3 values; the model takes 2"), r.err());
  }

  @Test
  void convertWritesAKerasFileThatLoadsBack() {
    Path out = tmp.resolve("copy.keras");
    Result r = run("", "convert", model.toString(), out.toString());
    assertEquals(0, r.code(), r.err());
    assertEquals(run("[[1, 1]]", "predict", model.toString()).out(), run("[[1, 1]]", "predict", out.toString()).out());
    Result bad = run("", "convert", model.toString(), tmp.resolve("copy.h5").toString());
    assertEquals(2, bad.code());
    assertTrue(bad.err().contains("OUT must end in .keras"), bad.err());
  }

  @Test
  void brokenFilesAndBadArgumentsGiveMessagesAndExitCodes() throws Exception {
    Path junk = tmp.resolve("junk.keras");
    Files.writeString(junk, "not a model");
    Result r = run("", "inspect", junk.toString());
    assertEquals(1, r.code());
    assertTrue(r.err().contains("dense4j inspect: " + junk + ": not a Keras model file"), r.err());
    Result missing = run("", "inspect");
    assertEquals(2, missing.code());
    assertTrue(missing.err().startsWith("dense4j inspect: Missing required parameter: 'MODEL'"), missing.err());
    Result option = run("", "inspect", model.toString(), "--frobnicate", "1");
    assertEquals(2, option.code());
    assertTrue(option.err().startsWith("dense4j inspect: Unknown options: '--frobnicate', '1'"), option.err());
  }
}
