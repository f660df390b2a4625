// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.keras;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The real Keras files in {@code ../shared/keras-models} (beside the repository root, never copied
 * into it). Tests skip with a message when the folder is absent, and fail when env {@code CI=true}.
 */
final class KerasModelFiles {

  private KerasModelFiles() {}

  /** The repository root: the nearest ancestor of the working directory holding {@code mvnw}. */
  static Path repoRoot() {
    Path p = Path.of("").toAbsolutePath();
    while (p != null && !Files.exists(p.resolve("mvnw"))) {
      p = p.getParent();
    }
    if (p == null) {
      throw new IllegalStateException("No mvnw above " + Path.of("").toAbsolutePath());
    }
    return p;
  }

  /** The folder, or a skip (a failure in CI) when it is missing. */
  static Path dir() {
    Path d = repoRoot().resolve("../shared/keras-models").normalize();
    if (!Files.isDirectory(d)) {
      String msg = "real Keras model files not found at " + d;
      if ("true".equals(System.getenv("CI"))) {
        fail(msg + " (required when CI=true)");
      }
      assumeTrue(false, msg + "; skipping");
    }
    return d;
  }

  static Path file(String relative) {
    return dir().resolve(relative);
  }

  /** Every model-related file (HDF5, .keras, JSON), relative to the folder, sorted. */
  static List<String> all() {
    Path d = dir();
    try (Stream<Path> s = Files.walk(d)) {
      return s.filter(Files::isRegularFile)
          .map(p -> d.relativize(p).toString())
          .filter(n -> n.endsWith(".h5") || n.endsWith(".hdf5") || n.endsWith(".keras") || n.endsWith(".json"))
          .sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
