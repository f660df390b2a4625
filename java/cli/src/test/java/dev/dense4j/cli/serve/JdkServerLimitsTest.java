// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.cli.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class JdkServerLimitsTest {

  @Test
  void theLimitsAreSetOncePerProcessAndOtherLimitsLaterAreRefused() {
    ServeOptions same = ServeTestOptions.of(Path.of("m.keras"), 8, 1 << 20, 4, false, 5, 8 << 20);
    JdkServerLimits.apply(same); // what every test server of this JVM applies
    JdkServerLimits.apply(same);
    assertEquals(Integer.toString(ServeTestOptions.REQUEST_TIMEOUT_SECONDS),
        System.getProperty("sun.net.httpserver.maxReqTime"));
    assertEquals(Integer.toString(ServeTestOptions.MAX_CONNECTIONS), System.getProperty("jdk.httpserver.maxConnections"));
    assertEquals("8192", System.getProperty("sun.net.httpserver.maxReqHeaderSize"));
    ServeOptions other = new ServeOptions(same.model(), null, "127.0.0.1", 0, 8, 1 << 20, 4, 1, false, 5, 8 << 20,
        ServeTestOptions.REQUEST_TIMEOUT_SECONDS + 1, ServeTestOptions.IDLE_TIMEOUT_SECONDS,
        ServeTestOptions.MAX_CONNECTIONS, ServeTestOptions.MAX_IDLE_CONNECTIONS, ServeOptions.NO_HEALTH_PORT);
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> JdkServerLimits.apply(other));
    assertTrue(e.getMessage().startsWith("PredictServer: the JDK HTTP server takes its connection limits once per"
        + " process; expected the limits already in force {"), e.getMessage());
    assertTrue(e.getMessage().contains("received {") && e.getMessage().contains("sun.net.httpserver.maxReqTime=4"),
        e.getMessage());
  }
}
