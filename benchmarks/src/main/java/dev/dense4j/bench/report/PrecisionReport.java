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
    Map<String, double[]> pct = percentiles(json);
    Map<String, String> errors = errors(Path.of(args[1]));
    String base = json.getFileName().toString().replaceFirst("\\.json$", "");
    Path png = json.resolveSibling(base + ".png");
    Files.writeString(json.resolveSibling(base + ".md"), markdown(pct, errors, args.length > 2 ? args[2] : ""));
    List<ResultsReport.Row> minima = new java.util.ArrayList<>();
    for (var e : pct.entrySet()) {
      String[] k = e.getKey().split("\\|");
      minima.add(new ResultsReport.Row("PrecisionBenchmark.forward", Map.of("shape", k[0], "batch", k[1], "impl", k[2],
          "activation", "relu"), e.getValue()[0], 0, Double.NaN, "avgt", 1, "us/op"));
    }
    ForwardChart.write(minima, png, "PrecisionBenchmark", IMPLS, COLORS,
        "Dense + relu per precision, fastest call in µs (log scale, lower is better)");
  }

  // "shape|batch|impl" -> {min, median, B/op} in µs, from JMH's sample-time percentiles
  static Map<String, double[]> percentiles(Path json) throws IOException {
    Map<String, double[]> out = new LinkedHashMap<>();
    for (com.fasterxml.jackson.databind.JsonNode r : new com.fasterxml.jackson.databind.ObjectMapper()
        .readTree(json.toFile())) {
      if (!r.path("benchmark").asText().endsWith("PrecisionBenchmark.forward")) {
        continue;
      }
      com.fasterxml.jackson.databind.JsonNode p = r.path("params");
      com.fasterxml.jackson.databind.JsonNode pm = r.path("primaryMetric").path("scorePercentiles");
      com.fasterxml.jackson.databind.JsonNode alloc = r.path("secondaryMetrics").path("gc.alloc.rate.norm");
      out.put(p.path("shape").asText() + "|" + p.path("batch").asText() + "|" + p.path("impl").asText(),
          new double[] {pm.path("0.0").asDouble(), pm.path("50.0").asDouble(),
              alloc.isMissingNode() ? Double.NaN : alloc.path("score").asDouble()});
    }
    return out;
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

  static String markdown(Map<String, double[]> pct, Map<String, String> errors, String machine) {
    Map<String, Map<String, double[]>> byCase = new LinkedHashMap<>();
    for (var e : pct.entrySet()) {
      String[] k = e.getKey().split("\\|");
      byCase.computeIfAbsent(k[0] + "|" + k[1], x -> new LinkedHashMap<>()).put(k[2], e.getValue());
    }
    StringBuilder sb = new StringBuilder("# Dense + relu per precision, one thread\n\n" + machine + "\n\n"
        + "Latency: the fastest call (and the median) of JMH's sample-time run; speed-up: raw BLAS's fastest "
        + "call ÷ this one's, both from the same run.\n\n");
    for (String impl : new String[] {"predictor_f32", "packed_f32", "predictor_bf16", "predictor_int8"}) {
      sb.append("### ").append(impl).append("\n\n| in→units | batch | µs, min (median) | raw BLAS µs, min (median) "
          + "| speed-up | weight bytes | B/op | max abs error vs float64 |\n|---|---|---|---|---|---|---|---|\n");
      for (var e : byCase.entrySet()) {
        double[] r = e.getValue().get(impl);
        double[] raw = e.getValue().get("raw_blas");
        if (r == null || raw == null) {
          continue;
        }
        String[] k = e.getKey().split("\\|");
        String[] sh = k[0].split("x");
        long in = Long.parseLong(sh[0]);
        long n = Long.parseLong(sh[1]);
        sb.append(String.format(Locale.ROOT, "| %s→%s | %s | %.1f (%.1f) | %.1f (%.1f) | %.2f× | %,d | %.0f | %s |%n",
            sh[0], sh[1], k[1], r[0], r[1], raw[0], raw[1], raw[0] / r[0], weightBytes(impl, in, n), r[2],
            errors.getOrDefault(impl + "|" + k[1] + "|" + k[0], "?")));
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
