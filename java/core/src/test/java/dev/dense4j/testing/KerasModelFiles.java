// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.testing;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The real Keras model files in {@code ../shared/keras-models}, resolved from the repository root
 * (the directory holding {@code mvnw}) and never copied into it. Tests that need them skip with a
 * visible message when the directory is absent, and fail when the environment says {@code CI=true}.
 */
public final class KerasModelFiles {

  private KerasModelFiles() {}

  /** The directory when it is present, for tests that only widen their cases with it. */
  public static Optional<Path> find() {
    Path dir = RepoPaths.root().resolveSibling("shared").resolve("keras-models").normalize();
    return Files.isDirectory(dir) ? Optional.of(dir) : Optional.empty();
  }

  /** The directory, or a skip/failure when it is absent. */
  public static Path directory() {
    Optional<Path> dir = find();
    if (dir.isPresent()) {
      return dir.get();
    }
    String message = "real Keras model files not found at ../shared/keras-models (from the repository root)";
    if ("true".equals(System.getenv("CI"))) {
      fail(message + "; they are required when CI=true");
    }
    System.err.println("SKIPPED: " + message);
    assumeTrue(false, message);
    return null;
  }

  /** A file inside the directory, which must exist. */
  public static Path file(String relative) {
    Path p = directory().resolve(relative);
    if (!Files.isRegularFile(p)) {
      fail("missing " + p);
    }
    return p;
  }

  /** Every model-related file (HDF5, .keras, JSON), relative to the directory, sorted. */
  public static List<String> all() {
    Path d = directory();
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
