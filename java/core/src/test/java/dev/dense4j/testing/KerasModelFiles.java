// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.testing;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The real Keras model files in {@code ../shared/keras-models}, resolved from the repository root
 * (the directory holding {@code mvnw}). Tests that need them skip with a visible message when the
 * directory is absent, and fail when the environment says {@code CI=true}.
 */
public final class KerasModelFiles {

  private KerasModelFiles() {}

  /** The directory, or a skip/failure when it is absent. */
  public static Path directory() {
    Path dir = RepoPaths.root().resolveSibling("shared").resolve("keras-models").normalize();
    if (Files.isDirectory(dir)) {
      return dir;
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
}
