// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.cli.serve;

import dev.dense4j.cli.Io;
import java.nio.file.Path;
import picocli.CommandLine;

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

  /** Defaults for everything but the model. */
  static ServeOptions defaults(Path model) {
    int cpus = Runtime.getRuntime().availableProcessors();
    return new ServeOptions(model, null, "127.0.0.1", 8080, 1024, 8 << 20, 2 * cpus, 1, false, 10);
  }

  /** Parses {@code serve}'s arguments (without the command name), as the command line does. */
  static ServeOptions parse(String... args) {
    ServeCommand c = CommandLine.populateCommand(new ServeCommand(new Io(System.in, System.out, System.err)), args);
    return c.options(c.settings().blasThreads());
  }

  /** Checks that {@code n} is in [min, max]; the message names the option. */
  static int range(String option, int n, int min, int max) {
    if (n < min || n > max) {
      throw new IllegalArgumentException(option + " must be an integer in [" + min + ", " + max + "]; received "
          + option + "=" + n);
    }
    return n;
  }
}
