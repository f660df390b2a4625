// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.spark;

import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.util.ArrayData;
import org.apache.spark.sql.types.UserDefinedType;

/**
 * Reads one row's features straight from Spark's internal row into a float buffer, checking them
 * first: no Row, boxed values or double[] is made for a dense vector or an array. Returns null
 * when the row was copied, else what is wrong with it (for the error message).
 */
final class InternalFeatures {

  /** ML vectors are stored as (type: 0 sparse or 1 dense, size, indices, values). */
  private static final int VECTOR_FIELDS = 4;
  private static final byte DENSE = 1;

  private final int column;
  private final FeatureKind kind;
  private final int width;
  private final boolean allowNonFinite;

  InternalFeatures(int column, FeatureKind kind, int width, boolean allowNonFinite) {
    this.column = column;
    this.kind = kind;
    this.width = width;
    this.allowNonFinite = allowNonFinite;
  }

  String read(InternalRow row, float[] dst, int offset) {
    if (row.isNullAt(column)) {
      return "received null";
    }
    return switch (kind) {
      case VECTOR -> vector(row.getStruct(column, VECTOR_FIELDS), dst, offset);
      case FLOAT_ARRAY, DOUBLE_ARRAY -> array(row.getArray(column), dst, offset);
    };
  }

  private String vector(InternalRow v, float[] dst, int offset) {
    if (v.getByte(0) != DENSE) { // sparse: densified by Spark's own reader
      @SuppressWarnings("unchecked")
      Vector sparse = ((UserDefinedType<Vector>) SQLDataTypes.VectorType()).deserialize(v);
      return sparse.size() != width ? "received a vector of size " + sparse.size()
          : doubles(FeatureKind.values(sparse), dst, offset);
    }
    ArrayData values = v.getArray(3);
    int n = values.numElements();
    if (n != width) {
      return "received a vector of size " + n;
    }
    for (int j = 0; j < n; j++) {
      float f = (float) values.getDouble(j);
      if (!allowNonFinite && !Float.isFinite(f)) {
        return RowFeatures.nonFinite(j, f);
      }
      dst[offset + j] = f;
    }
    return null;
  }

  private String array(ArrayData a, float[] dst, int offset) {
    int n = a.numElements();
    if (n != width) {
      return "received " + n + " values";
    }
    boolean floats = kind == FeatureKind.FLOAT_ARRAY;
    for (int j = 0; j < n; j++) {
      if (a.isNullAt(j)) {
        return "received null at index " + j;
      }
      float f = floats ? a.getFloat(j) : (float) a.getDouble(j);
      if (!allowNonFinite && !Float.isFinite(f)) {
        return RowFeatures.nonFinite(j, f);
      }
      dst[offset + j] = f;
    }
    return null;
  }

  private String doubles(double[] src, float[] dst, int offset) {
    for (int j = 0; j < width; j++) {
      float f = (float) src[j];
      if (!allowNonFinite && !Float.isFinite(f)) {
        return RowFeatures.nonFinite(j, f);
      }
      dst[offset + j] = f;
    }
    return null;
  }

  /** What a valid row holds, for messages. */
  String expectation() {
    return "expected " + width + (allowNonFinite ? "" : " finite") + " values";
  }
}
