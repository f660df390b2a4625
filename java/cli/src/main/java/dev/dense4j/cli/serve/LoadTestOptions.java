// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.cli.serve;

import java.net.URI;
import java.util.Arrays;

/**
 * The options of {@code dense4j loadtest}.
 *
 * @param target the server's base URL (loopback only)
 * @param clients the concurrency levels; the first one is the soak's
 * @param requests requests per level
 * @param warmup requests sent (from 8 clients) before measuring
 * @param batch samples per request
 * @param maxSeconds wall-time bound per level (and for the soak)
 * @param soak requests of the soak; 0 for the level table
 * @param samples how many times the soak samples the server's memory and threads
 */
record LoadTestOptions(URI target, int[] clients, long requests, long warmup, int batch, int maxSeconds, long soak,
    int samples) {

  static LoadTestOptions parse(String[] args) {
    if (args.length == 0 || args[0].startsWith("--")) {
      throw new IllegalArgumentException("expected the server URL first; usage: " + LoadTestCommand.USAGE);
    }
    URI target = LoadTestCommand.loopback(args[0]);
    int[] clients = null;
    long requests = 4_000;
    long warmup = 2_000;
    int batch = 1;
    Integer maxSeconds = null;
    long soak = 0;
    int samples = 20;
    for (int i = 1; i < args.length; i++) {
      String a = args[i];
      String v = i + 1 < args.length ? args[++i] : null;
      if (v == null) {
        throw new IllegalArgumentException(a + " needs a value; usage: " + LoadTestCommand.USAGE);
      }
      switch (a) {
        case "--clients" -> clients = Arrays.stream(v.split(",")).mapToInt(c -> (int) number(a, c.trim(), 1, 1024))
            .toArray();
        case "--requests" -> requests = number(a, v, 1, 100_000_000);
        case "--warmup" -> warmup = number(a, v, 0, 100_000_000);
        case "--batch" -> batch = (int) number(a, v, 1, 1 << 16);
        case "--max-seconds" -> maxSeconds = (int) number(a, v, 1, 86_400);
        case "--soak" -> soak = number(a, v, 1, 1_000_000_000);
        case "--samples" -> samples = (int) number(a, v, 1, 10_000);
        default -> throw new IllegalArgumentException("unknown option " + a + "; usage: " + LoadTestCommand.USAGE);
      }
    }
    if (clients == null) {
      clients = soak > 0 ? new int[] {8} : new int[] {1, 2, 8, 64};
    }
    int seconds = maxSeconds != null ? maxSeconds : soak > 0 ? 1_800 : 60;
    return new LoadTestOptions(target, clients, requests, warmup, batch, seconds, soak, samples);
  }

  String host() {
    String h = target.getHost();
    return h.startsWith("[") ? h.substring(1, h.length() - 1) : h;
  }

  int port() {
    return target.getPort();
  }

  private static long number(String option, String v, long min, long max) {
    try {
      long n = Long.parseLong(v);
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
