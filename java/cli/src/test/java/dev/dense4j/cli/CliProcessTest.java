// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.dense4j.keras.KerasModels;
import dev.dense4j.layers.Dense;
import dev.dense4j.models.Sequential;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line as a user meets it: each test starts {@code dense4j} in its own JVM (the class
 * path of this test, so no launcher build is needed), feeds stdin, and checks the exit code and
 * the one line on stderr.
 */
class CliProcessTest {

  @TempDir
  static Path tmp;

  private static Path model;
  private static Path config;

  record Result(int code, String out, String err) {}

  /** y = relu(x · [[1, -1], [2, 0]] + [0.5, 0]); its config alone as JSON, without weights. */
  @BeforeAll
  static void models() throws IOException {
    try (Sequential m = new Sequential("tiny")) {
      Dense d = Dense.builder(2).name("hidden").activation("relu").build();
      m.add(d).build(-1, 2);
      d.setWeights(List.of(new float[] {1, -1, 2, 0}, new float[] {0.5f, 0}));
      model = tmp.resolve("tiny.keras");
      KerasModels.save(m, model);
    }
    config = Files.writeString(tmp.resolve("tiny.json"), config("[null, 2]"));
  }

  static String config(String batchShape) {
    return "{\"class_name\": \"Sequential\", \"config\": {\"name\": \"tiny\", \"layers\": ["
        + "{\"class_name\": \"InputLayer\", \"config\": {\"batch_shape\": " + batchShape + ", \"name\": \"in\"}},"
        + "{\"class_name\": \"Dense\", \"config\": {\"name\": \"hidden\", \"units\": 2, \"activation\": \"relu\","
        + " \"use_bias\": true}}]}}";
  }

