// SPDX-License-Identifier: Apache-2.0

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Replays the attacks of issue 17 against a live {@code dense4j serve} on 127.0.0.1, each bounded
 * in connections and time, and prints one row per attack: tried, clean (an answer or a close as
 * designed), wrong (a wrong answer), crash (the server process gone), hang (no answer nor close
 * within the bound), leak (in-flight requests, reserved body bytes or open descriptors not back
 * after the attack). Throughout each attack a probe asks the health port's /healthz every 100 ms on
 * a new connection with a 1 s limit, as a supervisor would, and the traffic port's /healthz on a
 * kept-alive and on a fresh connection; legitimate predict requests keep coming ({@link Probe}).
 *
 * <pre>java Attacks.java PORT HEALTH_PORT SERVER_PID INPUT_WIDTH</pre>
 */
public class Attacks {

  static final String HOST = "127.0.0.1"; // loopback only, by design
  static int port;
  static int healthPort;
  static long pid;
  static int width;
  static byte[] legit;

  record Row(String attack, int tried, int clean, int wrong, int crash, int hang, int leak, String supervised,
      String health, String predicts, String load) {}

  public static void main(String[] args) throws Exception {
    port = Integer.parseInt(args[0]);
    healthPort = Integer.parseInt(args[1]);
    pid = Long.parseLong(args[2]);
    width = Integer.parseInt(args[3]);
    legit = ("{\"inputs\": [[" + "0.5,".repeat(width - 1) + "0.5]]}").getBytes(StandardCharsets.UTF_8);
    List<Row> rows = new ArrayList<>();
    rows.add(run("large bodies (8 MiB declared)", 300, Attacks::largeBody));
    rows.add(run("trickled bodies (1 B / 250 ms)", 500, Attacks::trickleBody));
    rows.add(run("slowloris headers (1 B / 250 ms)", 500, Attacks::slowHeaders));
    rows.add(run("idle partial headers", 3000, Attacks::partialHeaders));
    rows.add(run("many connections, one predict each", 1500, Attacks::onePredict));
    rows.add(run("hostile HTTP", Hostile.CASES.length, Attacks::hostile));
    rows.add(run("reload under load (40 clients x 50)", 40, Attacks::reloadUnderLoad));
    String format = "| %-36s | %5s | %5s | %5s | %5s | %4s | %4s | %-47s | %-40s | %-19s | %-5s |%n";
    System.out.printf(Locale.ROOT, format, "attack", "tried", "clean", "wrong", "crash", "hang", "leak",
        "health port: probes: max / p99 ms, failed; watch", "traffic /healthz max, failed (kept; new)",
        "legit 200/503/other", "load");
    System.out.println("|---|---:|---:|---:|---:|---:|---:|---|---|---|---:|");
    for (Row r : rows) {
      System.out.printf(Locale.ROOT, format, r.attack, r.tried, r.clean, r.wrong, r.crash, r.hang, r.leak, r.supervised,
          r.health, r.predicts, r.load);
    }
  }

  interface Attack {
    /** One attacker; returns "clean", "wrong" or "hang". */
    String run(int i) throws Exception;
  }

