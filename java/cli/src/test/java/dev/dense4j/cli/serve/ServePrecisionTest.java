// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.cli.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dense4j.backend.Precision;
import dev.dense4j.cli.Io;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code serve --precision}: parsed, handed to the predictor, announced at start-up. */
class ServePrecisionTest {

  @TempDir
  Path dir;

  @Test
  void thePrecisionOptionReachesThePredictor() throws Exception {
    Path model = Files.writeString(dir.resolve("model.keras"), "placeholder");
    ServeCommand cmd = new ServeCommand(io());
    new CommandLine(cmd).parseArgs("--precision", "INT8", model.toString());
    ServeOptions o = cmd.options(null);
    assertEquals(Precision.INT8, o.precision());

    ServeCommand plain = new ServeCommand(io());
    new CommandLine(plain).parseArgs(model.toString());
    assertEquals(Precision.FLOAT32, plain.options(null).precision(), "default");

    ByteArrayOutputStream log = new ByteArrayOutputStream();
    // the test limits every server of this test JVM runs with (the JDK server takes them once)
    ServeOptions test = ServeTestOptions.of(model, 8, 1 << 20, 4, false, 5, 8 << 20);
    try (PredictServer server = ServeCommand.start(withPrecision(test, o.precision()), p -> ServeModels.mlp(1),
        new PrintStream(log, true, StandardCharsets.UTF_8))) {
      assertTrue(server.port() > 0);
    }
    String text = log.toString(StandardCharsets.UTF_8);
    assertTrue(text.contains(", INT8 ("), text);
  }

  @Test
  void anUnknownPrecisionIsRefusedWithTheChoices() throws Exception {
    Path model = Files.writeString(dir.resolve("model.keras"), "placeholder");
    CommandLine.ParameterException e = assertThrows(CommandLine.ParameterException.class,
        () -> new CommandLine(new ServeCommand(io())).parseArgs("--precision", "INT4", model.toString()));
    assertTrue(e.getMessage().contains("FLOAT32, BFLOAT16, INT8"), e.getMessage());
  }

  private static Io io() {
    PrintStream sink = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    return new Io(new ByteArrayInputStream(new byte[0]), sink, sink);
  }

  private static ServeOptions withPrecision(ServeOptions o, Precision precision) {
    return new ServeOptions(o.model(), o.weights(), o.host(), o.port(), o.maxBatch(), o.maxBodyBytes(),
        o.maxConcurrent(), o.blasThreads(), o.enableReload(), o.drainSeconds(), o.maxBodyBytesInFlight(),
        o.requestTimeoutSeconds(), o.idleTimeoutSeconds(), o.maxConnections(), o.maxIdleConnections(), o.healthPort(),
        precision);
  }
}
