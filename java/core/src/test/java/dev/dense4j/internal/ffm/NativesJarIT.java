// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.internal.ffm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.dense4j.backend.Backend;
import dev.dense4j.testing.RepoPaths;
import dev.dense4j.testing.TestBackends;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The packaged dense4j-core jar: {@code natives/<platform>/} holds libdense4j for the build host
 * and for every platform native/cross-build.sh staged, each file built for its platform's OS and
 * CPU; and loading from the jar on this machine picks the host's natives.
 *
 * <p>{@code DENSE4J_EXPECT_NATIVES} (comma-separated platform ids, set by .ci/run) names the
 * platforms the jar must hold exactly.
 */
class NativesJarIT {

  private static Path jar;
  private static String host;
  private static Map<String, List<String>> nativesByPlatform;

  @BeforeAll
  static void readJar() throws IOException {
    jar = Path.of(System.getProperty("dense4j.it.jar"));
    host = System.getProperty("dense4j.it.platform");
    nativesByPlatform = new TreeMap<>();
    try (JarFile jf = new JarFile(jar.toFile())) {
      jf.stream().map(JarEntry::getName).filter(n -> n.startsWith("natives/") && !n.endsWith("/"))
          .forEach(n -> {
            String[] parts = n.split("/", 3);
            nativesByPlatform.computeIfAbsent(parts[1], k -> new ArrayList<>()).add(parts[2]);
          });
    }
  }

  @Test
  void mavenAndTheLoaderAgreeOnThisPlatform() {
    assertEquals(host, Platform.currentId(), "Maven profile vs Platform.currentId()");
  }

  @Test
  void holdsTheHostNatives() {
    assertTrue(nativesByPlatform.containsKey(host), "natives/" + host + "/ in " + nativesByPlatform);
  }

  @Test
  void eachPlatformHoldsExactlyItsLibraryBuiltForIt() throws IOException {
    try (JarFile jf = new JarFile(jar.toFile())) {
      for (var e : nativesByPlatform.entrySet()) {
        Platform p = Platform.forId(e.getKey());
        assertEquals(List.of(p.libraryFileName()), e.getValue(), "natives/" + p.id() + "/");
        byte[] lib = read(jf, "natives/" + p.id() + "/" + p.libraryFileName());
        assertEquals(NativeBinaryFormat.expectedFor(p.id()), NativeBinaryFormat.describe(lib), p.id());
        String bytes = new String(lib, StandardCharsets.ISO_8859_1);
        assertTrue(bytes.contains("d4j_abi_version") && bytes.contains("d4j_f32_bias_act"),
            p.id() + " exports the libdense4j API");
      }
    }
  }

  @Test
  void holdsTheExpectedPlatforms() throws IOException {
    Set<String> expected = new TreeSet<>(Set.of(host));
    String required = System.getenv("DENSE4J_EXPECT_NATIVES");
    if (required != null && !required.isBlank()) {
      expected = new TreeSet<>(Arrays.asList(required.split(",")));
    } else {
      expected.addAll(stagedPlatforms());
    }
    assertEquals(expected, nativesByPlatform.keySet());
  }

  @Test
  void carriesNoOpenblas() throws IOException {
    try (JarFile jf = new JarFile(jar.toFile())) {
      assertEquals(List.of(), jf.stream().map(JarEntry::getName)
          .filter(n -> n.startsWith("org/bytedeco/")).toList());
    }
  }

  @Test
  void stagedNativesAreNewerThanTheSources() throws IOException {
    FileTime newestSource = newestNativeSource();
    for (String id : stagedPlatforms()) {
      Path lib = stagedDir().resolve(id).resolve(Platform.forId(id).libraryFileName());
      if (Files.getLastModifiedTime(lib).compareTo(newestSource) < 0) {
        fail(lib + " is older than the native sources; rerun native/cross-build.sh " + id
            + ", or ./mvnw clean to drop the staged natives");
      }
    }
  }

  @Test
  void loadingFromTheJarPicksTheHostNatives() throws IOException {
    TestBackends.assumeAvailable(Backend.NATIVE);
    String resource = "/natives/" + host + "/" + Platform.current().libraryFileName();
    assertTrue(NativeLibraries.class.getResource(resource).toString().startsWith("jar:file:"),
        "loaded from the jar: " + NativeLibraries.class.getResource(resource));
    Path loaded = NativeLibraries.loaded().dense4jPath();
    try (JarFile jf = new JarFile(jar.toFile())) {
      assertEquals(crc(read(jf, resource.substring(1))), crc(Files.readAllBytes(loaded)), loaded.toString());
    }
  }

  private static Path stagedDir() {
    return Path.of(System.getProperty("dense4j.it.staged"));
  }

  /** Platforms native/cross-build.sh left in native/build/natives/, other than the host. */
  private static Set<String> stagedPlatforms() throws IOException {
    if (!Files.isDirectory(stagedDir())) {
      return Set.of();
    }
    try (Stream<Path> dirs = Files.list(stagedDir())) {
      return dirs.map(d -> d.getFileName().toString())
          .filter(id -> !id.equals(host))
          .filter(id -> Platform.supported().stream().anyMatch(p -> p.id().equals(id)
              && Files.isRegularFile(stagedDir().resolve(id).resolve(p.libraryFileName()))))
          .collect(Collectors.toCollection(TreeSet::new));
    }
  }

  private static FileTime newestNativeSource() throws IOException {
    Path root = RepoPaths.root();
    try (Stream<Path> files = Stream.of(root.resolve("native/src"), root.resolve("native/include"),
        root.resolve("native/CMakeLists.txt"), root.resolve("cmake")).flatMap(NativesJarIT::walk)) {
      return files.filter(Files::isRegularFile).map(NativesJarIT::modified)
          .max(FileTime::compareTo).orElseThrow();
    }
  }

  private static Stream<Path> walk(Path dir) {
    try {
      return Files.walk(dir);
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
  }

  private static FileTime modified(Path file) {
    try {
      return Files.getLastModifiedTime(file);
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
  }

  private static byte[] read(JarFile jf, String entry) throws IOException {
    JarEntry e = jf.getJarEntry(entry);
    assertTrue(e != null, entry + " in " + jar);
    try (InputStream in = jf.getInputStream(e)) {
      return in.readAllBytes();
    }
  }

  private static long crc(byte[] bytes) {
    CRC32 c = new CRC32();
    c.update(bytes);
    return c.getValue();
  }
}
