// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MainTest {

  record Result(int code, String out, String err) {}

  static Result run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void demoPrintsTheNativesAndLatencies() {
    Result r = run("demo");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("backend: "), r.out());
    assertTrue(r.out().contains("natives: "), r.out());
    assertTrue(r.out().matches("(?s).*batch +1: +[0-9.]+ µs per forward pass.*"), r.out());
    assertTrue(r.out().matches("(?s).*batch +32: +[0-9.]+ µs per forward pass.*sums to 1\\.0000.*"), r.out());
    if (Boolean.getBoolean("dense4j.test.requireNative")) {
      assertTrue(r.out().contains("backend: native") && r.out().contains("OpenBLAS"), r.out());
    }
  }

  @Test
  void unknownCommandIsAnErrorWithUsage() {
    Result r = run("predcit");
    assertEquals(2, r.code());
    assertEquals("dense4j: Unmatched argument at index 0: 'predcit'; did you mean predict? (see 'dense4j --help')\n",
        r.err());
  }

  @Test
  void helpListsTheCommands() {
    Result r = run("help");
    assertEquals(0, r.code());
    assertTrue(r.out().contains("demo"), r.out());
    assertTrue(r.out().contains("  serve  "), r.out());
    assertTrue(r.out().contains("  loadtest  "), r.out());
  }

  @Test
  void serveWithoutAModelIsAUsageError() {
    Result r = run("serve");
    assertEquals(2, r.code());
    assertEquals("dense4j serve: Missing required parameter: 'MODEL' (see 'dense4j serve --help')\n", r.err());
  }
}
