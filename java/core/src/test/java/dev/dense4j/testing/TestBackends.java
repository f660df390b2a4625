// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.testing;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.dense4j.backend.Backend;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;

/** Every backend, for {@code @MethodSource}; native tests skip only when natives truly cannot load. */
public final class TestBackends {

  private TestBackends() {}

  /** True when native tests must run ({@code -Ddense4j.test.requireNative=true}, set in CI). */
  public static boolean nativeRequired() {
    return Boolean.getBoolean("dense4j.test.requireNative");
  }

  public static Stream<Named<Backend>> all() {
    return Stream.of(Named.of("reference", Backend.REFERENCE), Named.of("native", Backend.NATIVE));
  }

  /** Skips (locally) or fails (when natives are required) if {@code backend} cannot run here. */
  public static void assumeAvailable(Backend backend) {
    backend.unavailableReason().ifPresent(reason -> {
      if (nativeRequired()) {
        fail(backend + " backend required but unavailable: " + reason);
      }
      assumeTrue(false, backend + " backend unavailable, skipping: " + reason);
    });
  }
}
