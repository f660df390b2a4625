// SPDX-License-Identifier: Apache-2.0

import java.io.IOException;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Throughout an attack: asks the health port's /healthz every 100 ms on a new connection with a
 * 1 s limit, as a supervisor's probe does (Kubernetes' default timeoutSeconds); asks the traffic
 * port's /healthz every 100 ms too, on a kept-alive connection and on a new one; and sends
 * legitimate predicts one after another.
 */
final class Probe {
  static final String SILENT = "\"traffic_listener_silent_ms\":";
  static String expected;
  final AtomicBoolean running = new AtomicBoolean(true);
  final AtomicLong keptMax = new AtomicLong();
  final AtomicInteger keptSlow = new AtomicInteger();
  final AtomicLong freshMax = new AtomicLong();
  final AtomicInteger freshSlow = new AtomicInteger();
  final AtomicInteger ok = new AtomicInteger();
  final AtomicInteger busy = new AtomicInteger();
  final AtomicInteger other = new AtomicInteger();
  final List<Long> supervisedMs = java.util.Collections.synchronizedList(new ArrayList<>());
  final AtomicInteger supervisedFailed = new AtomicInteger();
  final AtomicLong watchSilentMax = new AtomicLong(); // the health port's view of the traffic port
  final List<Thread> threads = new ArrayList<>();

  void start() throws IOException {
    if (expected == null) {
      try (Socket s = Attacks.connect(10_000)) {
        String r = Http.post(s, "/v1/predict", Attacks.legit);
        expected = r.substring(r.indexOf("\r\n\r\n") + 4);
      }
    }
    threads.add(Thread.ofPlatform().start(this::supervised));
    threads.add(Thread.ofPlatform().start(this::kept));
    threads.add(Thread.ofPlatform().start(this::fresh));
    threads.add(Thread.ofPlatform().start(this::predictLoop));
  }

  void kept() {
    Socket s = null;
    while (running.get()) {
      long t = System.nanoTime();
      boolean good = false;
      try {
        if (s == null) {
          s = Attacks.connect(1_000);
        }
        String r = Http.get(s, "/healthz");
        good = r != null && r.startsWith("HTTP/1.1 200 ");
      } catch (IOException e) {
        good = false;
      }
      record(keptMax, keptSlow, t, good);
      if (!good) {
        close(s);
        s = null;
      }
      pause(100);
    }
    close(s);
  }

  /** The supervisor's probe: a new connection to the health port each time, 1 s for the whole answer. */
  void supervised() {
    while (running.get()) {
      long t = System.nanoTime();
      boolean good;
      try (Socket s = new Socket()) {
        s.connect(new java.net.InetSocketAddress(Attacks.HOST, Attacks.healthPort), 1_000);
        s.setSoTimeout(1_000);
        String r = Http.get(s, "/healthz");
        good = r != null && r.startsWith("HTTP/1.1 200 ");
        int at = r == null ? -1 : r.indexOf(SILENT);
        if (at >= 0) {
          int end = at + SILENT.length();
          while (end < r.length() && Character.isDigit(r.charAt(end))) {
            end++;
          }
          watchSilentMax.accumulateAndGet(Long.parseLong(r.substring(at + SILENT.length(), end)), Math::max);
        }
      } catch (IOException e) {
        good = false;
      }
      long ms = (System.nanoTime() - t) / 1_000_000;
      supervisedMs.add(ms);
      if (!good || ms > 1_000) {
        supervisedFailed.incrementAndGet();
      }
      pause(100);
    }
  }

  void fresh() {
    while (running.get()) {
      long t = System.nanoTime();
      boolean good;
      try (Socket s = Attacks.connect(1_000)) {
        String r = Http.get(s, "/healthz");
        good = r != null && r.startsWith("HTTP/1.1 200 ");
      } catch (IOException e) {
        good = false;
      }
      record(freshMax, freshSlow, t, good);
      pause(100);
    }
  }

  void predictLoop() {
    while (running.get()) {
      try (Socket s = Attacks.connect(10_000)) {
        String r = Http.post(s, "/v1/predict", Attacks.legit);
        if (r != null && r.startsWith("HTTP/1.1 200 ") && r.endsWith(expected)) {
          ok.incrementAndGet();
        } else if (r != null && r.startsWith("HTTP/1.1 503 ")) {
          busy.incrementAndGet();
        } else {
          other.incrementAndGet();
        }
      } catch (IOException e) {
        other.incrementAndGet();
      }
      pause(20);
    }
  }

  static void record(AtomicLong max, AtomicInteger slow, long start, boolean good) {
    long ms = (System.nanoTime() - start) / 1_000_000;
    max.accumulateAndGet(ms, Math::max);
    if (!good || ms > 1_000) {
      slow.incrementAndGet();
    }
  }

  void stop() throws InterruptedException {
    running.set(false);
    for (Thread t : threads) {
      t.join();
    }
  }

  /**
   * The health port: probes, max and p99 latency in ms, probes failed or over 1 s; the longest the
   * traffic listener went without answering the server's own watch, as the health port reported.
   */
  String supervisedHealth() {
    List<Long> ms;
    synchronized (supervisedMs) {
      ms = new ArrayList<>(supervisedMs);
    }
    if (ms.isEmpty()) {
      return "no probe";
    }
    java.util.Collections.sort(ms);
    long p99 = ms.get((int) Math.ceil(0.99 * ms.size()) - 1);
    return ms.size() + ": " + ms.get(ms.size() - 1) + " / " + p99 + " ms, " + supervisedFailed.get() + "; "
        + watchSilentMax.get() + " ms";
  }

  String health() {
    return keptMax.get() + " ms, " + keptSlow.get() + "; " + freshMax.get() + " ms, " + freshSlow.get();
  }

  String predicts() {
    return ok.get() + "/" + busy.get() + "/" + other.get();
  }

  static void pause(int ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  static void close(Socket s) {
    try {
      if (s != null) {
        s.close();
      }
    } catch (IOException e) {
      // gone
    }
  }
}
