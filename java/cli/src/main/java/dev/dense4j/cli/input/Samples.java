// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.cli.input;

import java.util.Arrays;

/** Collects samples of a fixed width, up to a maximum count, growing its buffer as they come. */
final class Samples {

  private final int width;
  private final int maxRows;
  private float[] values;
  private int rows;

  Samples(int width, int maxRows) {
    this.width = width;
    this.maxRows = Math.max(1, Math.min(maxRows, Integer.MAX_VALUE / width));
    this.values = new float[width * Math.min(this.maxRows, 16)];
  }

  /** Opens the next sample and returns the offset of its first value. */
  int start() {
    if (rows == maxRows) {
      throw new InputException("more than " + maxRows + " samples; the limit is " + maxRows);
    }
    int at = rows * width;
    if (values.length < at + width) {
      values = Arrays.copyOf(values, (int) Math.min((long) maxRows * width, 2L * at));
    }
    return at;
  }

  void set(int index, float v) {
    values[index] = v;
  }

  void end() {
    rows++;
  }

  int rows() {
    return rows;
  }

  int width() {
    return width;
  }

  Batch batch() {
    return new Batch(values, rows);
  }
}
