// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.bench.spark;

import java.util.Iterator;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.ml.linalg.DenseVector;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.rdd.RDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.catalyst.expressions.JoinedRow;
import org.apache.spark.sql.catalyst.expressions.UnsafeProjection;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.types.UserDefinedType;

/**
 * What KerasDenseModel does besides the model: Spark's internal rows through mapPartitions, each
 * copied, a constant 10-value vector appended, and projected back to a binary row.
 */
final class InternalRoundTrip {

  private InternalRoundTrip() {}

  static Dataset<Row> of(Dataset<Row> in) {
    StructType out = in.schema().add("output", SQLDataTypes.VectorType(), true);
    org.apache.spark.sql.classic.Dataset<Row> classic = (org.apache.spark.sql.classic.Dataset<Row>) in;
    RDD<InternalRow> rows = classic.queryExecution().toRdd().toJavaRDD()
        .mapPartitions((FlatMapFunction<Iterator<InternalRow>, InternalRow>) it -> trip(it, out)).rdd();
    return classic.sparkSession().internalCreateDataFrame(rows, out, false);
  }

  @SuppressWarnings("unchecked")
  private static Iterator<InternalRow> trip(Iterator<InternalRow> in, StructType out) {
    UnsafeProjection project = UnsafeProjection.create(out);
    UserDefinedType<Vector> udt = (UserDefinedType<Vector>) SQLDataTypes.VectorType();
    JoinedRow joined = new JoinedRow();
    GenericInternalRow appended = new GenericInternalRow(1);
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return in.hasNext();
      }

      @Override
      public InternalRow next() {
        InternalRow r = in.next().copy();
        appended.update(0, udt.serialize(new DenseVector(new double[10])));
        return project.apply(joined.apply(r, appended)).copy();
      }
    };
  }
}
