// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.spark;

import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Row;
import scala.collection.Seq;

/**
 * Reads one row's features into a float buffer, checking them first: returns null when the row
 * was copied, else what is wrong with it (for the error message), and then writes nothing usable.
 */
final class RowFeatures {

  private final int column;
  private final int width;
  private final boolean allowNonFinite;

  RowFeatures(int column, int width, boolean allowNonFinite) {
    this.column = column;
    this.width = width;
    this.allowNonFinite = allowNonFinite;
  }

  /** Copies the features of {@code row} into {@code dst} at {@code offset}; null, or the reason it could not. */
  String read(Row row, float[] dst, int offset) {
    return read(row.get(column), dst, offset);
  }

  /** Copies a column value (a Vector or a Seq of numbers, as Spark hands them over) into {@code dst}. */
  String read(Object value, float[] dst, int offset) {
    if (value == null) {
      return "received null";
    }
    if (value instanceof Vector v) {
      return v.size() != width ? "received a vector of size " + v.size() : copy(FeatureKind.values(v), dst, offset);
    }
    if (value instanceof Seq<?> s) {
      return copy(s, dst, offset);
    }
    return "received a " + value.getClass().getName();
  }

  private String copy(double[] src, float[] dst, int offset) {
    for (int j = 0; j < width; j++) {
      float f = (float) src[j];
      if (!allowNonFinite && !Float.isFinite(f)) {
        return nonFinite(j, f);
      }
      dst[offset + j] = f;
    }
    return null;
  }

  private String copy(Seq<?> s, float[] dst, int offset) {
    if (s instanceof scala.collection.immutable.ArraySeq.ofFloat f) {
      return copy(f.unsafeArray(), dst, offset);
    }
    if (s instanceof scala.collection.immutable.ArraySeq.ofDouble d) {
      return d.unsafeArray().length != width ? "received " + d.unsafeArray().length + " values" : copy(d.unsafeArray(), dst, offset);
    }
    int n = s.length();
    if (n != width) {
      return "received " + n + " values";
    }
    for (int j = 0; j < n; j++) {
      Object e = s.apply(j);
      if (e == null) {
        return "received null at index " + j;
      }
      float f = ((Number) e).floatValue();
      if (!allowNonFinite && !Float.isFinite(f)) {
        return nonFinite(j, f);
      }
      dst[offset + j] = f;
    }
    return null;
  }

  private String copy(float[] src, float[] dst, int offset) {
    if (src.length != width) {
      return "received " + src.length + " values";
    }
    for (int j = 0; j < width; j++) {
      float f = src[j];
      if (!allowNonFinite && !Float.isFinite(f)) {
        return nonFinite(j, f);
      }
      dst[offset + j] = f;
    }
    return null;
  }

  static String nonFinite(int index, float value) {
    return "received " + value + " at index " + index;
  }

  /** What a valid row holds, for messages. */
  String expectation() {
    return "expected " + width + (allowNonFinite ? "" : " finite") + " values";
  }
}
