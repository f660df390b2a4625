// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.models;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongSupplier;

/**
 * Keras' progress output for {@code fit}:
 * <pre>
 * Epoch 3/20
 * 45/45 ━━━━━━━━━━━━━━━━━━━━ 0s 2ms/step - accuracy: 0.9671 - loss: 0.1204 - val_accuracy: 0.9611 - val_loss: 0.1377
 * </pre>
 * On a terminal the line is redrawn in place (at most every 50 ms) with the ETA in place of the
 * elapsed time; elsewhere it is printed once per epoch. {@link Verbosity#ONE_LINE_PER_EPOCH}
 * prints {@code 45/45 - 0s - 2ms/step - …} instead.
 */
final class ProgressBar {

  private static final int WIDTH = 20;
  private static final long REDRAW_NANOS = 50_000_000L;

  private final PrintStream out;
  private final Verbosity mode;
  private final boolean terminal;
  private final LongSupplier clock;
  private int steps;
  private long start;
  private long lastDraw;
  private int lastLength;

  ProgressBar(PrintStream out, Verbosity mode, boolean terminal, LongSupplier clock) {
    this.out = out;
    this.mode = mode == Verbosity.AUTO ? (terminal ? Verbosity.PROGRESS_BAR : Verbosity.SILENT) : mode;
    this.terminal = terminal;
    this.clock = clock;
  }

  /** True when standard output is an interactive terminal. */
  static boolean stdoutIsTerminal() {
    java.io.Console c = System.console();
    return c != null && c.isTerminal();
  }

  void beginEpoch(int epoch, int epochs, int steps) {
    this.steps = steps;
    this.start = clock.getAsLong();
    this.lastDraw = Long.MIN_VALUE;
    this.lastLength = 0;
    if (mode != Verbosity.SILENT) {
      out.println("Epoch " + (epoch + 1) + "/" + epochs);
    }
  }

  /** After batch {@code step} (1-based) of the epoch. */
  void update(int step, Map<String, Double> logs) {
    if (mode != Verbosity.PROGRESS_BAR || !terminal || step >= steps) {
      return;
    }
    long now = clock.getAsLong();
    if (lastDraw != Long.MIN_VALUE && now - lastDraw < REDRAW_NANOS) {
      return;
    }
    lastDraw = now;
    double perStep = (now - start) / 1e9 / step;
    draw(barLine(step, formatSeconds(perStep * (steps - step)), perStep, logs), false);
  }

  void endEpoch(Map<String, Double> logs) {
    double elapsed = (clock.getAsLong() - start) / 1e9;
    double perStep = steps == 0 ? 0 : elapsed / steps;
    switch (mode) {
      case PROGRESS_BAR -> draw(barLine(steps, formatSeconds(elapsed), perStep, logs), true);
      case ONE_LINE_PER_EPOCH -> out.println(steps + "/" + steps + " - " + formatSeconds(elapsed) + " - "
          + formatPerStep(perStep) + metrics(logs));
      default -> { }
    }
  }

  private void draw(String line, boolean last) {
    if (terminal) {
      String pad = line.length() < lastLength ? " ".repeat(lastLength - line.length()) : "";
      out.print("\r" + line + pad);
      lastLength = line.length();
      if (last) {
        out.println();
      }
      out.flush();
    } else if (last) {
      out.println(line);
    }
  }

  private String barLine(int step, String time, double perStep, Map<String, Double> logs) {
    String count = String.format(Locale.ROOT, "%" + String.valueOf(steps).length() + "d/%d", step, steps);
    return count + " " + bar(step) + " " + time + " " + formatPerStep(perStep) + metrics(logs);
  }

  private String bar(int step) {
    int done = steps == 0 ? WIDTH : (int) ((long) WIDTH * step / steps);
    String filled = "━".repeat(done);
    String rest = "━".repeat(WIDTH - done);
    // bold for the part done, dim for the rest, as Keras draws it; plain characters off a terminal
    return terminal ? "\u001b[1m" + filled + "\u001b[0m\u001b[2m" + rest + "\u001b[0m" : filled + " ".repeat(WIDTH - done);
  }

  /** {@code - name: value} for every log, sorted by name; values as Keras prints them. */
  static String metrics(Map<String, Double> logs) {
    StringBuilder sb = new StringBuilder();
    new TreeMap<>(logs).forEach((k, v) -> sb.append(" - ").append(k).append(": ").append(formatValue(v)));
    return sb.toString();
  }

  static String formatValue(double v) {
    return String.format(Locale.ROOT, Math.abs(v) > 1e-3 || v == 0 ? "%.4f" : "%.4e", v);
  }

  static String formatSeconds(double s) {
    return String.format(Locale.ROOT, "%ds", (long) Math.floor(s));
  }

  static String formatPerStep(double s) {
    if (s >= 1) {
      return String.format(Locale.ROOT, "%.0fs/step", s);
    }
    return s >= 1e-3 ? String.format(Locale.ROOT, "%.0fms/step", s * 1e3)
        : String.format(Locale.ROOT, "%.0fus/step", s * 1e6);
  }
}
