// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.cli.serve;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Reads the server's resident memory and thread counts from {@code /metrics} during a soak. */
final class SoakSampler {

  private final LoadTestOptions options;
  private final PrintStream out;
  private final List<double[]> samples = new ArrayList<>(); // {seconds, requests, rss, os threads, jvm threads}

  SoakSampler(LoadTestOptions options, PrintStream out) {
    this.options = options;
    this.out = out;
  }

  synchronized void sample(double seconds, long requests) {
    try (HttpConnection c = new HttpConnection(options.host(), options.port())) {
      String text = c.get("/metrics").text();
      double[] s = {seconds, requests, value(text, "process_resident_memory_bytes"), value(text, "process_threads"),
          value(text, "jvm_threads_live")};
      samples.add(s);
      out.printf(Locale.ROOT, "  %7.1f  %9d  %8.1f  %10.0f  %11.0f%n", s[0], requests, s[2] / (1 << 20), s[3], s[4]);
    } catch (IOException e) {
      out.println("  (metrics unavailable: " + e.getMessage() + ")");
    }
  }

  /** RSS and thread ranges over the samples after the first quarter (the warm-up of the soak). */
  synchronized String summary() {
    if (samples.size() < 2) {
      return "soak: too few samples";
    }
    List<double[]> steady = samples.subList(samples.size() / 4, samples.size());
    double[] rss = range(steady, 2);
    double[] os = range(steady, 3);
    double[] jvm = range(samples, 4);
    return String.format(Locale.ROOT, "soak: after the first quarter, RSS %.1f–%.1f MiB (%+.1f MiB first to last),"
        + " OS threads %.0f–%.0f; JVM threads %.0f–%.0f over the whole soak", rss[0] / (1 << 20), rss[1] / (1 << 20),
        (steady.get(steady.size() - 1)[2] - steady.get(0)[2]) / (1 << 20), os[0], os[1], jvm[0], jvm[1]);
  }

  private static double[] range(List<double[]> s, int column) {
    double lo = Double.MAX_VALUE;
    double hi = -Double.MAX_VALUE;
    for (double[] r : s) {
      lo = Math.min(lo, r[column]);
      hi = Math.max(hi, r[column]);
    }
    return new double[] {lo, hi};
  }

  private static double value(String metrics, String name) {
    for (String line : metrics.split("\n")) {
      if (line.startsWith(name + " ")) {
        return Double.parseDouble(line.substring(name.length() + 1).trim());
      }
    }
    return Double.NaN;
  }
}
