// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.internal.ffm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PlatformTest {

  @Test
  void mapsOsNameAndArch() {
    assertEquals("linux-x86_64", Platform.id("Linux", "amd64"));
    assertEquals("linux-x86_64", Platform.id("Linux", "x86_64"));
    assertEquals("linux-aarch64", Platform.id("Linux", "aarch64"));
    assertEquals("macos-aarch64", Platform.id("Mac OS X", "aarch64"));
    assertEquals("windows-x86_64", Platform.id("Windows 11", "amd64"));
  }

  @Test
  void thisMachineIsSupported() {
    assertTrue(Platform.currentId().startsWith("linux-"), Platform.currentId());
    assertEquals(Platform.currentId(), Platform.current().id());
  }

  @Test
  void unsupportedPlatformNamesItAndTheSupportedOnes() {
    String id = Platform.id("SunOS", "sparcv9");
    assertEquals("sunos-sparcv9", id);
    var e = assertThrows(UnsupportedOperationException.class, () -> Platform.forId(id));
    assertEquals("No dense4j natives for platform sunos-sparcv9; supported: [linux-x86_64, linux-aarch64]", e.getMessage());
  }
}
