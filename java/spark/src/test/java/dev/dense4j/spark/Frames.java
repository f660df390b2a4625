// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.dense4j.keras.KerasModels;
import dev.dense4j.models.Predictor;
import dev.dense4j.models.Sequential;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import scala.collection.Seq;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.monotonically_increasing_id;
import static org.apache.spark.sql.functions.spark_partition_id;

/** Data frames of (id, features) for the tests, the reference predictions, and bit-exact comparison. */
final class Frames {

  private Frames() {}

  /** {@code rows × width} values as an (id long, features) frame in {@code partitions} partitions. */
  static Dataset<Row> of(SparkSession spark, float[] x, int width, FeatureKind kind, int partitions) {
    int rows = x.length / width;
    List<Row> out = new ArrayList<>(rows);
    for (int i = 0; i < rows; i++) {
      out.add(RowFactory.create((long) i, value(x, i * width, width, kind)));
    }
    return spark.createDataFrame(out, schema(kind)).repartition(partitions);
  }

  static StructType schema(FeatureKind kind) {
    DataType t = switch (kind) {
      case VECTOR -> SQLDataTypes.VectorType();
      case FLOAT_ARRAY -> DataTypes.createArrayType(DataTypes.FloatType, true);
      case DOUBLE_ARRAY -> DataTypes.createArrayType(DataTypes.DoubleType, true);
    };
    return new StructType().add("id", DataTypes.LongType, false).add("features", t, true);
  }

  static Object value(float[] x, int offset, int width, FeatureKind kind) {
    return switch (kind) {
      case VECTOR -> Vectors.dense(doubles(x, offset, width));
      case FLOAT_ARRAY -> {
        Float[] f = new Float[width];
        for (int j = 0; j < width; j++) {
          f[j] = x[offset + j];
        }
        yield f;
      }
      case DOUBLE_ARRAY -> {
        Double[] d = new Double[width];
        for (int j = 0; j < width; j++) {
          d[j] = (double) x[offset + j];
        }
        yield d;
      }
    };
  }

  private static double[] doubles(float[] x, int offset, int width) {
    double[] d = new double[width];
    for (int j = 0; j < width; j++) {
      d[j] = x[offset + j];
    }
    return d;
  }

  /**
   * The single-JVM reference for a scored frame: one predictor over the file, fed the rows of each
   * partition in the order the transformer met them, {@code batchSize} at a time, as the
   * transformer batches them. (OpenBLAS blocks a GEMM by its row count, so a row's last bits depend
   * on the size of the batch it was computed in: equal batches give equal bits.)
   */
  static float[] referenceInBatches(Path file, float[] x, int width, List<Scored> scored, int batchSize) {
    try (Sequential m = KerasModels.load(file); Predictor p = Predictor.of(m)) {
      int outWidth = p.outputWidth();
      float[] expected = new float[x.length / width * outWidth];
      List<Scored> order = new ArrayList<>(scored);
      order.sort(java.util.Comparator.comparingLong(Scored::position));
      for (int start = 0; start < order.size(); ) {
        int end = start;
        while (end < order.size() && end - start < batchSize
            && order.get(end).partition() == order.get(start).partition()) {
          end++;
        }
        int n = end - start;
        float[] in = new float[n * width];
        for (int i = 0; i < n; i++) {
          System.arraycopy(x, (int) order.get(start + i).id() * width, in, i * width, width);
        }
        float[] out = p.predict(in, n);
        for (int i = 0; i < n; i++) {
          System.arraycopy(out, i * outWidth, expected, (int) order.get(start + i).id() * outWidth, outWidth);
        }
        start = end;
      }
      return expected;
    }
  }

  /** One output row: its id, the partition that scored it, its position there, and its output (or null). */
  record Scored(long id, int partition, long position, float[] output) {}

  /** The output column of a scored frame, with where each row was scored, ordered by id. */
  static List<Scored> scored(Dataset<Row> scored, String column) {
    List<Row> rows = scored.select(col("id"), spark_partition_id(), monotonically_increasing_id(), col(column))
        .collectAsList();
    List<Scored> out = new ArrayList<>(rows.size());
    for (Row r : rows) {
      out.add(new Scored(r.getLong(0), r.getInt(1), r.getLong(2), r.isNullAt(3) ? null : floats(r.get(3))));
    }
    out.sort(java.util.Comparator.comparingLong(Scored::id));
    return out;
  }

  static float[][] outputs(List<Scored> scored) {
    float[][] out = new float[scored.size()][];
    for (int i = 0; i < out.length; i++) {
      assertEquals(i, scored.get(i).id(), "ids must be 0 … n-1");
      out[i] = scored.get(i).output();
    }
    return out;
  }

  static float[] floats(Object value) {
    if (value instanceof Vector v) {
      double[] d = v.toArray();
      float[] f = new float[d.length];
      for (int j = 0; j < d.length; j++) {
        f[j] = (float) d[j];
        if (f[j] != d[j]) {
          fail("output value " + d[j] + " is not a float widened to double");
        }
      }
      return f;
    }
    Seq<?> s = (Seq<?>) value;
    float[] f = new float[s.length()];
    for (int j = 0; j < f.length; j++) {
      Object e = s.apply(j);
      f[j] = e instanceof Double d ? (float) (double) d : (Float) e;
    }
    return f;
  }

  /** Asserts that row i of {@code actual} has exactly the bits of {@code expected}'s row i. */
  static void assertBitsEqual(float[] expected, float[][] actual, int width, String what) {
    assertEquals(expected.length / width, actual.length, what + ": rows");
    for (int i = 0; i < actual.length; i++) {
      if (actual[i] == null) {
        fail(what + ": row " + i + " has a null output");
      }
      assertEquals(width, actual[i].length, what + ": row " + i + " width");
      for (int j = 0; j < width; j++) {
        int e = Float.floatToRawIntBits(expected[i * width + j]);
        int a = Float.floatToRawIntBits(actual[i][j]);
        if (e != a) {
          fail(what + ": row " + i + ", output " + j + ": expected " + expected[i * width + j] + " (bits 0x"
              + Integer.toHexString(e) + "); received " + actual[i][j] + " (bits 0x" + Integer.toHexString(a) + ")");
        }
      }
    }
  }
}
