// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.internal.ffm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The platform identifiers used for the natives inside the jars ({@code natives/<os>-<arch>/}) and
 * the native files each platform needs, in load order.
 *
 * <p>Linux natives are built against glibc; a JVM running on musl libc (Alpine) gets the id
 * {@code linux-<arch>-musl}, which has no natives, so it runs the pure-Java backend.
 *
 * @param id                       {@code <os>-<arch>}, e.g. {@code linux-x86_64}
 * @param libraryFileName          libdense4j's file name on this OS
 * @param openblasClassifier       the classifier of {@code org.bytedeco:openblas} for this platform
 * @param openblasFilesInLoadOrder bytedeco's OpenBLAS files, dependencies first, the CBLAS library last
 */
public record Platform(String id, String libraryFileName, String openblasClassifier,
    List<String> openblasFilesInLoadOrder) {

  private static final List<Platform> SUPPORTED = List.of(
      new Platform("linux-x86_64", "libdense4j.so", "linux-x86_64",
          List.of("libquadmath.so.0", "libgfortran.so.5", "libopenblas.so.0")),
      new Platform("linux-aarch64", "libdense4j.so", "linux-arm64",
          List.of("libgfortran.so.5", "libopenblas.so.0")),
      new Platform("windows-x86_64", "dense4j.dll", "windows-x86_64",
          List.of("libopenblas.dll")),
      new Platform("macos-x86_64", "libdense4j.dylib", "macosx-x86_64",
          List.of("libgcc_s.1.1.dylib", "libquadmath.0.dylib", "libgfortran.5.dylib", "libopenblas.0.dylib")),
      new Platform("macos-aarch64", "libdense4j.dylib", "macosx-arm64",
          List.of("libopenblas.0.dylib")));

  private static final Path PROC_SELF_MAPS = Path.of("/proc/self/maps");

  /** Every platform dense4j has natives for. */
  public static List<Platform> supported() {
    return SUPPORTED;
  }

  /** The id of the running platform, e.g. {@code linux-x86_64}, whether supported or not. */
  public static String currentId() {
    String id = id(System.getProperty("os.name"), System.getProperty("os.arch"));
    return id.startsWith("linux-") && runsOnMusl() ? id + "-musl" : id;
  }

  static String id(String osName, String osArch) {
    String os = osName.toLowerCase(Locale.ROOT);
    String arch = osArch.toLowerCase(Locale.ROOT);
    String o = os.startsWith("linux") ? "linux"
        : os.startsWith("mac") || os.startsWith("darwin") ? "macos"
        : os.startsWith("windows") ? "windows" : os.replace(' ', '_');
    String a = switch (arch) {
      case "amd64", "x86_64", "x64" -> "x86_64";
      case "aarch64", "arm64" -> "aarch64";
      default -> arch;
    };
    return o + "-" + a;
  }

  /** True when this process runs on musl libc: its dynamic loader is mapped into memory. */
  private static boolean runsOnMusl() {
    if (!Files.isReadable(PROC_SELF_MAPS)) {
      return false;
    }
    try (Stream<String> lines = Files.lines(PROC_SELF_MAPS)) {
      return mapsShowMusl(lines);
    } catch (IOException | UncheckedIOException ex) {
      return false;
    }
  }

  /** Whether lines of {@code /proc/<pid>/maps} show musl's loader ({@code ld-musl-<arch>.so.1}). */
  static boolean mapsShowMusl(Stream<String> mapsLines) {
    return mapsLines.anyMatch(line -> line.contains("/ld-musl-") || line.contains("/libc.musl-"));
  }

  /** The running platform; throws naming it and the supported ones when there are no natives for it. */
  public static Platform current() {
    return forId(currentId());
  }

  static Platform forId(String id) {
    return SUPPORTED.stream().filter(p -> p.id.equals(id)).findFirst()
        .orElseThrow(() -> new UnsupportedOperationException("No dense4j natives for platform " + id
            + (id.endsWith("-musl") ? " (musl libc; the Linux natives are built against glibc)" : "")
            + "; supported: " + SUPPORTED.stream().map(Platform::id).toList()));
  }

  /** Classpath directory of libdense4j for this platform. */
  public String dense4jResourceDir() {
    return "/natives/" + id + "/";
  }

  /** Classpath directory of bytedeco's OpenBLAS natives for this platform. */
  public String openblasResourceDir() {
    return "/org/bytedeco/openblas/" + openblasClassifier + "/";
  }

  /** The OpenBLAS file that exports CBLAS (loaded last). */
  public String openblasLibraryFileName() {
    return openblasFilesInLoadOrder.getLast();
  }

  /** The platforms whose libdense4j is on the class path (in the dense4j-core jar), in order. */
  public static List<String> packagedIds() {
    return SUPPORTED.stream()
        .filter(p -> NativeResources.find(p.dense4jResourceDir() + p.libraryFileName) != null)
        .map(Platform::id).toList();
  }
}
