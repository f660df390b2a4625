// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.cli;

import dev.dense4j.backend.Backend;
import java.util.Locale;
import picocli.CommandLine.Option;

/**
 * The options every command takes, before or after the command name: they become the library's
 * system properties ({@code dense4j.backend}, {@code dense4j.blasThreads}) before anything loads a
 * backend, and {@code --verbose} prints the backend in use to stderr.
 */
public final class Settings {

  @Option(names = "--backend", paramLabel = "auto|native|reference",
      converter = BackendConverter.class,
      description = "The compute backend (sets -Ddense4j.backend); default: auto, native when its libraries load.")
  String backend;

  @Option(names = "--blas-threads", paramLabel = "N",
      converter = Converters.Positive.class,
      description = "The most threads one BLAS call may use (sets -Ddense4j.blasThreads; for serve, also the"
          + " per-call cap, default 1).")
  Integer blasThreads;

  @Option(names = {"-v", "--verbose"}, description = "Print the backend and native libraries in use to stderr.")
  boolean verbose;

  /** {@code --blas-threads}, or null when not given. */
  public Integer blasThreads() {
    return blasThreads;
  }

  /** These settings where given, otherwise {@code parent}'s (the options before the command name). */
  Settings over(Settings parent) {
    Settings s = new Settings();
    s.backend = backend != null ? backend : parent == null ? null : parent.backend;
    s.blasThreads = blasThreads != null ? blasThreads : parent == null ? null : parent.blasThreads;
    s.verbose = verbose || (parent != null && parent.verbose);
    return s;
  }

  /** Sets the library's properties; must run before the first use of a backend. */
  void apply(Io io) {
    if (backend != null) {
      System.setProperty("dense4j.backend", backend);
    }
    if (blasThreads != null) {
      System.setProperty("dense4j.blasThreads", Integer.toString(blasThreads));
    }
    if (verbose) {
      io.err().println("dense4j: backend " + Backend.preferred().name().toLowerCase(Locale.ROOT) + "; "
          + Backend.nativeDescription());
    }
  }

  /** {@code --backend}'s value, checked; an unknown name lists the known ones. */
  static final class BackendConverter implements picocli.CommandLine.ITypeConverter<String> {
    @Override
    public String convert(String value) {
      String v = value.toLowerCase(Locale.ROOT);
      if (!v.equals("auto") && !v.equals("native") && !v.equals("reference")) {
        throw new picocli.CommandLine.TypeConversionException(
            "expected auto, native or reference; received '" + value + "'");
      }
      return v;
    }
  }
}
