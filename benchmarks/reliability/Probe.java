// SPDX-License-Identifier: Apache-2.0

import java.io.IOException;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** Asks /healthz every 100 ms (kept-alive and fresh connections) and sends legitimate predicts. */
final class Probe {
  static String expected;
  final AtomicBoolean running = new AtomicBoolean(true);
  final AtomicLong keptMax = new AtomicLong();
  final AtomicInteger keptSlow = new AtomicInteger();
  final AtomicLong freshMax = new AtomicLong();
  final AtomicInteger freshSlow = new AtomicInteger();
  final AtomicInteger ok = new AtomicInteger();
  final AtomicInteger busy = new AtomicInteger();
  final AtomicInteger other = new AtomicInteger();
  final List<Thread> threads = new ArrayList<>();

  void start() throws IOException {
    if (expected == null) {
      try (Socket s = Attacks.connect(10_000)) {
        String r = Http.post(s, "/v1/predict", Attacks.legit);
        expected = r.substring(r.indexOf("\r\n\r\n") + 4);
      }
    }
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
