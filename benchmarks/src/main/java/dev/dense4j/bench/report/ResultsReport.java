// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.bench.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dense4j.bench.kernels.FmaPeakBenchmark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns a JMH JSON result file into {@code <name>.md} (tables with the ratios the project's
 * targets are stated in) and {@code <name>.png} (a chart of the Dense forward comparison).
 */
public final class ResultsReport {

  private ResultsReport() {}

  /**
   * One JMH result: benchmark method, parameters, score (µs/op, or ops/s for throughput runs),
   * allocation (B/op, or NaN) and thread count.
   */
  record Row(String benchmark, Map<String, String> params, double score, double error, double bytesPerOp,
      String mode, int threads, String unit) {
    String p(String name) {
      return params.getOrDefault(name, "");
    }
  }

  public static void main(String[] args) throws IOException {
    Path json = Path.of(args[0]);
    List<Row> rows = read(json);
    String base = json.getFileName().toString().replaceFirst("\\.json$", "");
    Path md = json.resolveSibling(base + ".md");
    Path png = json.resolveSibling(base + ".png");
    String header = "Machine: " + Runtime.getRuntime().availableProcessors() + " CPUs, "
        + System.getProperty("os.arch") + ", Java " + Runtime.version() + "; "
        + (args.length > 1 ? args[1] : "") + "; one BLAS thread (-Ddense4j.blasThreads=1).\n\n";
    Files.writeString(md, header + markdown(rows, png.getFileName().toString()));
    ForwardChart.write(rows, png);
    System.out.println("wrote " + md + " and " + png);
  }

  static List<Row> read(Path json) throws IOException {
    List<Row> rows = new ArrayList<>();
    for (JsonNode r : new ObjectMapper().readTree(json.toFile())) {
      Map<String, String> params = new LinkedHashMap<>();
      r.path("params").fields().forEachRemaining(e -> params.put(e.getKey(), e.getValue().asText()));
      JsonNode alloc = r.path("secondaryMetrics").path("gc.alloc.rate.norm");
      String bench = r.path("benchmark").asText();
      rows.add(new Row(bench.substring(bench.lastIndexOf('.', bench.lastIndexOf('.') - 1) + 1), params,
          r.path("primaryMetric").path("score").asDouble(), r.path("primaryMetric").path("scoreError").asDouble(),
          alloc.isMissingNode() ? Double.NaN : alloc.path("score").asDouble(), r.path("mode").asText(),
          r.path("threads").asInt(1), r.path("primaryMetric").path("scoreUnit").asText()));
    }
    return rows;
  }

