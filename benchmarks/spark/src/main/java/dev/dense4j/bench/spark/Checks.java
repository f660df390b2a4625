// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.bench.spark;

import static org.apache.spark.sql.functions.col;

import dev.dense4j.models.Predictor;
import dev.dense4j.spark.KerasDenseModel;
import java.util.List;
import org.apache.spark.ml.classification.MultilayerPerceptronClassificationModel;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import scala.collection.Seq;

/**
 * Before anything is timed: every variant computes the same function on the first rows. dense4j's
 * paths agree with the plain predictor to float rounding (batches of other sizes round the last
 * bits differently); MLlib, in double precision, agrees with dense4j's sigmoid model within 1e-5.
 */
final class Checks {

  static final int ROWS = 256;

  private Checks() {}

  static void agree(SparkSession spark, Dataset<Row> vectors, float[] x, Predictor relu, Predictor sigmoid,
      KerasDenseModel reluT, KerasDenseModel sigmoidT, MultilayerPerceptronClassificationModel mllib,
      UserDefinedFunction udf) {
    Dataset<Row> first = vectors.filter(col("id").lt(ROWS)).coalesce(1);
    float[] reluRef = relu.predict(x, ROWS);
    float[] sigmoidRef = sigmoid.predict(x, ROWS);
    compare("KerasDenseModel relu", reluRef, collect(reluT.transform(first), "output"), 1e-6);
    compare("KerasDenseModel sigmoid", sigmoidRef, collect(sigmoidT.transform(first), "output"), 1e-6);
    compare("row-at-a-time UDF relu", reluRef, collect(first.withColumn("output", udf.apply(col("features"))), "output"),
        1e-6);
    compare("MLlib MLP sigmoid", sigmoidRef, collect(mllib.transform(first), "probability"), 1e-5);
    System.out.println("checks: every variant agrees with the plain predictor on the first " + ROWS + " rows");
  }

  private static float[] collect(Dataset<Row> df, String column) {
    List<Row> rows = df.orderBy("id").select(column).collectAsList();
    float[] out = new float[rows.size() * 10];
    for (int i = 0; i < rows.size(); i++) {
      Object v = rows.get(i).get(0);
      for (int j = 0; j < 10; j++) {
        out[i * 10 + j] = v instanceof Vector vec ? (float) vec.apply(j) : ((Number) ((Seq<?>) v).apply(j)).floatValue();
      }
    }
    return out;
  }

  private static void compare(String what, float[] expected, float[] actual, double tolerance) {
    if (expected.length != actual.length) {
      throw new IllegalStateException(what + ": expected " + expected.length + " values; received " + actual.length);
    }
    for (int i = 0; i < expected.length; i++) {
      if (!(Math.abs(expected[i] - actual[i]) <= tolerance)) {
        throw new IllegalStateException(what + ": row " + i / 10 + ", output " + i % 10 + ": expected " + expected[i]
            + " within " + tolerance + "; received " + actual[i]);
      }
    }
  }
}
