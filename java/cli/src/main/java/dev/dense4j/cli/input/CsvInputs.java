// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.cli.input;

/**
 * CSV input: one sample per line, {@code width} comma-separated numbers, flattened row-major for
 * inputs of higher rank; blank lines are skipped and the first line may be a header (it is one
 * when its first cell is not a number).
 */
final class CsvInputs {

  private CsvInputs() {}

  static Batch parse(String text, int[] sampleShape, int maxRows) {
    Samples out = new Samples(Shapes.width(sampleShape), maxRows);
    String[] lines = text.split("\\R");
    String header = null;
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty()) {
        continue;
      }
      String[] cells = line.split(",", -1);
      if (header == null && out.rows() == 0 && !looksNumeric(cells[0])) {
        header = line;
        continue;
      }
      String where = "CSV line " + (i + 1);
      if (cells.length != out.width()) {
        throw new InputException(where + " has " + cells.length + " values; the model takes " + out.width());
      }
      int at = out.start();
      for (int j = 0; j < cells.length; j++) {
        out.set(at + j, InputValues.parse(cells[j], where + ", column " + (j + 1)));
      }
      out.end();
    }
    if (out.rows() == 0 && header != null) {
      throw new InputException("the input has no rows: read it as CSV, whose first line '" + abbreviate(header)
          + "' is a header; expected JSON rows, {\"inputs\": [...]}, CSV lines of " + out.width()
          + " numbers or a .npy file");
    }
    return out.batch();
  }

  private static boolean looksNumeric(String cell) {
    String c = cell.strip();
    if (c.isEmpty()) {
      return false;
    }
    char f = c.charAt(0);
    return Character.isDigit(f) || "+-.".indexOf(f) >= 0 || c.equalsIgnoreCase("nan") || c.equalsIgnoreCase("inf")
        || c.equalsIgnoreCase("infinity");
  }

  static String abbreviate(String s) {
    return s.length() <= 40 ? s : s.substring(0, 37) + "...";
  }
}
