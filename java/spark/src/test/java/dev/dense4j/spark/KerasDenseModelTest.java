// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dense4j.keras.KerasModels;
import dev.dense4j.models.Predictor;
import dev.dense4j.models.Sequential;
import dev.dense4j.testing.KerasModelFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The transformer's output is the single-JVM {@code Predictor}'s, bit for bit, on the digits model and real Keras files. */
class KerasDenseModelTest {

  private final SparkSession spark = LocalSpark.session();

  @ParameterizedTest(name = "{0}")
  @EnumSource(FeatureKind.class)
  void digitsModelMatchesThePredictorBitForBit(FeatureKind kind) {
    float[] x = Digits.pixels();
    // 3 partitions of about 600 rows and batches of 100: full batches and a shorter last one in each
    Dataset<Row> df = Frames.of(spark, x, Digits.PIXELS, kind, 3);
    Dataset<Row> scored = new KerasDenseModel().setModelPath(Digits.model().toString()).setInputCol("features")
        .setOutputCol("probabilities").setBatchSize(100).transform(df);
    assertEquals(kind.outputType, scored.schema().apply("probabilities").dataType());
    List<Frames.Scored> rows = Frames.scored(scored, "probabilities");
    assertEquals(3, rows.stream().mapToInt(Frames.Scored::partition).distinct().count(), "partitions");
    float[] expected = Frames.referenceInBatches(Digits.model(), x, Digits.PIXELS, rows, 100);
    Frames.assertBitsEqual(expected, Frames.outputs(rows), 10, "digits " + kind);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {
      "Pankaj116-andc__NN/mnist_mlp.keras",
      "gayathry-gopan__streamlit-demo/iris_model.keras",
      "KonduitAI__dl4j-test-resources/simple_sparse_xent_mlp_keras_2_model.h5"})
  void realKerasFilesMatchThePredictorBitForBit(String relative) throws Exception {
    Path file = KerasModelFiles.file(relative);
    int width;
    int outWidth;
    try (Sequential m = KerasModels.load(file); Predictor p = Predictor.of(m)) {
      width = p.inputWidth();
      outWidth = p.outputWidth();
    }
    int rows = 777;
    float[] x = new float[rows * width];
    SplittableRandom rng = new SplittableRandom(42);
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) rng.nextDouble(-1, 1);
    }
    Dataset<Row> df = Frames.of(spark, x, width, FeatureKind.VECTOR, 2);
    // the bytes, not the path: what a user without a shared file system passes
    Dataset<Row> scored = new KerasDenseModel().setModelBytes(Files.readAllBytes(file)).setInputCol("features")
        .setBatchSize(64).transform(df);
    List<Frames.Scored> out = Frames.scored(scored, "output");
    float[] expected = Frames.referenceInBatches(file, x, width, out, 64);
    Frames.assertBitsEqual(expected, Frames.outputs(out), outWidth, relative);
  }

  @Test
  void sparseVectorsScoreAsTheirDenseForm() {
    float[] x = Digits.pixels();
    List<Row> sparse = new java.util.ArrayList<>();
    for (int i = 0; i < Digits.COUNT; i++) { // the digits are mostly zeros: a natural sparse input
      Vector dense = (Vector) Frames.value(x, i * Digits.PIXELS, Digits.PIXELS, FeatureKind.VECTOR);
      sparse.add(org.apache.spark.sql.RowFactory.create((long) i, i % 2 == 0 ? dense.toSparse() : dense));
    }
    Dataset<Row> df = spark.createDataFrame(sparse, Frames.schema(FeatureKind.VECTOR)).repartition(2);
    Dataset<Row> scored = new KerasDenseModel().setModelPath(Digits.model().toString()).setInputCol("features")
        .setBatchSize(128).transform(df);
    List<Frames.Scored> out = Frames.scored(scored, "output");
    float[] expected = Frames.referenceInBatches(Digits.model(), x, Digits.PIXELS, out, 128);
    Frames.assertBitsEqual(expected, Frames.outputs(out), 10, "sparse and dense vectors");
  }

  @Test
  void otherColumnsPassThroughUnchanged() {
    Dataset<Row> df = Frames.of(spark, Digits.pixels(), Digits.PIXELS, FeatureKind.VECTOR, 2)
        .withColumn("label", org.apache.spark.sql.functions.col("id").mod(10));
    Dataset<Row> scored = new KerasDenseModel().setModelPath(Digits.model().toString()).setInputCol("features")
        .transform(df);
    assertEquals(java.util.List.of("id", "features", "label", "output"), java.util.List.of(scored.columns()));
    assertEquals(Digits.COUNT, scored.filter("label = id % 10").count());
  }

  @Test
  void schemaProblemsNameTheColumnAndWhatWasExpected() {
    Dataset<Row> df = Frames.of(spark, Digits.pixels(), Digits.PIXELS, FeatureKind.VECTOR, 1);
    KerasDenseModel m = new KerasDenseModel().setModelPath(Digits.model().toString());
    IllegalArgumentException none = assertThrows(IllegalArgumentException.class, () -> m.transformSchema(df.schema()));
    assertTrue(none.getMessage().contains("expected an input column (setInputCol)"), none.getMessage());
    IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
        () -> m.setInputCol("pixels").transformSchema(df.schema()));
    assertTrue(missing.getMessage().contains("expected input column 'pixels' in the data; received columns [id, features]"),
        missing.getMessage());
    IllegalArgumentException type = assertThrows(IllegalArgumentException.class,
        () -> m.setInputCol("id").transformSchema(df.schema()));
    assertTrue(type.getMessage().contains("expected column 'id' to be an ML Vector, array<float> or array<double> column;"
        + " received bigint"), type.getMessage());
    IllegalArgumentException exists = assertThrows(IllegalArgumentException.class,
        () -> m.setInputCol("features").setOutputCol("id").transformSchema(df.schema()));
    assertTrue(exists.getMessage().contains("expected output column 'id' not to exist yet"), exists.getMessage());
    IllegalArgumentException batch = assertThrows(IllegalArgumentException.class, () -> m.setBatchSize(0));
    assertTrue(batch.getMessage().contains("batchSize"), batch.getMessage());
    assertThrows(IllegalArgumentException.class, () -> m.setHandleInvalid("ignore"));
  }

  @Test
  void aFileThatIsNotAModelFailsOnTheDriverNamingIt() throws Exception {
    Path bad = Files.createTempFile("not-a-model", ".keras");
    Files.writeString(bad, "hello");
    Dataset<Row> df = Frames.of(spark, Digits.pixels(), Digits.PIXELS, FeatureKind.VECTOR, 1);
    RuntimeException e = assertThrows(RuntimeException.class,
        () -> new KerasDenseModel().setModelPath(bad.toString()).setInputCol("features").transform(df));
    assertTrue(e.getMessage().contains(bad.toString()), e.getMessage());
  }
}