  static String markdown(List<Row> rows, String chart) {
    StringBuilder sb = new StringBuilder();
    sb.append("### Dense forward, µs per call (lower is better)\n\n");
    sb.append("| batch | in→units | activation | dense4j | dense4j (Tensor) | raw BLAS | Vector API | Java loop | TensorFlow Java "
        + "| dense4j ÷ raw BLAS | Vector API ÷ dense4j | TF ÷ dense4j | dense4j B/op |\n");
    sb.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
    Map<String, Map<String, Row>> byCase = new LinkedHashMap<>();
    for (Row r : rows) {
      if (r.benchmark().startsWith("DenseForwardBenchmark") && r.mode().equals("avgt")) {
        String key = r.p("batch") + "|" + r.p("shape") + "|" + r.p("activation");
        byCase.computeIfAbsent(key, k -> new LinkedHashMap<>()).put(r.p("impl"), r);
      }
    }
    for (var e : byCase.entrySet()) {
      String[] k = e.getKey().split("\\|");
      Map<String, Row> m = e.getValue();
      sb.append("| ").append(k[0]).append(" | ").append(k[1].replace("x", "→")).append(" | ").append(k[2]);
      for (String impl : new String[] {"dense4j", "dense4j_tensor", "raw_blas", "vector_api", "java_loop", "tensorflow"}) {
        sb.append(" | ").append(m.containsKey(impl) ? fmt(m.get(impl).score()) : "–");
      }
      sb.append(" | ").append(ratio(m, "dense4j", "raw_blas")).append(" | ").append(ratio(m, "vector_api", "dense4j"))
          .append(" | ").append(ratio(m, "tensorflow", "dense4j")).append(" | ")
          .append(m.containsKey("dense4j") ? fmt(m.get("dense4j").bytesPerOp()) : "–").append(" |\n");
    }
    double peak = rows.stream().filter(r -> r.benchmark().startsWith("FmaPeakBenchmark")).mapToDouble(
        r -> FmaPeakBenchmark.flopsPerOp() / (r.score() * 1e3)).findFirst().orElse(Double.NaN);
    sb.append("\nSingle-core FP32 peak (FMA kernel): ").append(fmt(peak)).append(" GFLOP/s.\n");
    rows.stream().filter(r -> r.benchmark().startsWith("DenseForwardBenchmark") && r.p("impl").equals("dense4j")
        && r.p("batch").equals("256") && r.p("shape").equals("1024x1024")).forEach(r -> {
          double gflops = 2.0 * 256 * 1024 * 1024 / (r.score() * 1e3);
          sb.append("256×1024→1024 ").append(r.p("activation")).append(": ").append(fmt(gflops))
              .append(" GFLOP/s end to end = ").append(fmt(100 * gflops / peak)).append("% of that peak.\n");
        });
    List<Row> tput = rows.stream().filter(r -> r.mode().equals("thrpt")).toList();
    if (tput.size() == 2) {
      double one = tput.stream().filter(r -> r.threads() == 1).mapToDouble(Row::score).sum();
      double two = tput.stream().filter(r -> r.threads() == 2).mapToDouble(Row::score).sum();
      sb.append("Batch-1 784→128 relu throughput: ").append(fmt(one)).append(" calls/s on 1 thread, ")
          .append(fmt(two)).append(" calls/s on 2 threads = ").append(fmt(two / one)).append("×.\n");
    }
    Map<String, Map<String, Row>> epi = new LinkedHashMap<>();
    rows.stream().filter(r -> r.benchmark().startsWith("ActivationEpilogueBenchmark"))
        .forEach(r -> epi.computeIfAbsent(r.p("activation"), k -> new LinkedHashMap<>()).put(r.p("isa"), r));
    if (!epi.isEmpty()) {
      sb.append("\n### Bias + activation epilogue, 256×1024 (GB/s of output read and written; higher is better)\n\n");
      sb.append("| activation | avx512 | avx2 | portable | Java (Math.*) |\n|---|---|---|---|---|\n");
    }
    for (var e : epi.entrySet()) {
      sb.append("| ").append(e.getKey());
      for (String isa : new String[] {"avx512", "avx2", "portable", "java"}) {
        Row r = e.getValue().get(isa);
        sb.append(" | ").append(r == null ? "–" : fmt(2.0 * 256 * 1024 * 4 / (r.score() * 1e3)) + " (" + fmt(r.score()) + " µs)");
      }
      sb.append(" |\n");
    }
    rows.stream().filter(r -> r.benchmark().startsWith("TrainStepBenchmark")).forEach(r -> sb.append("\nTraining step ")
        .append(r.params()).append(": ").append(fmt(r.score())).append(" ").append(r.unit().replace("/op", ""))
        .append(" (± ").append(fmt(r.error())).append(").\n"));
    sb.append("\n![Dense forward](").append(chart).append(")\n");
    return sb.toString();
  }

  private static String ratio(Map<String, Row> m, String a, String b) {
    return m.containsKey(a) && m.containsKey(b) ? fmt(m.get(a).score() / m.get(b).score()) + "×" : "–";
  }

  static String fmt(double v) {
    if (Double.isNaN(v)) {
      return "–";
    }
    return String.format(Locale.ROOT, v >= 100 ? "%.0f" : v >= 10 ? "%.1f" : "%.2f", v);
  }
}
