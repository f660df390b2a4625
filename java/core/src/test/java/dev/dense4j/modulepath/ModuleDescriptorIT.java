// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.modulepath;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The packaged dense4j-core jar is the named module {@code dev.dense4j.core}: it exports every
 * package that holds classes but {@code dev.dense4j.internal.*}, requires nothing but
 * {@code java.base}, and works on the module path with native access granted to it by name.
 */
class ModuleDescriptorIT {

  private static final Path JAR = Path.of(System.getProperty("dense4j.it.jar"));

  private static ModuleDescriptor descriptor() {
    ModuleReference ref = ModuleFinder.of(JAR).find("dev.dense4j.core")
        .orElseThrow(() -> new AssertionError(JAR + " is not the named module dev.dense4j.core"));
    return ref.descriptor();
  }

  @Test
  void exportsEveryApiPackageAndNoInternalOne() throws IOException {
    Set<String> withClasses;
    try (JarFile jf = new JarFile(JAR.toFile())) {
      withClasses = jf.stream().map(JarEntry::getName)
          .filter(n -> n.endsWith(".class") && n.contains("/"))
          .map(n -> n.substring(0, n.lastIndexOf('/')).replace('/', '.'))
          .collect(Collectors.toCollection(java.util.TreeSet::new));
    }
    Set<String> api = withClasses.stream().filter(p -> !p.startsWith("dev.dense4j.internal"))
        .collect(Collectors.toCollection(java.util.TreeSet::new));
    Set<String> exported = descriptor().exports().stream()
        .peek(e -> assertTrue(e.targets().isEmpty(), "qualified export " + e))
        .map(ModuleDescriptor.Exports::source)
        .collect(Collectors.toCollection(java.util.TreeSet::new));
    assertEquals(api, exported);
    assertTrue(withClasses.contains("dev.dense4j.internal.engine"), "the internal packages are in the jar");
  }

  @Test
  void requiresOnlyJavaBase() {
    Set<String> requires = descriptor().requires().stream().map(ModuleDescriptor.Requires::name)
        .collect(Collectors.toSet());
    assertEquals(Set.of("java.base"), requires);
  }

  @Test
  void runsOnTheModulePathWithNativeAccessGrantedByName() throws Exception {
    String java = ProcessHandle.current().info().command().orElseThrow();
    // OpenBLAS' natives jar stays on the class path; test classes give the probe
    String classPath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
        .filter(e -> e.contains("openblas") || e.endsWith("test-classes"))
        .collect(Collectors.joining(File.pathSeparator));
    List<String> command = List.of(java, "--module-path", JAR.toString(), "--add-modules", "dev.dense4j.core",
        "--enable-native-access=dev.dense4j.core", "-Ddense4j.backend=native", "-cp", classPath,
        ModulePathProbe.class.getName());
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "probe did not finish: " + out);
    assertEquals(0, p.exitValue(), out);
    assertTrue(out.contains("module=dev.dense4j.core named=true backend=native y=[6.0, 6.0] exportsInternal=false"),
        out);
    assertTrue(!out.contains("WARNING"), "no warning on the module path: " + out);
  }
}