  static Row run(String name, int n, Attack attack) throws Exception {
    if (!alive()) {
      return new Row(name, n, 0, 0, n, 0, 0, "-", "-", "-", load());
    }
    int fdsBefore = fds();
    Probe probe = new Probe();
    probe.start();
    AtomicInteger clean = new AtomicInteger();
    AtomicInteger wrong = new AtomicInteger();
    AtomicInteger hang = new AtomicInteger();
    ConcurrentLinkedQueue<String> notes = new ConcurrentLinkedQueue<>();
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < n; i++) {
        int k = i;
        pool.submit(() -> {
          String verdict;
          try {
            verdict = attack.run(k);
          } catch (Exception e) {
            verdict = "clean"; // the server closed or reset the connection: as designed
          }
          switch (verdict) {
            case "clean" -> clean.incrementAndGet();
            case "hang" -> hang.incrementAndGet();
            default -> {
              wrong.incrementAndGet();
              if (notes.size() < 3) {
                notes.add(verdict);
              }
            }
          }
          return null;
        });
      }
      pool.shutdown();
      if (!pool.awaitTermination(120, TimeUnit.SECONDS)) {
        pool.shutdownNow();
      }
    }
    probe.stop();
    String load = load();
    boolean alive = alive();
    int leak = alive && settled(fdsBefore) ? 0 : (alive ? 1 : 0);
    int crash = alive ? 0 : n;
    notes.forEach(s -> System.err.println(name + ": wrong: " + s));
    return new Row(name, n, clean.get(), wrong.get(), crash, hang.get(), leak, probe.supervisedHealth(), probe.health(),
        probe.predicts(), load);
  }

  // ---- the attacks ----

  static Socket connect(int timeoutMs) throws IOException {
    Socket s = new Socket();
    s.connect(new InetSocketAddress(HOST, port), 5_000);
    s.setSoTimeout(timeoutMs);
    return s;
  }

  /** Declares 8 MiB, sends until refused or closed (at most 8 MiB - 1), holds 3 s. */
  static String largeBody(int i) throws IOException, InterruptedException {
    try (Socket s = connect(30_000)) {
      OutputStream out = s.getOutputStream();
      out.write(("POST /v1/predict HTTP/1.1\r\nHost: x\r\nContent-Length: 8388608\r\n\r\n{\"inputs\": [[")
          .getBytes(StandardCharsets.US_ASCII));
      byte[] chunk = "0.25,".repeat(13_107).getBytes(StandardCharsets.US_ASCII); // 64 KiB - 1
      try {
        for (long sent = 0; sent + chunk.length < 8_388_600; sent += chunk.length) {
          out.write(chunk);
          if (s.getInputStream().available() > 0) {
            break; // answered early (503 or 400)
          }
        }
      } catch (IOException e) {
        return "clean"; // closed after a refusal
      }
      Thread.sleep(3_000);
      String reply = Http.readReply(s.getInputStream());
      if (reply == null || reply.startsWith("HTTP/1.1 503 ") || reply.startsWith("HTTP/1.1 400 ")) {
        return "clean"; // closed by the request timeout, refused by the budget, or too many samples
      }
      return reply.startsWith("HTTP/1.1 ") ? "large body: " + firstLine(reply) : "hang";
    } catch (java.net.SocketTimeoutException e) {
      return "hang";
    }
  }

  /** A valid header and a body trickled at 4 B/s: must be closed by the request timeout. */
  static String trickleBody(int i) throws IOException, InterruptedException {
    return trickle("POST /v1/predict HTTP/1.1\r\nHost: x\r\nContent-Length: 4000\r\n\r\n", "0".repeat(4000));
  }

  static String slowHeaders(int i) throws IOException, InterruptedException {
    return trickle("", "POST /v1/predict HTTP/1.1\r\nHost: x\r\nX-Pad: " + "a".repeat(4000));
  }

  static String trickle(String head, String slow) throws IOException, InterruptedException {
    long start = System.nanoTime();
    try (Socket s = connect(1_000)) {
      OutputStream out = s.getOutputStream();
      out.write(head.getBytes(StandardCharsets.US_ASCII));
      for (int k = 0; k < slow.length(); k++) {
        try {
          out.write(slow.charAt(k));
          out.flush();
        } catch (IOException e) {
          return "clean";
        }
        if (closed(s, 250)) {
          return "clean";
        }
        if (System.nanoTime() - start > 60_000_000_000L) {
          return "hang"; // still open after a minute
        }
      }
      return "hang";
    }
  }

  /** Sends a partial header and holds: must be closed by the request timeout (or at once past the cap). */
  static String partialHeaders(int i) throws IOException {
    try (Socket s = connect(60_000)) {
      s.getOutputStream().write("GET /healthz HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.US_ASCII));
      return s.getInputStream().read() < 0 ? "clean" : "partial header answered";
    } catch (java.net.SocketTimeoutException e) {
      return "hang";
    }
  }

  /** One predict per connection, all at once: 200 with the right width, 503, or closed at the cap. */
  static String onePredict(int i) throws IOException {
    try (Socket s = connect(30_000)) {
      String reply = Http.post(s, "/v1/predict", legit);
      if (reply == null) {
        return "clean"; // closed at the connection cap
      }
      return checkPredict(reply);
    } catch (java.net.SocketTimeoutException e) {
      return "hang";
    }
  }

  static String checkPredict(String reply) {
    if (reply.startsWith("HTTP/1.1 503 ")) {
      return "clean";
    }
    if (!reply.startsWith("HTTP/1.1 200 ")) {
      return "predict: " + firstLine(reply);
    }
    String body = reply.substring(reply.indexOf("\r\n\r\n") + 4);
    return body.equals(Probe.expected) ? "clean" : "predict: other outputs " + body;
  }

  static String hostile(int i) throws IOException {
    Hostile.Case c = Hostile.CASES[i];
    try (Socket s = connect(15_000)) {
      s.getOutputStream().write(c.request());
      s.getOutputStream().flush();
      String reply = Http.readReply(s.getInputStream());
      return c.acceptable(reply) ? "clean" : c.name() + " -> " + (reply == null ? "closed" : firstLine(reply));
    } catch (java.net.SocketTimeoutException e) {
      return "hang";
    }
  }

  /** One client of 50 kept-alive requests: predicts that must all answer the model's outputs, or reloads. */
  static String reloadUnderLoad(int i) throws IOException {
    try (Socket s = connect(30_000)) {
      for (int k = 0; k < 50; k++) {
        if (i % 8 == 0) {
          String reply = Http.post(s, "/v1/reload", new byte[0]);
          if (reply == null || !reply.startsWith("HTTP/1.1 200 ")) {
            return "reload: " + firstLine(reply);
          }
        } else {
          String reply = Http.post(s, "/v1/predict", legit);
          String verdict = reply == null ? "predict: closed" : checkPredict(reply);
          if (!verdict.equals("clean") || !reply.startsWith("HTTP/1.1 200 ")) {
            return verdict.equals("clean") ? "predict under reload: " + firstLine(reply) : verdict;
          }
        }
      }
      return "clean";
    } catch (java.net.SocketTimeoutException e) {
      return "hang";
    }
  }

  // ---- the server's state ----

  /** The 1-minute load average of the machine, as the attack ends. */
  static String load() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    } catch (IOException e) {
      return "?";
    }
  }

  static boolean alive() {
    return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
  }

  static int fds() {
    try (var files = Files.list(Path.of("/proc/" + pid + "/fd"))) {
      return (int) files.count();
    } catch (IOException e) {
      return -1;
    }
  }

  /** In-flight requests and reserved body bytes back to 0 and descriptors back near the start, within 20 s. */
  static boolean settled(int fdsBefore) throws InterruptedException {
    long deadline = System.nanoTime() + 20_000_000_000L;
    while (System.nanoTime() < deadline) {
      try (Socket s = connect(2_000)) {
        String m = Http.get(s, "/metrics");
        if (m != null && m.contains("\ndense4j_requests_in_flight 0\n") && m.contains("\ndense4j_body_bytes_in_flight 0\n")
            && fds() <= fdsBefore + 8) {
          return true;
        }
      } catch (IOException e) {
        // try again
      }
      Thread.sleep(250);
    }
    return false;
  }

  static boolean closed(Socket s, int waitMs) throws IOException {
    s.setSoTimeout(waitMs);
    try {
      return s.getInputStream().read() < 0;
    } catch (java.net.SocketTimeoutException e) {
      return false;
    } catch (IOException e) {
      return true;
    }
  }

  static String firstLine(String reply) {
    if (reply == null) {
      return "closed";
    }
    int n = reply.indexOf("\r\n");
    return n < 0 ? reply : reply.substring(0, n);
  }
}
