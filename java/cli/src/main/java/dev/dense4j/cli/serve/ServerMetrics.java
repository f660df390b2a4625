// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.cli.serve;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * The server's counters and the predict latency histogram, rendered in the Prometheus text format
 * (version 0.0.4). Latency is measured from the start of a predict request's handling to the
 * response sent, over the server's lifetime.
 */
final class ServerMetrics {

  private static final double[] QUANTILES = {0.5, 0.9, 0.99, 0.999};

  private final Map<String, LongAdder> responses = new ConcurrentHashMap<>(); // "endpoint\u0000code"
  private final LatencyHistogram latency = new LatencyHistogram();
  private final LongAdder predictions = new LongAdder();
  private final LongAdder reloads = new LongAdder();
  private final AtomicInteger inFlight = new AtomicInteger();

  /** Counts one response of {@code endpoint} with HTTP status {@code code}. */
  void response(String endpoint, int code) {
    responses.computeIfAbsent(endpoint + '\u0000' + code, k -> new LongAdder()).increment();
  }

  /** Counts a predict request that answered 200 with {@code rows} rows after {@code nanos}. */
  void predicted(int rows, long nanos) {
    predictions.add(rows);
    latency.record(nanos);
  }

  void reloaded() {
    reloads.increment();
  }

  void enter() {
    inFlight.incrementAndGet();
  }

  void exit() {
    inFlight.decrementAndGet();
  }

  /** Predict requests being handled now. */
  int inFlight() {
    return inFlight.get();
  }

  long count(String endpoint, int code) {
    LongAdder a = responses.get(endpoint + '\u0000' + code);
    return a == null ? 0 : a.sum();
  }

  /** The Prometheus text exposition of every metric, with the body budget's reservation. */
  String render(String modelName, BodyBudget bodies) {
    StringBuilder b = new StringBuilder(2048);
    help(b, "dense4j_http_requests_total", "counter", "HTTP requests answered, by endpoint and status code.");
    responses.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
      String[] k = e.getKey().split("\u0000");
      b.append("dense4j_http_requests_total{endpoint=\"").append(k[0]).append("\",code=\"").append(k[1])
          .append("\"} ").append(e.getValue().sum()).append('\n');
    });
    long errors = responses.entrySet().stream().filter(e -> !e.getKey().endsWith("\u0000200"))
        .mapToLong(e -> e.getValue().sum()).sum();
    help(b, "dense4j_http_errors_total", "counter", "HTTP requests answered with a status other than 200.");
    b.append("dense4j_http_errors_total ").append(errors).append('\n');
    help(b, "dense4j_predictions_total", "counter", "Rows predicted by successful predict requests.");
    b.append("dense4j_predictions_total ").append(predictions.sum()).append('\n');
    help(b, "dense4j_predict_latency_seconds", "summary",
        "Latency of successful predict requests, from handling start to response sent (bucket upper bounds, 3% resolution).");
    for (double q : QUANTILES) {
      b.append("dense4j_predict_latency_seconds{quantile=\"").append(q).append("\"} ")
          .append(seconds(latency.quantile(q))).append('\n');
    }
    b.append("dense4j_predict_latency_seconds_sum ").append(seconds(latency.sumNanos())).append('\n');
    b.append("dense4j_predict_latency_seconds_count ").append(latency.count()).append('\n');
    help(b, "dense4j_requests_in_flight", "gauge", "Predict requests being handled now.");
    b.append("dense4j_requests_in_flight ").append(inFlight.get()).append('\n');
    help(b, "dense4j_body_bytes_in_flight", "gauge",
        "Request-body bytes reserved by predict requests being read, parsed or computed.");
    b.append("dense4j_body_bytes_in_flight ").append(bodies.reserved()).append('\n');
    help(b, "dense4j_body_bytes_in_flight_limit", "gauge", "The most request-body bytes in flight at once.");
    b.append("dense4j_body_bytes_in_flight_limit ").append(bodies.capacity()).append('\n');
    help(b, "dense4j_model_reloads_total", "counter", "Successful model reloads.");
    b.append("dense4j_model_reloads_total ").append(reloads.sum()).append('\n');
    help(b, "dense4j_model_info", "gauge", "The model being served.");
    b.append("dense4j_model_info{name=\"").append(escape(modelName)).append("\"} 1\n");
    process(b);
    return b.toString();
  }

  // resident memory and OS threads from /proc (Linux), JVM threads everywhere
  private static void process(StringBuilder b) {
    help(b, "jvm_threads_live", "gauge", "Live JVM platform threads.");
    b.append("jvm_threads_live ").append(ManagementFactory.getThreadMXBean().getThreadCount()).append('\n');
    try {
      long rss = -1;
      long threads = -1;
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmRSS:")) {
          rss = Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
        } else if (line.startsWith("Threads:")) {
          threads = Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
      if (rss >= 0) {
        help(b, "process_resident_memory_bytes", "gauge", "Resident memory size in bytes.");
        b.append("process_resident_memory_bytes ").append(rss).append('\n');
      }
      if (threads >= 0) {
        help(b, "process_threads", "gauge", "OS threads of the process.");
        b.append("process_threads ").append(threads).append('\n');
      }
    } catch (IOException | RuntimeException e) {
      // not Linux: the JVM figures above stand alone
    }
  }

  private static void help(StringBuilder b, String name, String type, String text) {
    b.append("# HELP ").append(name).append(' ').append(text).append('\n');
    b.append("# TYPE ").append(name).append(' ').append(type).append('\n');
  }

  private static String seconds(long nanos) {
    return String.format(Locale.ROOT, "%.9f", nanos / 1e9);
  }

  private static String escape(String s) {
    return s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
  }
}
