// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.bench.spark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Writes {@code spark-<date>.json} (every round's seconds) and {@code spark-<date>.md} (the table, with ratios). */
final class Report {

  private Report() {}

  static void write(Path dir, String date, int rows, int rounds, Map<SparkScoringSuite.Variant, List<Double>> seconds,
      String natives) throws IOException {
    Files.createDirectories(dir);
    String cpu = cpu();
    StringBuilder json = new StringBuilder("{\n");
    json.append("  \"date\": \"").append(date).append("\",\n  \"rows\": ").append(rows).append(",\n  \"rounds\": ")
        .append(rounds).append(",\n  \"cpu\": \"").append(cpu).append("\",\n  \"java\": \"")
        .append(System.getProperty("java.vm.version")).append("\",\n  \"natives\": \"").append(natives.replace("\"", "'"))
        .append("\",\n  \"variants\": [\n");
    StringBuilder md = new StringBuilder();
    md.append("# dense4j on Spark ").append(org.apache.spark.package$.MODULE$.SPARK_VERSION()).append(", ").append(date)
        .append("\n\n").append(rows).append(" rows of 784 floats through 784 → 256 → 128 → 10 (softmax), median of ")
        .append(rounds).append(" rounds after 2 warm-up rounds; every variant runs in turn in each round.\n")
        .append("CPU: ").append(cpu).append(", ").append(Runtime.getRuntime().availableProcessors())
        .append(" cores; JDK ").append(System.getProperty("java.vm.version")).append("; ").append(natives)
        .append(".\n\n")
        .append("| variant | hidden | cores | median s | rows/s | rows/s per core |\n|---|---|---|---|---|---|\n");
    List<String> entries = new ArrayList<>();
    for (Map.Entry<SparkScoringSuite.Variant, List<Double>> e : seconds.entrySet()) {
      SparkScoringSuite.Variant v = e.getKey();
      double median = median(e.getValue());
      int cores = v.name().contains("1 thread") ? 1 : 2;
      double rate = rows / median;
      md.append(String.format(Locale.ROOT, "| %s | %s | %d | %.3f | %,.0f | %,.0f |%n", v.name(), v.model(), cores,
          median, rate, rate / cores));
      entries.add(String.format(Locale.ROOT, "    {\"variant\": \"%s\", \"hidden\": \"%s\", \"cores\": %d, "
          + "\"median_s\": %.4f, \"rows_per_s\": %.1f, \"seconds\": %s}", v.name(), v.model(), cores, median, rate,
          e.getValue().toString()));
    }
    json.append(String.join(",\n", entries)).append("\n  ]\n}\n");
    md.append("\n").append(ratios(rows, seconds));
    Files.writeString(dir.resolve("spark-" + date + ".json"), json);
    Files.writeString(dir.resolve("spark-" + date + ".md"), md);
    System.out.print(md);
  }

  private static String ratios(int rows, Map<SparkScoringSuite.Variant, List<Double>> seconds) {
    double plain1 = rate(rows, seconds, "plain Predictor loop, 1 thread", "relu");
    double plain2 = rate(rows, seconds, "plain Predictor loop, 2 threads", "relu");
    double d4j = rate(rows, seconds, "dense4j KerasDenseModel", "relu");
    double udf = rate(rows, seconds, "row-at-a-time UDF", "relu");
    double d4jSig = rate(rows, seconds, "dense4j KerasDenseModel", "sigmoid");
    double plainSig = rate(rows, seconds, "plain Predictor loop, 1 thread", "sigmoid");
    double mllib = rate(rows, seconds, "Spark MLlib", "sigmoid");
    double scan = rows / rate(rows, seconds, "Spark: scan", "-");
    double rowTrip = rows / rate(rows, seconds, "Spark: Rows through", "-");
    double trip = rows / rate(rows, seconds, "Spark: internal rows through", "-");
    double total = rows / d4j;
    return String.format(Locale.ROOT, """
        | ratio | value | target |
        |---|---|---|
        | KerasDenseModel per core ÷ plain loop, 1 thread (relu) | %.2f× | ≥ 0.7× |
        | KerasDenseModel ÷ plain loop, 2 threads (relu) | %.2f× | |
        | KerasDenseModel per core ÷ plain loop, 1 thread (sigmoid) | %.2f× | |
        | KerasDenseModel ÷ Spark MLlib MLP (sigmoid) | %.1f× | ≥ 5× |
        | KerasDenseModel ÷ row-at-a-time UDF (relu) | %.1f× | ≥ 10× |

        Where a KerasDenseModel pass (relu, %.3f s) goes: scanning the cached rows %.3f s (%.0f%%), copying them
        through mapPartitions with an output column, no model, %.3f s more (%.0f%%), the model itself (reading the
        features, staging, native calls) %.3f s (%.0f%%). The same trip as Row objects takes %.3f s instead of %.3f s.
        """, d4j / 2 / plain1, d4j / plain2, d4jSig / 2 / plainSig, d4jSig / mllib, d4j / udf,
        total, scan, 100 * scan / total, trip - scan, 100 * (trip - scan) / total, total - trip,
        100 * (total - trip) / total, rowTrip - scan, trip - scan);
  }

  private static double rate(int rows, Map<SparkScoringSuite.Variant, List<Double>> seconds, String prefix, String model) {
    return seconds.entrySet().stream().filter(e -> e.getKey().name().startsWith(prefix) && e.getKey().model().equals(model))
        .mapToDouble(e -> rows / median(e.getValue())).findFirst()
        .orElseThrow(() -> new IllegalStateException("no variant " + prefix + " / " + model));
  }

  static double median(List<Double> v) {
    List<Double> s = new ArrayList<>(v);
    s.sort(null);
    int n = s.size();
    return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
  }

  private static String cpu() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
        if (line.startsWith("model name")) {
          String flags = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("flags"))
              .findFirst().orElse("");
          String isa = flags.contains("avx512f") ? "AVX-512" : flags.contains("avx2") ? "AVX2" : "SSE";
          return line.substring(line.indexOf(':') + 1).trim() + " (" + isa + ")";
        }
      }
    } catch (IOException ignored) {
      // not Linux: the OS name says enough
    }
    return System.getProperty("os.arch");
  }
}
