// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.kerasmodule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The packaged dense4j-keras jar is the named module {@code dev.dense4j.keras}: it exports its one
 * API package, passes dense4j-core on to its readers, and loads a file on the module path.
 */
class KerasModuleDescriptorIT {

  private static final Path JAR = Path.of(System.getProperty("dense4j.it.jar"));

  private static ModuleDescriptor descriptor() {
    return ModuleFinder.of(JAR).find("dev.dense4j.keras")
        .orElseThrow(() -> new AssertionError(JAR + " is not the named module dev.dense4j.keras")).descriptor();
  }

  @Test
  void exportsOnlyItsApiPackage() {
    assertEquals(Set.of("dev.dense4j.keras"),
        descriptor().exports().stream().map(ModuleDescriptor.Exports::source).collect(Collectors.toSet()));
  }

  @Test
  void requiresCoreTransitively() {
    assertTrue(descriptor().requires().stream().anyMatch(r -> r.name().equals("dev.dense4j.core")
        && r.modifiers().contains(ModuleDescriptor.Requires.Modifier.TRANSITIVE)), descriptor().toString());
  }

  @Test
  void savesAndLoadsOnTheModulePath() throws Exception {
    String java = ProcessHandle.current().info().command().orElseThrow();
    Set<String> modulePath = new LinkedHashSet<>(List.of(JAR.toString()));
    Set<String> classPath = new LinkedHashSet<>();
    for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
      if (e.endsWith("test-classes") || e.contains("openblas")) {
        classPath.add(e); // the probe, and OpenBLAS' natives (resources only)
      } else if (e.endsWith(".jar") && !e.contains("junit") && !e.contains("opentest4j")
          && !e.contains("apiguardian") && !e.contains("surefire") && !e.contains("-tests.jar")) {
        modulePath.add(e); // dense4j-core and the keras module's dependencies
      }
    }
    List<String> command = List.of(java, "--module-path", String.join(File.pathSeparator, modulePath),
        "--add-modules", "dev.dense4j.keras", "--enable-native-access=dev.dense4j.core",
        "-cp", String.join(File.pathSeparator, classPath), KerasModulePathProbe.class.getName());
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "probe did not finish: " + out);
    assertEquals(0, p.exitValue(), command + "\n" + out);
    assertTrue(out.contains("module=dev.dense4j.keras y=[6.0, 6.0]"), out);
  }
}
