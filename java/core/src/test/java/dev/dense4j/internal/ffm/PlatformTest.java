// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.internal.ffm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class PlatformTest {

  private static final String SUPPORTED =
      "[linux-x86_64, linux-aarch64, windows-x86_64, macos-x86_64, macos-aarch64]";

  @Test
  void mapsOsNameAndArch() {
    assertEquals("linux-x86_64", Platform.id("Linux", "amd64"));
    assertEquals("linux-x86_64", Platform.id("Linux", "x86_64"));
    assertEquals("linux-aarch64", Platform.id("Linux", "aarch64"));
    assertEquals("macos-aarch64", Platform.id("Mac OS X", "aarch64"));
    assertEquals("macos-x86_64", Platform.id("Mac OS X", "x86_64"));
    assertEquals("windows-x86_64", Platform.id("Windows 11", "amd64"));
    assertEquals("windows-x86_64", Platform.id("Windows Server 2022", "amd64"));
    assertEquals("windows-aarch64", Platform.id("Windows 11", "aarch64"));
  }

  @Test
  void thisMachineIsSupported() {
    Platform p = Platform.current();
    assertEquals(Platform.currentId(), p.id());
    // the JDK's own idea of a library's file name on this OS
    assertEquals(System.mapLibraryName("dense4j"), p.libraryFileName());
  }

  @Test
  void fileNamesPerPlatform() {
    assertEquals("dense4j.dll", Platform.forId("windows-x86_64").libraryFileName());
    assertEquals(List.of("libopenblas.dll"), Platform.forId("windows-x86_64").openblasFilesInLoadOrder());
    assertEquals("libdense4j.dylib", Platform.forId("macos-aarch64").libraryFileName());
    assertEquals("/org/bytedeco/openblas/macosx-arm64/",
        Platform.forId("macos-aarch64").openblasResourceDir());
    assertEquals("libopenblas.0.dylib", Platform.forId("macos-x86_64").openblasLibraryFileName());
    assertEquals("/natives/linux-aarch64/", Platform.forId("linux-aarch64").dense4jResourceDir());
    assertEquals("linux-arm64", Platform.forId("linux-aarch64").openblasClassifier());
  }

  @Test
  void unsupportedPlatformNamesItAndTheSupportedOnes() {
    String id = Platform.id("SunOS", "sparcv9");
    assertEquals("sunos-sparcv9", id);
    var e = assertThrows(UnsupportedOperationException.class, () -> Platform.forId(id));
    assertEquals("No dense4j natives for platform sunos-sparcv9; supported: " + SUPPORTED, e.getMessage());
  }

  @Test
  void muslIsUnsupportedAndSaysWhy() {
    var e = assertThrows(UnsupportedOperationException.class, () -> Platform.forId("linux-x86_64-musl"));
    assertEquals("No dense4j natives for platform linux-x86_64-musl (musl libc; the Linux natives are"
        + " built against glibc); supported: " + SUPPORTED, e.getMessage());
  }

  @Test
  void recognisesMuslFromTheProcessMaps() {
    // excerpts of /proc/self/maps of a JVM on Alpine and on Debian
    String musl = "7f3a1c000000-7f3a1c014000 r--p 00000000 08:01 1234 /lib/ld-musl-x86_64.so.1";
    String glibc = "7f3a1c000000-7f3a1c028000 r--p 00000000 08:01 1234 /usr/lib/x86_64-linux-gnu/libc.so.6";
    String jvm = "7f3a10000000-7f3a10200000 r-xp 00000000 08:01 99 /opt/jdk/lib/server/libjvm.so";
    assertTrue(Platform.mapsShowMusl(Stream.of(jvm, musl)));
    assertFalse(Platform.mapsShowMusl(Stream.of(jvm, glibc)));
    assertFalse(Platform.mapsShowMusl(Stream.empty()));
  }

  @Test
  void thisLinuxIsGlibc() throws IOException {
    assumeTrue(Platform.currentId().startsWith("linux-"), "not Linux: " + Platform.currentId());
    try (Stream<String> maps = Files.lines(Path.of("/proc/self/maps"))) {
      assertTrue(maps.anyMatch(line -> line.endsWith("/libc.so.6")), "glibc's libc.so.6 is mapped");
    }
    assertFalse(Platform.currentId().endsWith("-musl"), Platform.currentId());
  }
}
