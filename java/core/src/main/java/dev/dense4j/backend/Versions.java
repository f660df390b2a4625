// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.backend;

import dev.dense4j.internal.ffm.bindings.Dense4jH;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * What a bug report needs: the library's version, the native ABI its bindings expect, and the
 * BLAS in use.
 */
public final class Versions {

  private Versions() {}

  private static final class Library {
    static final String VERSION = read();

    private static String read() {
      try (InputStream in = Versions.class.getResourceAsStream("/dev/dense4j/version.properties")) {
        if (in == null) {
          return "unknown";
        }
        Properties p = new Properties();
        p.load(in);
        return p.getProperty("version", "unknown");
      } catch (IOException e) {
        throw new UncheckedIOException("dense4j: cannot read dev/dense4j/version.properties", e);
      }
    }
  }

  /** The dense4j version, e.g. {@code 0.1.0}. */
  public static String library() {
    return Library.VERSION;
  }

  /** The {@code libdense4j} ABI version these bindings were generated for. */
  public static int abi() {
    return Dense4jH.D4J_ABI_VERSION;
  }

  /** The native backend in use (BLAS, its build, core, threads, libdense4j's ISA), or why there is none. */
  public static String blas() {
    return Backend.nativeDescription();
  }
}
