// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.internal.ffm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dense4j.testing.RepoPaths;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Which natives each platform's users resolve: Maven (this build's own wrapper) resolves the
 * dependency tree of every module as a user on the given OS and CPU would, and each jar module
 * must pull exactly one platform-specific artifact, that platform's {@code org.bytedeco:openblas}
 * classifier (none on a platform without natives): never another platform's natives.
 */
class OpenblasDependencyIT {

  /** os.name, os.arch, and the classifier a user there resolves ("" = none: no natives). */
  private static final List<List<String>> PLATFORMS = List.of(
      List.of("Linux", "amd64", "linux-x86_64"),
      List.of("Linux", "aarch64", "linux-arm64"),
      List.of("Windows 11", "amd64", "windows-x86_64"),
      List.of("Mac OS X", "x86_64", "macosx-x86_64"),
      List.of("Mac OS X", "aarch64", "macosx-arm64"),
      List.of("SunOS", "sparcv9", ""));

  /** Classifiers of native artifacts, as bytedeco, TensorFlow, LWJGL and others name them. */
  private static final Pattern PLATFORM_CLASSIFIER =
      Pattern.compile("^(natives-)?(linux|windows|macosx|macos|osx|android|ios)[-_]");

  @TempDir
  static Path tmp;

  /** One Maven per platform, started together (each is mostly JVM start-up). */
  private static final Map<String, Process> RUNS = new TreeMap<>();

  @BeforeAll
  static void startMavenPerPlatform() throws IOException {
    for (List<String> p : PLATFORMS) {
      String key = key(p.get(0), p.get(1));
      Files.createDirectories(tmp.resolve(key));
      RUNS.put(key, startDependencyTree(p.get(0), p.get(1), tmp.resolve(key)));
    }
  }

  @AfterAll
  static void stopLeftovers() {
    RUNS.values().forEach(Process::destroyForcibly);
  }

  static Stream<Arguments> platforms() {
    return PLATFORMS.stream().map(p -> Arguments.of(p.toArray()));
  }

  @ParameterizedTest(name = "{0} / {1} -> \"{2}\"")
  @MethodSource("platforms")
  void eachModulePullsOnlyItsPlatformsNatives(String osName, String osArch, String classifier)
      throws IOException, InterruptedException {
    Map<String, List<String>> nativesByModule = finish(key(osName, osArch));
    assertTrue(nativesByModule.containsKey("dense4j-core"), "modules: " + nativesByModule.keySet());
    List<String> expected = classifier.isEmpty() ? List.of()
        : List.of("org.bytedeco:openblas:jar:" + classifier + ":" + System.getProperty(
            "dense4j.it.openblasVersion") + ":compile");
    nativesByModule.forEach((module, natives) -> {
      // what a user of the module resolves: provided (dense4j-spark's Spark, the cluster's own) and
      // test dependencies do not travel with it
      natives = natives.stream().filter(n -> !n.endsWith(":provided") && !n.endsWith(":test")).toList();
      if (module.equals("dense4j-benchmarks")) {
        // not shipped to users; its peer baselines (TensorFlow) bring natives of their own
        natives = natives.stream().filter(n -> n.startsWith("org.bytedeco:openblas:")).toList();
      }
      assertEquals(expected, natives, module);
    });
  }

  @Test
  void thisBuildResolvedOnlyTheHostsOpenblas() {
    List<String> openblasJars = Arrays.stream(System.getProperty("java.class.path")
        .split(File.pathSeparator)).map(e -> Path.of(e).getFileName().toString())
        .filter(name -> name.startsWith("openblas-")).toList();
    String classifier = Platform.current().openblasClassifier();
    assertEquals(List.of("openblas-" + System.getProperty("dense4j.it.openblasVersion") + "-"
        + classifier + ".jar"), openblasJars);
  }

  private static String key(String osName, String osArch) {
    return (osName + "-" + osArch).replace(' ', '_');
  }

  /** `mvnw dependency:tree` over the whole build, as Maven on that OS and CPU would resolve it. */
  private static Process startDependencyTree(String osName, String osArch, Path dir) throws IOException {
    Path root = RepoPaths.root();
    boolean windows = System.getProperty("os.name").toLowerCase(Locale.ROOT).startsWith("windows");
    List<String> cmd = new ArrayList<>(windows
        ? List.of("cmd", "/c", root.resolve("mvnw.cmd").toString())
        : List.of(root.resolve("mvnw").toString()));
    cmd.addAll(List.of("-B", "-q", "dependency:tree", "-Dos.name=" + osName, "-Dos.arch=" + osArch,
        "-DoutputFile=" + dir.resolve("tree.txt"), "-DappendOutput=true"));
    if ("offline=true".equals(System.getProperty("dense4j.it.offline"))) { // like the outer build
      cmd.add("-o");
    }
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(root.toFile()).redirectErrorStream(true)
        .redirectOutput(dir.resolve("maven.log").toFile());
    // a short-lived Maven: the C1 compiler alone halves its CPU time
    pb.environment().merge("MAVEN_OPTS", "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC", (a, b) -> a + " " + b);
    return pb.start();
  }

  /** Waits for a platform's Maven and parses its output: module -> its org.bytedeco dependencies. */
  private static Map<String, List<String>> finish(String key) throws IOException, InterruptedException {
    Process p = RUNS.get(key);
    Path dir = tmp.resolve(key);
    if (!p.waitFor(5, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new AssertionError("mvnw dependency:tree for " + key + " did not finish in 5 minutes");
    }
    assertEquals(0, p.exitValue(), () -> "mvnw dependency:tree for " + key + " failed:\n"
        + read(dir.resolve("maven.log")));
    return nativesByModule(Files.readAllLines(dir.resolve("tree.txt")));
  }

  /**
   * Parses dependency:tree's text output (a module line, then its tree lines "+- ", "\- ", "|  ")
   * into module -> its platform-specific dependencies: those whose classifier names a platform
   * (groupId:artifactId:type:classifier:version:scope).
   */
  static Map<String, List<String>> nativesByModule(List<String> lines) {
    Map<String, List<String>> result = new TreeMap<>();
    List<String> current = null;
    for (String line : lines) {
      if (line.isBlank()) {
        continue;
      }
      if (Character.isLetterOrDigit(line.charAt(0))) {
        String[] gav = line.split(":");
        current = gav[2].equals("jar") ? result.computeIfAbsent(gav[1], k -> new ArrayList<>()) : null;
      } else if (current != null) {
        String coordinate = line.replaceFirst("^[|+\\\\\\- ]+", "");
        String[] parts = coordinate.split(":");
        if (parts.length == 6 && PLATFORM_CLASSIFIER.matcher(parts[3]).find()) {
          current.add(coordinate);
        }
      }
    }
    return result;
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException ex) {
      return "(no log: " + ex.getMessage() + ")";
    }
  }
}
