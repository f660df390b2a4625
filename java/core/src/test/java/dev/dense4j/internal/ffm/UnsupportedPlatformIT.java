// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.internal.ffm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dense4j.backend.Backend;
import dev.dense4j.layers.Dense;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A JVM that reports a platform without natives (here SunOS on SPARC, via {@code os.name} and
 * {@code os.arch}) loads the jar, logs one warning naming its platform and the supported ones,
 * and computes on the pure-Java backend.
 */
class UnsupportedPlatformIT {

  /** Runs in the child JVM: prints the backend, the reason, and one Dense output. */
  public static final class Probe {
    public static void main(String[] args) {
      System.out.println("backend=" + Backend.preferred());
      System.out.println("reason=" + Backend.NATIVE.unavailableReason().orElse("-"));
      try (Dense dense = Dense.builder(1).kernelInitializer("ones").biasInitializer("ones").build()) {
        dense.build(-1, 3);
        System.out.println("y=" + Arrays.toString(dense.call(new float[] {1, 2, 3}, 1, 3)));
      }
    }
  }

  @Test
  void warnsNamingThePlatformThenRunsPureJava(@TempDir Path tmp) throws IOException, InterruptedException {
    Path out = tmp.resolve("out.txt");
    Path err = tmp.resolve("err.txt");
    List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "--enable-native-access=ALL-UNNAMED", "-Dos.name=SunOS", "-Dos.arch=sparcv9",
        "-Ddense4j.nativeDir=" + tmp.resolve("cache"),
        "-cp", System.getProperty("java.class.path"), Probe.class.getName());
    Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    assertTrue(p.waitFor(2, TimeUnit.MINUTES), "child JVM finished");
    String stdout = Files.readString(out);
    String stderr = Files.readString(err);
    assertEquals(0, p.exitValue(), stdout + stderr);

    String reason = "UnsupportedOperationException: No dense4j natives for platform sunos-sparcv9; "
        + "supported: [linux-x86_64, linux-aarch64, windows-x86_64, macos-x86_64, macos-aarch64]";
    assertEquals(List.of("backend=REFERENCE", "reason=" + reason, "y=[7.0]"), stdout.lines().toList());
    assertTrue(stderr.contains("dense4j natives unavailable, using the pure-Java reference backend: "
        + reason), stderr);
  }
}
