// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.bench.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;

/** A grouped bar chart (log scale) of the Dense forward latency per case and implementation. */
final class ForwardChart {

  private ForwardChart() {}

  static final String[] IMPLS = {"dense4j", "raw_blas", "vector_api", "java_loop", "tensorflow"};
  static final Color[] COLORS = {new Color(0x1f77b4), new Color(0x7f7f7f), new Color(0xff7f0e),
      new Color(0xbcbd22), new Color(0xd62728)};

  static void write(List<ResultsReport.Row> rows, Path png) throws IOException {
    write(rows, png, "DenseForwardBenchmark", IMPLS, COLORS, "Dense forward latency, µs per call (log scale, lower is better)");
  }

  /** The chart of one benchmark's {@code impl} parameter values, one group of bars per other parameter set. */
  static void write(List<ResultsReport.Row> rows, Path png, String benchmark, String[] impls, Color[] colors,
      String title) throws IOException {
    Map<String, Map<String, Double>> cases = new LinkedHashMap<>();
    for (ResultsReport.Row r : rows) {
      if (r.benchmark().startsWith(benchmark) && r.mode().equals("avgt")) {
        String label = "b" + r.p("batch") + " " + r.p("shape").replace("x", "→") + " " + r.p("activation");
        cases.computeIfAbsent(label, k -> new LinkedHashMap<>()).put(r.p("impl"), r.score());
      }
    }
    int w = 1200;
    int rowH = 26;
    int h = 90 + cases.size() * rowH + 40;
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, w, h);
    g.setColor(Color.BLACK);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
    g.drawString(title, 20, 28);
    int left = 230;
    int right = w - 30;
    double lo = 0;  // log10 of 1 µs
    double hi = 5;  // log10 of 100 ms
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
    for (int d = 0; d <= 5; d++) {
      int x = (int) (left + (right - left) * (d - lo) / (hi - lo));
      g.setColor(new Color(0xdddddd));
      g.setStroke(new BasicStroke(1));
      g.drawLine(x, 60, x, h - 40);
      g.setColor(Color.DARK_GRAY);
      g.drawString(String.format("%,d", (long) Math.pow(10, d)), x - 8, h - 24);
    }
    for (int i = 0; i < impls.length; i++) {
      g.setColor(colors[i]);
      g.fillRect(20 + i * 160, 40, 12, 12);
      g.setColor(Color.BLACK);
      g.drawString(impls[i], 36 + i * 160, 51);
    }
    int y = 70;
    for (var e : cases.entrySet()) {
      g.setColor(Color.BLACK);
      g.drawString(e.getKey(), 20, y + rowH / 2 + 4);
      int barH = (rowH - 4) / impls.length;
      for (int i = 0; i < impls.length; i++) {
        Double us = e.getValue().get(impls[i]);
        if (us != null) {
          double lx = Math.max(lo, Math.min(hi, Math.log10(Math.max(us, 1))));
          int len = (int) ((right - left) * (lx - lo) / (hi - lo));
          g.setColor(colors[i]);
          g.fillRect(left, y + i * barH, Math.max(2, len), barH - 1);
        }
      }
      y += rowH;
    }
    g.dispose();
    ImageIO.write(img, "png", png.toFile());
  }
}
