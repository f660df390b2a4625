// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.testing;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.dense4j.backend.Backend;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;

/**
 * The backends a numeric test runs on, named for the test report. The native one is skipped with
 * the reason when it cannot load, unless {@code -Ddense4j.test.requireNative=true} (CI) turns that
 * into a failure.
 */
public final class BackendCases {

  private BackendCases() {}

  /** Both backends, for {@code @MethodSource}. */
  public static Stream<Named<Backend>> all() {
    return Stream.of(Named.of("reference", Backend.REFERENCE), Named.of("native", Backend.NATIVE));
  }

  /** Skips (or, when natives are required, fails) the calling test when {@code backend} cannot run. */
  public static void assumeAvailable(Backend backend) {
    if (backend.isAvailable()) {
      return;
    }
    String reason = backend + " backend unavailable: " + backend.unavailableReason().orElse("?");
    if (Boolean.getBoolean("dense4j.test.requireNative")) {
      fail(reason + " (-Ddense4j.test.requireNative=true)");
    }
    assumeTrue(false, reason);
  }
}
