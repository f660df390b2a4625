// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.cli.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServeOptionsTest {

  @TempDir
  Path dir;

  @Test
  void defaultsBindLoopbackWithReloadOff() throws IOException {
    Path model = Files.createFile(dir.resolve("m.keras"));
    ServeOptions o = ServeOptions.parse(new String[] {model.toString()});
    assertEquals("127.0.0.1", o.host());
    assertEquals(8080, o.port());
    assertFalse(o.enableReload());
    assertEquals(1, o.blasThreads());
    ServeOptions p = ServeOptions.parse(new String[] {model.toString(), "--port", "0", "--enable-reload", "--max-batch",
        "7", "--blas-threads", "2"});
    assertEquals(0, p.port());
    assertTrue(p.enableReload());
    assertEquals(7, p.maxBatch());
    assertEquals(2, p.blasThreads());
    assertEquals(10, o.requestTimeoutSeconds());
    assertEquals(30, o.idleTimeoutSeconds());
    assertEquals(1024, o.maxConnections());
    assertEquals(200, o.maxIdleConnections());
    assertEquals(ServeOptions.NO_HEALTH_PORT, o.healthPort());
    assertEquals(0, ServeOptions.parse(new String[] {model.toString(), "--health-port", "0"}).healthPort());
    assertEquals(ServeOptions.defaultBodyBytesInFlight(8 << 20), o.maxBodyBytesInFlight());
    assertTrue(o.maxBodyBytesInFlight() >= o.maxBodyBytes());
  }

  @Test
  void theServerLimitsAreOptions() throws IOException {
    Path model = Files.createFile(dir.resolve("m.keras"));
    ServeOptions o = ServeOptions.parse(new String[] {model.toString(), "--max-body-bytes", "1000",
        "--max-body-bytes-in-flight", "5000", "--request-timeout", "4", "--idle-timeout", "6", "--max-connections",
        "50", "--max-idle-connections", "7"});
    assertEquals(5000, o.maxBodyBytesInFlight());
    assertEquals(4, o.requestTimeoutSeconds());
    assertEquals(6, o.idleTimeoutSeconds());
    assertEquals(50, o.maxConnections());
    assertEquals(7, o.maxIdleConnections());
    assertMessage("--max-body-bytes-in-flight must be an integer in [1000, 2147483639]; received"
        + " --max-body-bytes-in-flight=999", model.toString(), "--max-body-bytes", "1000", "--max-body-bytes-in-flight",
        "999");
    assertMessage("--health-port must be an integer in [0, 65535]; received --health-port=-1", model.toString(),
        "--health-port", "-1");
    assertMessage("--request-timeout must be an integer in [1, 3600]; received --request-timeout=0", model.toString(),
        "--request-timeout", "0");
  }

  @Test
  void badOptionsAreNamed() throws IOException {
    String model = Files.createFile(dir.resolve("m.keras")).toString();
    assertMessage("Invalid value for option '--port': 'http' is not an int", model, "--port", "http");
    assertMessage("--port must be an integer in [0, 65535]; received --port=70000", model, "--port", "70000");
    assertMessage("--max-batch must be an integer in [1, 1048576]; received --max-batch=0", model, "--max-batch", "0");
    assertMessage("Missing required parameter for option '--port' (N)", model, "--port");
    assertMessage("Unknown option: '--frobnicate'", model, "--frobnicate");
    assertMessage("Missing required parameter: 'MODEL'");
    assertMessage("Invalid value for positional parameter at index 0 (MODEL): no such file: " + dir.resolve("none.keras"),
        dir.resolve("none.keras").toString());
  }

  private static void assertMessage(String message, String... args) {
    RuntimeException e = assertThrows(RuntimeException.class, () -> ServeOptions.parse(args));
    assertTrue(e instanceof IllegalArgumentException || e instanceof CommandLine.ParameterException, e.toString());
    assertEquals(message, e.getMessage());
  }
}