  static Result run(String stdin, String... args) {
    List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElseThrow(),
        "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"), Main.class.getName()));
    command.addAll(List.of(args));
    try {
      Process p = new ProcessBuilder(command).start();
      CompletableFuture<String> out = drain(p.getInputStream());
      CompletableFuture<String> err = drain(p.getErrorStream());
      try (OutputStream in = p.getOutputStream()) {
        in.write(stdin.getBytes(StandardCharsets.UTF_8));
      } catch (IOException e) {
        // the command may exit without reading its input
      }
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new AssertionError("dense4j " + String.join(" ", args) + " did not finish in 60 s");
      }
      return new Result(p.exitValue(), out.join(), err.join());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private static CompletableFuture<String> drain(InputStream s) {
    return CompletableFuture.supplyAsync(() -> {
      try (s) {
        return new String(s.readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
  }

  /** Exit code 2 and exactly one line on stderr, starting with {@code prefix}. */
  private static void assertUsageError(Result r, String line) {
    assertEquals(2, r.code(), r.err());
    assertEquals(line + "\n", r.err());
  }

  @Test
  void helpOnEveryCommandAndAVersion() {
    for (String command : List.of("demo", "inspect", "predict", "convert", "train", "serve", "loadtest")) {
      Result r = run("", command, "--help");
      assertEquals(0, r.code(), command + ": " + r.err());
      assertTrue(r.out().startsWith("Usage: dense4j " + command), r.out());
      assertEquals("", r.err(), command);
    }
    assertTrue(run("", "serve", "--help").out().contains("--max-body-bytes=N"));
    Result v = run("", "--version");
    assertEquals(0, v.code(), v.err());
    assertTrue(v.out().matches("(?s)dense4j \\d+\\.\\d+\\.\\d+.*\nlibdense4j ABI \\d+\nnative: .*\njava .*"), v.out());
  }

  @Test
  void bareDense4jIsAUsageErrorWithTheHelpOnStderr() {
    Result r = run("");
    assertEquals(2, r.code());
    assertEquals("", r.out());
    assertTrue(r.err().startsWith("Usage: dense4j "), r.err());
    assertTrue(r.err().endsWith("dense4j: no command given; 'dense4j demo' is a quick first try (see 'dense4j"
        + " --help')\n"), r.err());
  }

  @Test
  void completionScriptIsGenerated() {
    Result r = run("", "completion");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("complete -F _complete_dense4j"), r.out());
    assertTrue(r.out().contains("--random-weights"), "predict's options are completed");
  }

  @Test
  void predictTakesTheServersBodyJsonRowsAndCsvAlike() {
    // [1, 1] → relu([1 + 2 + 0.5, -1 + 0]) = [3.5, 0]
    for (String input : List.of("{\"inputs\": [[1, 1]]}", "[[1, 1]]", "[1, 1]", "x,y\n1,1\n")) {
      Result r = run(input, "predict", model.toString());
      assertEquals(0, r.code(), input + ": " + r.err());
      assertEquals("[[3.5, 0.0]]\n", r.out(), input);
      assertEquals("", r.err(), "predict is quiet on stderr");
    }
  }

  @Test
  void aConfigWithoutWeightsNeedsRandomWeights() {
    assertUsageError(run("[[1, 1]]", "predict", config.toString()), "dense4j predict: " + config
        + " is a JSON config without weights; pass --weights WEIGHTS.h5, or --random-weights to compute with freshly"
        + " initialised weights");
    Result random = run("[[1, 1]]", "predict", config.toString(), "--random-weights");
    assertEquals(0, random.code(), random.err());
    assertTrue(random.out().matches("\\[\\[[-0-9.E]+, [-0-9.E]+]]\\n"), random.out());
    // serve loads through the same policy, so it stops at start-up instead of serving random outputs
    assertUsageError(run("", "serve", config.toString(), "--port", "0"), "dense4j serve: " + config
        + " is a JSON config without weights; pass --weights WEIGHTS.h5, or --random-weights to compute with freshly"
        + " initialised weights");
  }

  @Test
  void badInputGivesOneLineNamingTheProblem() {
    assertUsageError(run("garbage", "predict", model.toString()), "dense4j predict: the input has no rows: read it"
        + " as CSV, whose first line 'garbage' is a header; expected JSON rows, {\"inputs\": [...]}, CSV lines of 2"
        + " numbers or a .npy file");
    assertUsageError(run("[[1, NaN]]", "predict", model.toString()), "dense4j predict: malformed JSON: NaN and"
        + " Infinity are not JSON numbers, and inputs must be finite, at line 1, column 9");
    assertUsageError(run("[[1, 1e39]]", "predict", model.toString()),
        "dense4j predict: inputs[0][1] = 1e39 is beyond float32's range of ±3.4028235e38");
    assertUsageError(run("1,1e39\n", "predict", model.toString()),
        "dense4j predict: CSV line 1, column 2 = 1e39 is beyond float32's range of ±3.4028235e38");
    assertUsageError(run("1,nan\n", "predict", model.toString()),
        "dense4j predict: CSV line 1, column 2 = nan: inputs must be finite numbers (no NaN or Infinity)");
    assertUsageError(run("", "predict", model.toString()),
        "dense4j predict: the input is empty; expected JSON rows, {\"inputs\": [...]}, CSV lines or a .npy file");
  }

  @Test
  void argumentMistakesSayWhatToDo() {
    assertUsageError(run("", "predict", model.toString(), "rows.json"), "dense4j predict: predict takes one MODEL;"
        + " received also [rows.json]; to read samples from a file, pass --input rows.json (see 'dense4j predict"
        + " --help')");
    assertUsageError(run("", "predict", model.toString(), "--input", "nosuch.csv"),
        "dense4j predict: --input nosuch.csv: no such file (see 'dense4j predict --help')");
    assertUsageError(run("", "train", "--epochs", "abc"), "dense4j train: Invalid value for option '--epochs':"
        + " expected a whole number >= 1; received 'abc' (see 'dense4j train --help')");
    assertUsageError(run("", "predict", "nosuch.keras"), "dense4j predict: Invalid value for positional parameter at"
        + " index 0 (MODEL): no such file: nosuch.keras (see 'dense4j predict --help')");
    assertUsageError(run("", "--backend", "gpu", "demo"), "dense4j: Invalid value for option '--backend': expected"
        + " auto, native or reference; received 'gpu' (see 'dense4j --help')");
  }

  @Test
  void hugeInputShapesAreAClearError() throws IOException {
    Path huge = Files.writeString(tmp.resolve("huge.json"), config("[null, 65536, 32768, 4]"));
    String expected = " the model's sample shape [65536, 32768, 4] holds more than 2147483647 values per sample;"
        + " received shape [65536, 32768, 4]";
    assertUsageError(run("[[1, 1]]", "predict", huge.toString(), "--random-weights"), "dense4j predict:" + expected);
    assertUsageError(run("", "serve", huge.toString(), "--random-weights", "--port", "0"), "dense4j serve:" + expected);
    Path unknown = Files.writeString(tmp.resolve("unknown.json"), config("[null, null, 4]"));
    assertUsageError(run("[[1, 1]]", "predict", unknown.toString(), "--random-weights"), "dense4j predict: the"
        + " model's sample shape [-1, 4] has unknown dimensions; predicting needs every dimension but the batch known");
  }

  @Test
  void settingsReachTheLibrary() {
    Result r = run("[[1, 1]]", "--backend", "reference", "predict", model.toString(), "--verbose");
    assertEquals(0, r.code(), r.err());
    assertEquals("[[3.5, 0.0]]\n", r.out());
    assertTrue(r.err().startsWith("dense4j: backend reference; "), r.err());
    Result after = run("[[1, 1]]", "predict", model.toString(), "--backend=reference", "-v");
    assertTrue(after.err().startsWith("dense4j: backend reference; "), after.err());
  }

  @Test
  void messagesForJavaUsersGetTheCommandLinesAdvice() {
    Path shared = Path.of("").toAbsolutePath();
    while (shared != null && !Files.isDirectory(shared.resolve("shared/keras-models"))) {
      shared = shared.getParent(); // the shared files sit beside the checkout (or a worktree's parent)
    }
    assumeTrue(shared != null, "the shared Keras files are not here");
    shared = shared.resolve("shared/keras-models");
    Path custom = shared.resolve("dfrribeiro__iasc46307/xor.keras");
    Path weightsOnly = shared.resolve("fastmachinelearning__example-models/KERAS_3layer_weights.h5");
    assumeTrue(Files.exists(custom) && Files.exists(weightsOnly), "the shared Keras files are not here");
    Result c = run("", "inspect", custom.toString());
    assertEquals(1, c.code());
    assertTrue(c.err().contains("the dense4j command knows only the built-in activations; a model with a custom one"
        + " loads from Java"), c.err());
    assertEquals(1, c.err().lines().count(), c.err());
    Result w = run("", "inspect", weightsOnly.toString());
    assertEquals(1, w.code());
    assertTrue(w.err().contains("pass its JSON config as MODEL and this file as --weights"), w.err());
  }
}
