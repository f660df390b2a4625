// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.cli.serve;

import java.net.URI;

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

  /** Checks the options' ranges and fills in the defaults that depend on {@code soak}. */
  static LoadTestOptions of(URI target, int[] clients, long requests, long warmup, int batch, Integer maxSeconds,
      long soak, int samples) {
    if (clients != null) {
      for (int c : clients) {
        number("--clients", c, 1, 1024);
      }
    }
    number("--requests", requests, 1, 100_000_000);
    number("--warmup", warmup, 0, 100_000_000);
    number("--batch", batch, 1, 1 << 16);
    if (maxSeconds != null) {
      number("--max-seconds", maxSeconds, 1, 86_400);
    }
    number("--soak", soak, 0, 1_000_000_000);
    number("--samples", samples, 1, 10_000);
    int[] levels = clients != null ? clients.clone() : soak > 0 ? new int[] {8} : new int[] {1, 2, 8, 64};
    int seconds = maxSeconds != null ? maxSeconds : soak > 0 ? 1_800 : 60;
    return new LoadTestOptions(target, levels, requests, warmup, batch, seconds, soak, samples);
  }

  String host() {
    String h = target.getHost();
    return h.startsWith("[") ? h.substring(1, h.length() - 1) : h;
  }

  int port() {
    return target.getPort();
  }

  private static void number(String option, long n, long min, long max) {
    if (n < min || n > max) {
      throw new IllegalArgumentException(option + " must be an integer in [" + min + ", " + max + "]; received "
          + option + "=" + n);
    }
  }
}
