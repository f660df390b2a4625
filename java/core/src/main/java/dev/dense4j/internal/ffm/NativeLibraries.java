// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.internal.ffm;

import java.lang.foreign.Arena;
import java.lang.foreign.SymbolLookup;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Loads the CBLAS provider and libdense4j once per JVM.
 *
 * <p>Both are loaded with {@link System#load} as well, so that the generated bindings find their
 * symbols through the loader lookup of this class loader.
 *
 * <p>The CBLAS provider is, in order: {@code -Ddense4j.blas=PATH}, {@code DENSE4J_BLAS=PATH}, else
 * the OpenBLAS natives of {@code org.bytedeco:openblas} on the class path, extracted by
 * {@link NativeCache} and loaded in dependency order (no {@code LD_LIBRARY_PATH} needed).
 * libdense4j comes from {@code natives/<platform>/} inside the dense4j-core jar ({@link Platform}
 * maps {@code os.name}/{@code os.arch} to the platform and its file names).
 */
public final class NativeLibraries {

  private NativeLibraries() {}

  /** Where the CBLAS provider came from: a human-readable description. */
  public record Loaded(SymbolLookup blas, String blasSource, SymbolLookup dense4j, Path dense4jPath) {}

  private static final class Holder {
    static final Loaded LOADED = load();
  }

  /** Loads both libraries (once); throws with the reason when they cannot be loaded. */
  public static Loaded loaded() {
    return Holder.LOADED;
  }

  public static SymbolLookup blas() {
    return loaded().blas();
  }

  public static SymbolLookup dense4j() {
    return loaded().dense4j();
  }

  private static Loaded load() {
    Platform platform = Platform.current();
    String dense4jResource = platform.dense4jResourceDir() + platform.libraryFileName();
    if (NativeResources.find(dense4jResource) == null) {
      throw new IllegalStateException("The dense4j-core jar on the class path has no natives for "
          + platform.id() + " (it has " + Platform.packagedIds() + "); use a jar built after "
          + "native/cross-build.sh, or build dense4j on " + platform.id());
    }
    String blasSource;
    SymbolLookup blas;
    String userBlas = userBlasPath();
    if (userBlas != null) {
      Path p = Path.of(userBlas);
      if (!Files.isRegularFile(p)) {
        throw new IllegalStateException("CBLAS library not found at " + p
            + " (from -Ddense4j.blas / DENSE4J_BLAS); give the path of a shared library exporting cblas_sgemm");
      }
      blas = open(p, Arena.global());
      blasSource = p.toString();
    } else {
      if (NativeResources.find(platform.openblasResourceDir()
          + platform.openblasLibraryFileName()) == null) {
        throw new IllegalStateException("OpenBLAS not found (tried: class path "
            + platform.openblasResourceDir() + ", -Ddense4j.blas, DENSE4J_BLAS); add "
            + "org.bytedeco:openblas:<version>:" + platform.openblasClassifier()
            + " to the class path or set -Ddense4j.blas=/path/to/" + platform.openblasLibraryFileName());
      }
      List<Path> files = NativeCache.extract("openblas-" + platform.openblasClassifier(),
          platform.openblasResourceDir(), platform.openblasFilesInLoadOrder());
      SymbolLookup last = null;
      for (Path f : files) {
        last = open(f, Arena.global());
      }
      blas = last;
      blasSource = "bytedeco " + files.getLast();
    }
    if (blas.find("cblas_sgemm").isEmpty()) {
      throw new IllegalStateException("The CBLAS library " + blasSource + " does not export cblas_sgemm");
    }
    Path lib = NativeCache.extract("dense4j", platform.dense4jResourceDir(),
        List.of(platform.libraryFileName())).getFirst();
    SymbolLookup dense4j = open(lib, Arena.global());
    return new Loaded(blas, blasSource, dense4j, lib);
  }

  private static String userBlasPath() {
    String p = System.getProperty("dense4j.blas");
    if (p == null || p.isBlank()) {
      p = System.getenv("DENSE4J_BLAS");
    }
    return p == null || p.isBlank() ? null : p;
  }

  // NOTE: System.load also registers the library with this class loader, whose lookup the
  // generated bindings use (SymbolLookup.loaderLookup); the library lookup answers the checks here.
  // The JVM lets one class loader at a time load a library file.
  private static SymbolLookup open(Path path, Arena arena) {
    try {
      SymbolLookup lookup = SymbolLookup.libraryLookup(path, arena);
      System.load(path.toString());
      return lookup;
    } catch (UnsatisfiedLinkError ex) {
      throw new IllegalStateException("Cannot load native library " + path + " for the dense4j "
          + "bindings: " + ex.getMessage() + " (load dense4j from one class loader per JVM)", ex);
    } catch (IllegalArgumentException ex) {
      throw new IllegalStateException("Cannot open native library " + path + ": " + ex.getMessage(), ex);
    } catch (IllegalCallerException ex) {
      throw new IllegalStateException("Native access is disabled; run with "
          + "--enable-native-access=ALL-UNNAMED (or the dense4j module name)", ex);
    }
  }
}
