// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.spark;

import dev.dense4j.models.Predictor;
import java.io.Serializable;
import java.util.Map;
import java.util.TreeMap;
import java.util.WeakHashMap;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF2;
import org.apache.spark.sql.types.DataTypes;

/**
 * The SQL function {@code dense4j_predict(model_name, features)}: a model registered by name once,
 * then usable from SQL and the DataFrame API alike.
 *
 * {@snippet :
 * KerasDenseSql.register(spark, "digits", "hdfs:///models/digits.keras");
 * spark.sql("SELECT id, dense4j_predict('digits', features) AS probabilities FROM images");
 * }
 *
 * <p>{@code features} is an ML {@code Vector}, {@code array<float>} or {@code array<double>}; the
 * result is {@code array<float>}, null for null features. Features of the wrong length, with a null
 * element, NaN or ±Infinity fail the query with a message naming the model and what it expected.
 * The function runs once per row (Spark calls SQL functions row by row); executors share one
 * predictor per model as the transformer does. For batched scoring, the faster path on large data,
 * use {@link KerasDenseModel}.
 */
public final class KerasDenseSql {

  /** The function's name in SQL. */
  public static final String FUNCTION = "dense4j_predict";

  // the models of each SparkContext (broadcasts belong to one context)
  private static final Map<SparkContext, Map<String, Entry>> MODELS = new WeakHashMap<>();

  private KerasDenseSql() {}

  /** A registered model on the executors: its hash, to find the JVM's predictor, and its broadcast bytes. */
  record Entry(String sha256, Broadcast<ModelBytes> bytes, int inputWidth) implements Serializable {}

  /** Registers the model file at {@code path} (any file system Hadoop reads) under {@code name}, and the function. */
  public static void register(SparkSession spark, String name, String path) {
    register(spark, name, ModelBytes.read(path, spark.sparkContext().hadoopConfiguration()));
  }

  /** Registers the bytes of a {@code .keras}/{@code .h5} file under {@code name}, and the function. */
  public static void register(SparkSession spark, String name, byte[] modelFile) {
    register(spark, name, ModelBytes.of(modelFile, name));
  }

  private static synchronized void register(SparkSession spark, String name, ModelBytes bytes) {
    if (name == null || name.isEmpty()) {
      throw new IllegalArgumentException(FUNCTION + ": expected a model name; received " + (name == null ? "null" : "''"));
    }
    Predictor p = ExecutorPredictors.get(bytes.sha256(), () -> bytes, 1); // a bad file fails here, on the driver
    SparkContext sc = spark.sparkContext();
    Map<String, Entry> models = MODELS.computeIfAbsent(sc, k -> new TreeMap<>());
    models.put(name, new Entry(bytes.sha256(), JavaSparkContext.fromSparkContext(sc).broadcast(bytes), p.inputWidth()));
    Map<String, Entry> snapshot = new TreeMap<>(models);
    spark.udf().register(FUNCTION, (UDF2<String, Object, float[]>) (model, features) -> predict(snapshot, model, features),
        DataTypes.createArrayType(DataTypes.FloatType, false));
  }

  private static float[] predict(Map<String, Entry> models, String name, Object features) {
    Entry e = models.get(name);
    if (e == null) {
      throw new IllegalArgumentException(FUNCTION + ": expected a registered model name, one of " + models.keySet()
          + "; received '" + name + "'");
    }
    if (features == null) {
      return null;
    }
    Predictor p = ExecutorPredictors.get(e.sha256(), () -> e.bytes().value(), 1);
    float[] x = new float[e.inputWidth()];
    String problem = new RowFeatures(0, e.inputWidth(), false).read(features, x, 0);
    if (problem != null) {
      throw new IllegalArgumentException(FUNCTION + "('" + name + "', …): expected " + e.inputWidth()
          + " finite values; " + problem);
    }
    return p.predict(x, 1);
  }
}
