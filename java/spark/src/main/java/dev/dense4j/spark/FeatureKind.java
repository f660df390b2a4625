// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.spark;

import org.apache.spark.ml.linalg.DenseVector;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.catalyst.expressions.UnsafeArrayData;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.UserDefinedType;

/**
 * The column types a model reads: an ML {@code Vector} (dense or sparse), {@code array<float>} or
 * {@code array<double>}. Each reads one row's features into a float buffer, and the output keeps
 * the input's kind (a vector in, a dense vector out; float arrays out for float arrays in, …).
 */
enum FeatureKind {
  VECTOR(SQLDataTypes.VectorType()),
  FLOAT_ARRAY(DataTypes.createArrayType(DataTypes.FloatType, false)),
  DOUBLE_ARRAY(DataTypes.createArrayType(DataTypes.DoubleType, false));

  /** The type of the output column for this kind of input. */
  final DataType outputType;

  FeatureKind(DataType outputType) {
    this.outputType = outputType;
  }

  static final String EXPECTED = "an ML Vector, array<float> or array<double> column";

  /** The kind of a column's type, or null when no kind reads it. */
  static FeatureKind of(DataType type) {
    if (type.sameType(SQLDataTypes.VectorType())) {
      return VECTOR;
    }
    if (type instanceof ArrayType a) {
      if (a.elementType().sameType(DataTypes.FloatType)) {
        return FLOAT_ARRAY;
      }
      if (a.elementType().sameType(DataTypes.DoubleType)) {
        return DOUBLE_ARRAY;
      }
    }
    return null;
  }

  /** The output value of one row: {@code width} floats of {@code out} from {@code offset}. */
  Object output(float[] out, int offset, int width) {
    switch (this) {
      case VECTOR -> {
        double[] d = new double[width];
        for (int j = 0; j < width; j++) {
          d[j] = out[offset + j]; // float → double is exact: the bits of each float survive
        }
        return new DenseVector(d);
      }
      case FLOAT_ARRAY -> {
        float[] f = new float[width];
        System.arraycopy(out, offset, f, 0, width);
        return f;
      }
      default -> {
        double[] d = new double[width];
        for (int j = 0; j < width; j++) {
          d[j] = out[offset + j];
        }
        return d;
      }
    }
  }

  /** The output value of one row as Spark stores it internally. */
  @SuppressWarnings("unchecked")
  Object internalOutput(float[] out, int offset, int width) {
    return switch (this) {
      case VECTOR -> ((UserDefinedType<Vector>) SQLDataTypes.VectorType()).serialize((Vector) output(out, offset, width));
      case FLOAT_ARRAY -> UnsafeArrayData.fromPrimitiveArray((float[]) output(out, offset, width));
      case DOUBLE_ARRAY -> UnsafeArrayData.fromPrimitiveArray((double[]) output(out, offset, width));
    };
  }

  /** A vector's values, densified. */
  static double[] values(Vector v) {
    return v instanceof DenseVector d ? d.values() : v.toArray();
  }
}
