// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.cli.serve;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The options of {@code dense4j serve MODEL}.
 *
 * @param model the model file ({@code .keras}, {@code .h5}, or a JSON config with {@code weights})
 * @param weights the weights file for a JSON config, or null
 * @param host the address to bind; loopback unless told otherwise
 * @param port the TCP port; 0 picks a free one
 * @param maxBatch the most samples per predict request
 * @param maxBodyBytes the largest request body accepted
 * @param maxConcurrent predict requests computed at once; others wait up to 5 s, then get 503
 * @param blasThreads BLAS threads per call (set process-wide where OpenBLAS has no per-thread count)
 * @param enableReload whether {@code POST /v1/reload} re-reads the model file
 * @param drainSeconds how long a shutdown waits for requests in flight
 */
record ServeOptions(Path model, Path weights, String host, int port, int maxBatch, int maxBodyBytes,
    int maxConcurrent, int blasThreads, boolean enableReload, int drainSeconds) {

  static final String USAGE = "serve MODEL [--port N] [--host ADDR] [--weights W.h5] [--max-batch N]"
      + " [--max-body-bytes N] [--max-concurrent N] [--blas-threads N] [--enable-reload] [--drain-seconds N]";

  /** Defaults for everything but the model. */
  static ServeOptions defaults(Path model) {
    int cpus = Runtime.getRuntime().availableProcessors();
    return new ServeOptions(model, null, "127.0.0.1", 8080, 1024, 8 << 20, 2 * cpus, 1, false, 10);
  }

  static ServeOptions parse(String[] args) {
    List<String> positional = new ArrayList<>();
    String host = null;
    Path weights = null;
    Integer port = null;
    Integer maxBatch = null;
    Integer maxBody = null;
    Integer maxConcurrent = null;
    Integer blas = null;
    Integer drain = null;
    boolean reload = false;
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      switch (a) {
        case "--enable-reload" -> reload = true;
        case "--host" -> host = value(args, ++i, a);
        case "--weights" -> weights = Path.of(value(args, ++i, a));
        case "--port" -> port = number(args, ++i, a, 0, 65_535);
        case "--max-batch" -> maxBatch = number(args, ++i, a, 1, 1 << 20);
        case "--max-body-bytes" -> maxBody = number(args, ++i, a, 64, Integer.MAX_VALUE - 8);
        case "--max-concurrent" -> maxConcurrent = number(args, ++i, a, 1, 1 << 16);
        case "--blas-threads" -> blas = number(args, ++i, a, 1, 1024);
        case "--drain-seconds" -> drain = number(args, ++i, a, 0, 3600);
        default -> {
          if (a.startsWith("--")) {
            throw new IllegalArgumentException("unknown option " + a + "; usage: " + USAGE);
          }
          positional.add(a);
        }
      }
    }
    if (positional.size() != 1) {
      throw new IllegalArgumentException("expected one MODEL; received " + positional + "; usage: " + USAGE);
    }
    Path model = Path.of(positional.get(0));
    if (!Files.isRegularFile(model)) {
      throw new IllegalArgumentException("MODEL " + model + " is not a file");
    }
    ServeOptions o = defaults(model);
    return new ServeOptions(model, weights, host != null ? host : o.host, port != null ? port : o.port,
        maxBatch != null ? maxBatch : o.maxBatch, maxBody != null ? maxBody : o.maxBodyBytes,
        maxConcurrent != null ? maxConcurrent : o.maxConcurrent, blas != null ? blas : o.blasThreads, reload,
        drain != null ? drain : o.drainSeconds);
  }

  private static String value(String[] args, int i, String option) {
    if (i >= args.length) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    return args[i];
  }

  private static int number(String[] args, int i, String option, int min, int max) {
    String v = value(args, i, option);
    try {
      int n = Integer.parseInt(v);
      if (n >= min && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(option + " must be an integer in [" + min + ", " + max + "]; received " + option
        + "=" + v);
  }
}
