// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.bench.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.udf;

import dev.dense4j.backend.Versions;
import dev.dense4j.keras.KerasModels;
import dev.dense4j.models.Predictor;
import dev.dense4j.models.Sequential;
import dev.dense4j.spark.KerasDenseModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.ml.classification.MultilayerPerceptronClassificationModel;
import org.apache.spark.ml.linalg.DenseVector;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

/**
 * Rows per second scoring N generated rows through 784 → 256 → 128 → 10 on Spark {@code local[2]},
 * every way side by side in one JVM: the variants run in turn within each round, so a change of
 * load on a shared machine hits all of them alike, and the median round counts.
 *
 * <p>Not JMH: one operation is a Spark job of seconds over N rows (JMH's per-call machinery has
 * nothing to measure there), JMH would run each variant to the end in its own fork one after the
 * other, and each fork would pay for its own Spark session and cached data. Here they share one.
 *
 * <p>Arguments: results directory, rows (default 20,000), measured rounds (default 3; two more
 * warm up first).
 */
public final class SparkScoringSuite {

  static final int WIDTH = 784;
  static final int PARTITIONS = 4;
  static final int WARMUP = 2;

  /** Row {@code id}'s features, the same on the driver and in any task. */
  static float[] features(long id) {
    SplittableRandom r = new SplittableRandom(0x5EEDL ^ (id * 0x9E3779B97F4A7C15L));
    float[] f = new float[WIDTH];
    for (int j = 0; j < WIDTH; j++) {
      f[j] = (float) r.nextDouble();
    }
    return f;
  }

  public static void main(String[] args) throws Exception {
    Path results = Path.of(args.length > 0 ? args[0] : "benchmarks/results");
    int rows = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
    Path dir = Files.createTempDirectory("dense4j-spark-bench");
    Path relu = ScoringModels.save("relu", dir.resolve("mlp-relu.keras"));
    Path sigmoid = ScoringModels.save("sigmoid", dir.resolve("mlp-sigmoid.keras"));

    SparkSession spark = SparkSession.builder().master("local[2]").appName("dense4j-spark-bench")
        .config("spark.ui.enabled", "false").config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1").config("spark.sql.adaptive.enabled", "false")
        .getOrCreate();
    spark.sparkContext().setLogLevel("WARN");
    try {
      new SparkScoringSuite(spark, rows, relu, sigmoid).run(results, rounds);
    } finally {
      spark.stop();
    }
  }

  private final SparkSession spark;
  private final int rows;
  private final Path relu;
  private final Path sigmoid;
  private final float[] x;
  private final Dataset<Row> vectors;

  SparkScoringSuite(SparkSession spark, int rows, Path relu, Path sigmoid) {
    this.spark = spark;
    this.rows = rows;
    this.relu = relu;
    this.sigmoid = sigmoid;
    this.x = new float[rows * WIDTH];
    for (int i = 0; i < rows; i++) {
      System.arraycopy(features(i), 0, x, i * WIDTH, WIDTH);
    }
    StructType schema = new StructType().add("id", DataTypes.LongType, false)
        .add("features", SQLDataTypes.VectorType(), false);
    vectors = spark.range(0, rows, 1, PARTITIONS).map((MapFunction<Long, Row>) id -> {
      float[] f = features(id);
      double[] d = new double[WIDTH];
      for (int j = 0; j < WIDTH; j++) {
        d[j] = f[j];
      }
      return RowFactory.create(id, new DenseVector(d));
    }, Encoders.row(schema)).persist(StorageLevel.MEMORY_ONLY());
    vectors.count();
  }

  /** A way of scoring all rows once. */
  record Variant(String name, String model, Runnable run) {}

