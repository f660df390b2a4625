// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.bench.report;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The tables and the chart of a {@code PrecisionBenchmark} run: per precision, the latency, the
 * speed-up over raw BLAS in the same run, the packed weight bytes and the error against float64
 * (read from the run's log, where each {@code @TearDown} printed it).
 *
 * <p>Usage: {@code java -cp benchmarks.jar dev.dense4j.bench.report.PrecisionReport RESULT.json RUN.log "machine"}.
 */
public final class PrecisionReport {

  private PrecisionReport() {}

  static final String[] IMPLS = {"raw_blas", "predictor_f32", "packed_f32", "predictor_bf16", "predictor_int8"};
  static final Color[] COLORS = {new Color(0x7f7f7f), new Color(0x1f77b4), new Color(0xaec7e8), new Color(0x2ca02c),
      new Color(0xd62728)};
  private static final Pattern ERROR = Pattern.compile(
      "^(\\w+) \\((\\d+)x(\\d+)->(\\d+)\\): max abs error (\\S+) over the first \\d+ rows, (\\S+) of max");

  public static void main(String[] args) throws IOException {
    Path json = Path.of(args[0]);
    List<ResultsReport.Row> rows = ResultsReport.read(json);
    Map<String, String> errors = errors(Path.of(args[1]));
    String base = json.getFileName().toString().replaceFirst("\\.json$", "");
    Path png = json.resolveSibling(base + ".png");
    Files.writeString(json.resolveSibling(base + ".md"), markdown(rows, errors, args.length > 2 ? args[2] : ""));
    ForwardChart.write(rows, png, "PrecisionBenchmark", IMPLS, COLORS,
        "Dense + relu through Predictor per precision, µs per call (log scale, lower is better)");
  }

  // "impl|batch|shape" -> "abs (rel)"
  private static Map<String, String> errors(Path log) throws IOException {
    Map<String, String> out = new LinkedHashMap<>();
    for (String line : Files.readAllLines(log)) {
      Matcher m = ERROR.matcher(line);
      if (m.find()) {
        out.put(m.group(1) + "|" + m.group(2) + "|" + m.group(3) + "x" + m.group(4),
            String.format(Locale.ROOT, "%.1e (%.1e rel.)", Double.parseDouble(m.group(5)), Double.parseDouble(m.group(6))));
      }
    }
    return out;
  }

  static String markdown(List<ResultsReport.Row> rows, Map<String, String> errors, String machine) {
    Map<String, Map<String, ResultsReport.Row>> byCase = new LinkedHashMap<>();
    for (ResultsReport.Row r : rows) {
      if (r.benchmark().startsWith("PrecisionBenchmark") && r.mode().equals("avgt")) {
        byCase.computeIfAbsent(r.p("shape") + "|" + r.p("batch"), k -> new LinkedHashMap<>()).put(r.p("impl"), r);
      }
    }
    StringBuilder sb = new StringBuilder("# Dense + relu per precision, one thread\n\n" + machine + "\n\n");
    for (String impl : new String[] {"predictor_f32", "packed_f32", "predictor_bf16", "predictor_int8"}) {
      sb.append("### ").append(impl).append("\n\n| in→units | batch | µs | raw BLAS µs | speed-up | weight bytes "
          + "| B/op | max abs error vs float64 |\n|---|---|---|---|---|---|---|---|\n");
      for (var e : byCase.entrySet()) {
        ResultsReport.Row r = e.getValue().get(impl);
        ResultsReport.Row raw = e.getValue().get("raw_blas");
        if (r == null || raw == null) {
          continue;
        }
        String[] sh = r.p("shape").split("x");
        long k = Long.parseLong(sh[0]);
        long n = Long.parseLong(sh[1]);
        sb.append(String.format(Locale.ROOT, "| %s→%s | %s | %.1f ± %.1f | %.1f | %.2f× | %,d | %.0f | %s |%n", sh[0],
            sh[1], r.p("batch"), r.score(), r.error(), raw.score(), raw.score() / r.score(), weightBytes(impl, k, n),
            r.bytesPerOp(), errors.getOrDefault(impl + "|" + r.p("batch") + "|" + r.p("shape"), "?")));
      }
      sb.append('\n');
    }
    return sb.toString();
  }

  // the packed kernel's bytes (dense4j.h): whole 32-column panels
  static long weightBytes(String impl, long k, long n) {
    long panels = (n + 31) / 32;
    return switch (impl) {
      case "predictor_bf16" -> panels * ((k + 1) / 2) * 128;
      case "predictor_int8" -> panels * (256 + (k + 3) / 4 * 128);
      case "predictor_f32" -> panels * k * 128 + k * n * 4; // packed panels + the row-major copy for the BLAS
      default -> panels * k * 128;
    };
  }
}
