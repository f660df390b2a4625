// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates files of the repository from a test's working directory (a module folder). */
public final class RepoPaths {

  private RepoPaths() {}

  /** The repository root: the nearest ancestor holding {@code mvnw}. */
  public static Path root() {
    Path p = Path.of("").toAbsolutePath();
    while (p != null && !Files.exists(p.resolve("mvnw"))) {
      p = p.getParent();
    }
    if (p == null) {
      throw new IllegalStateException("No mvnw above " + Path.of("").toAbsolutePath());
    }
    return p;
  }
}
