// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.internal.ffm;

import java.util.List;
import java.util.Locale;

/**
 * The platform identifiers used for the natives inside the jars ({@code natives/<os>-<arch>/}) and
 * the native files each platform needs, in load order.
 */
public record Platform(String id, String libraryFileName, String openblasClassifier,
    List<String> openblasFilesInLoadOrder) {

  private static final List<Platform> SUPPORTED = List.of(
      new Platform("linux-x86_64", "libdense4j.so", "linux-x86_64",
          List.of("libquadmath.so.0", "libgfortran.so.5", "libopenblas.so.0")),
      new Platform("linux-aarch64", "libdense4j.so", "linux-arm64",
          List.of("libgfortran.so.5", "libopenblas.so.0")));

  /** The id of the running platform, e.g. {@code linux-x86_64}, whether supported or not. */
  public static String currentId() {
    return id(System.getProperty("os.name"), System.getProperty("os.arch"));
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

  /** The running platform; throws naming it and the supported ones when there are no natives for it. */
  public static Platform current() {
    return forId(currentId());
  }

  static Platform forId(String id) {
    return SUPPORTED.stream().filter(p -> p.id.equals(id)).findFirst()
        .orElseThrow(() -> new UnsupportedOperationException("No dense4j natives for platform " + id
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
}
