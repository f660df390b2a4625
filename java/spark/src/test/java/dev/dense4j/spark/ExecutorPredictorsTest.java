// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dense4j.initializers.GlorotUniform;
import dev.dense4j.keras.KerasModels;
import dev.dense4j.layers.Dense;
import dev.dense4j.models.Predictor;
import dev.dense4j.models.Sequential;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One predictor per JVM and model: built once for all partitions, tasks, jobs and the SQL function. */
class ExecutorPredictorsTest {

  private final SparkSession spark = LocalSpark.session();

  @TempDir
  Path tmp;

  /** A model no other test uses, so its hash is new to this JVM. */
  // each call a model no other test has built: its own seed, deterministic (no clock)
  private static final AtomicLong FRESH_SEED = new AtomicLong(912_345);

  private Path freshModel() {
    Path file = tmp.resolve("fresh.keras");
    try (Sequential m = new Sequential("fresh")) {
      m.add(Dense.builder(16).activation("relu").kernelInitializer(new GlorotUniform(FRESH_SEED.getAndIncrement())).build());
      m.add(Dense.builder(3).activation("softmax").kernelInitializer(new GlorotUniform(7L)).build());
      m.build(-1, 8);
      KerasModels.save(m, file);
    }
    return file;
  }

  @Test
  void theModelIsBuiltOncePerJvmNotPerPartitionOrTask() throws Exception {
    Path file = freshModel();
    Dataset<Row> df = spark.range(0, 4_000, 1, 8).selectExpr("id",
        "transform(sequence(0, 7), j -> CAST((id + j) % 13 AS float) / 13) AS features");
    AtomicInteger tasks = new AtomicInteger();
    SparkListener listener = new SparkListener() {
      @Override
      public void onTaskEnd(SparkListenerTaskEnd end) {
        tasks.incrementAndGet();
      }
    };
    spark.sparkContext().addSparkListener(listener);
    try {
      long before = ExecutorPredictors.buildCount();
      KerasDenseModel model = new KerasDenseModel().setModelPath(file.toString()).setInputCol("features")
          .setBatchSize(500);
      for (int job = 0; job < 3; job++) {
        model.transform(df).write().format("noop").mode("overwrite").save();
      }
      KerasDenseSql.register(spark, "fresh", Files.readAllBytes(file));
      df.createOrReplaceTempView("fresh_rows");
      spark.sql("SELECT dense4j_predict('fresh', features) FROM fresh_rows").write().format("noop").mode("overwrite").save();
      spark.sparkContext().listenerBus().waitUntilEmpty();
      assertTrue(tasks.get() >= 4 * 8, "tasks run: " + tasks.get());
      assertEquals(1, ExecutorPredictors.buildCount() - before,
          "predictors built for 3 transforms and one SQL query over 8 partitions (" + tasks.get() + " tasks)");
    } finally {
      spark.sparkContext().removeSparkListener(listener);
    }
  }

  @Test
  void closeAllClosesThePredictorsAndTheNextUseBuildsAgain() {
    ModelBytes bytes;
    try {
      bytes = ModelBytes.of(Files.readAllBytes(freshModel()), "fresh");
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    Predictor first = ExecutorPredictors.get(bytes.sha256(), () -> bytes, 1);
    assertSame(first, ExecutorPredictors.get(bytes.sha256(), () -> bytes, 1));
    ExecutorPredictors.closeAll();
    assertTrue(first.isClosed());
    Predictor again = ExecutorPredictors.get(bytes.sha256(), () -> bytes, 1);
    assertNotSame(first, again);
    assertEquals(3, again.predict(new float[8], 1).length);
  }
}