  void run(Path results, int rounds) throws IOException {
    Sequential sigmoidModel = KerasModels.load(sigmoid);
    MultilayerPerceptronClassificationModel mllib = ScoringModels.mllib(sigmoidModel);
    mllib.setRawPredictionCol("").setPredictionCol("").setProbabilityCol("probability");
    try (Sequential reluModel = KerasModels.load(relu);
        Predictor reluP = Predictor.of(reluModel);
        Predictor sigmoidP = Predictor.of(sigmoidModel)) {
      sigmoidModel.close();
      Checks.agree(spark, vectors, x, reluP, sigmoidP, transformer(relu), transformer(sigmoid), mllib, rowUdf(relu));
      List<Variant> variants = List.of(
          new Variant("plain Predictor loop, 1 thread", "relu", () -> PlainLoop.score(reluP, x, rows, 1)),
          new Variant("plain Predictor loop, 2 threads", "relu", () -> PlainLoop.score(reluP, x, rows, 2)),
          new Variant("dense4j KerasDenseModel, local[2]", "relu", () -> noop(transformer(relu).transform(vectors))),
          new Variant("row-at-a-time UDF calling dense4j, local[2]", "relu",
              () -> noop(vectors.withColumn("output", rowUdf(relu).apply(col("features"))))),
          new Variant("plain Predictor loop, 1 thread", "sigmoid", () -> PlainLoop.score(sigmoidP, x, rows, 1)),
          new Variant("dense4j KerasDenseModel, local[2]", "sigmoid", () -> noop(transformer(sigmoid).transform(vectors))),
          new Variant("Spark MLlib MultilayerPerceptronClassificationModel, local[2]", "sigmoid",
              () -> noop(mllib.transform(vectors))),
          new Variant("Spark: scan the cached rows only", "-", () -> noop(vectors)),
          new Variant("Spark: Rows through mapPartitions and back, no model", "-", () -> noop(rowRoundTrip())),
          new Variant("Spark: internal rows through mapPartitions and back, no model", "-",
              () -> noop(InternalRoundTrip.of(vectors))));
      Map<Variant, List<Double>> seconds = new LinkedHashMap<>();
      variants.forEach(v -> seconds.put(v, new ArrayList<>()));
      for (int round = 0; round < WARMUP + rounds; round++) {
        for (Variant v : variants) {
          long t0 = System.nanoTime();
          v.run().run();
          double s = (System.nanoTime() - t0) / 1e9;
          if (round >= WARMUP) {
            seconds.get(v).add(s);
          }
          System.out.printf(Locale.ROOT, "round %d%s  %-62s %-8s %8.3f s%n", round, round < WARMUP ? " (warm-up)" : "",
              v.name(), v.model(), s);
        }
      }
      Report.write(results, LocalDate.now(ZoneOffset.UTC).toString(), rows, rounds, seconds, Versions.library() + "; " + Versions.blas() + "; process-wide BLAS threads when measured: " + dev.dense4j.backend.BlasThreading.processWide());
    }
  }

  private KerasDenseModel transformer(Path file) {
    return new KerasDenseModel().setModelPath(file.toString()).setInputCol("features").setOutputCol("output");
  }

  /** What users write first: a UDF that scores one row per call (on the JVM's shared predictor). */
  static UserDefinedFunction rowUdf(Path file) {
    String path = file.toString();
    return udf((UDF1<Vector, float[]>) v -> RowUdf.predictor(path).predict(toFloats(v), 1),
        DataTypes.createArrayType(DataTypes.FloatType, false));
  }

  static float[] toFloats(Vector v) {
    double[] d = v.toArray();
    float[] f = new float[d.length];
    for (int j = 0; j < d.length; j++) {
      f[j] = (float) d[j];
    }
    return f;
  }

  /** What a Row-based mapPartitions costs: rows out of Spark as objects, a 10-value vector appended, rows back. */
  private Dataset<Row> rowRoundTrip() {
    StructType out = vectors.schema().add("output", SQLDataTypes.VectorType(), true);
    return vectors.mapPartitions((MapPartitionsFunction<Row, Row>) SparkScoringSuite::roundTrip, Encoders.row(out));
  }

  private static java.util.Iterator<Row> roundTrip(java.util.Iterator<Row> in) {
    return new java.util.Iterator<>() {
      @Override
      public boolean hasNext() {
        return in.hasNext();
      }

      @Override
      public Row next() {
        Row r = in.next();
        double[] v = ((DenseVector) r.get(1)).values();
        float[] f = new float[v.length];
        for (int j = 0; j < v.length; j++) {
          f[j] = (float) v[j];
        }
        double[] o = new double[10];
        o[0] = f[0]; // keeps the conversion, which the transformer does too, from being optimised away
        return RowFactory.create(r.get(0), r.get(1), new DenseVector(o));
      }
    };
  }

  private static void noop(Dataset<Row> df) {
    df.write().format("noop").mode("overwrite").save();
  }
}
