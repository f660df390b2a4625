// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.internal.ffm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NativeCacheTest {

  static final String DIR = "/natives-test/";
  static final List<String> FILES = List.of("payload.bin", "small.txt");

  @TempDir
  Path root;

  static byte[] resource(String name) throws IOException {
    try (InputStream in = NativeCacheTest.class.getResourceAsStream(DIR + name)) {
      return in.readAllBytes();
    }
  }

  @Test
  void extractsOnceIntoAChecksummedDirectory() throws IOException {
    List<Path> paths = NativeCache.extract(root, "demo", DIR, FILES);
    assertEquals(2, paths.size());
    assertEquals(paths.get(0).getParent(), paths.get(1).getParent(), "one directory per group");
    assertTrue(paths.get(0).getParent().getFileName().toString().matches("demo-[0-9a-f]{8}"));
    assertArrayEquals(resource("payload.bin"), Files.readAllBytes(paths.get(0)));
    long modified = Files.getLastModifiedTime(paths.get(0)).toMillis();
    List<Path> again = NativeCache.extract(root, "demo", DIR, FILES);
    assertEquals(paths, again);
    assertEquals(modified, Files.getLastModifiedTime(again.get(0)).toMillis(), "reused, not rewritten");
  }

  @Test
  void damagedFilesAreReplaced() throws IOException {
    Path p = NativeCache.extract(root, "demo", DIR, FILES).get(0);
    byte[] bytes = Files.readAllBytes(p);
    bytes[1000] ^= 1; // same size, different content
    Files.write(p, bytes);
    NativeCache.extract(root, "demo", DIR, FILES);
    assertArrayEquals(resource("payload.bin"), Files.readAllBytes(p));
    Files.write(p, new byte[10]); // truncated
    NativeCache.extract(root, "demo", DIR, FILES);
    assertArrayEquals(resource("payload.bin"), Files.readAllBytes(p));
  }

  @Test
  void concurrentExtractionInThreadsAndProcesses() throws Exception {
    Path shared = root.resolve("shared");
    List<Process> processes = new ArrayList<>();
    String java = ProcessHandle.current().info().command().orElseThrow();
    for (int i = 0; i < 3; i++) {
      processes.add(new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
          NativeCacheTest.Extract.class.getName(), shared.toString()).inheritIO().start());
    }
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<List<Path>>> results = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        results.add(pool.submit(() -> NativeCache.extract(shared, "demo", DIR, FILES)));
      }
      for (Future<List<Path>> f : results) {
        assertArrayEquals(resource("payload.bin"), Files.readAllBytes(f.get().get(0)));
      }
    } finally {
      pool.shutdown();
    }
    for (Process p : processes) {
      assertTrue(p.waitFor(60, TimeUnit.SECONDS), "extracting process finished");
      assertEquals(0, p.exitValue(), "extracting process succeeded");
    }
    try (var files = Files.walk(shared)) {
      assertTrue(files.noneMatch(f -> f.getFileName().toString().contains(".tmp-")), "no temporary files left");
    }
  }

  @Test
  void missingResourceIsNamed() {
    var e = assertThrows(UncheckedIOException.class,
        () -> NativeCache.extract(root, "demo", DIR, List.of("absent.so")));
    assertEquals("Native resource not on the class path: /natives-test/absent.so", e.getCause().getMessage());
  }

  @Test
  void unwritableRootSaysWhatToSet() throws IOException {
    Path file = Files.writeString(root.resolve("not-a-dir"), "x");
    var e = assertThrows(UncheckedIOException.class, () -> NativeCache.extract(file, "demo", DIR, FILES));
    assertTrue(e.getMessage().contains("set -Ddense4j.nativeDir="), e.getMessage());
  }

  /** Runs in a separate JVM for the multi-process test. */
  public static final class Extract {
    public static void main(String[] args) throws IOException {
      for (int i = 0; i < 5; i++) {
        Path p = NativeCache.extract(Path.of(args[0]), "demo", DIR, FILES).get(0);
        if (!java.util.Arrays.equals(resource("payload.bin"), Files.readAllBytes(p))) {
          System.exit(3);
        }
      }
    }
  }
}
