// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ML persistence: the transformer alone, in a Pipeline, and in a saved PipelineModel, without the original file. */
class PersistenceTest {

  private final SparkSession spark = LocalSpark.session();

  @TempDir
  Path tmp;

  @Test
  void savedTransformerKeepsItsParamsAndTheModelBytes() throws Exception {
    Path file = tmp.resolve("digits.keras");
    Files.copy(Digits.model(), file);
    KerasDenseModel m = new KerasDenseModel().setModelPath(file.toString()).setInputCol("features")
        .setOutputCol("p").setBatchSize(77).setBlasThreads(1).setHandleInvalid("keep").setAllowNonFinite(true);
    Dataset<Row> df = Frames.of(spark, Digits.pixels(), Digits.PIXELS, FeatureKind.VECTOR, 1);
    float[][] before = Frames.outputs(Frames.scored(m.transform(df), "p"));
    m.write().overwrite().save(tmp.resolve("saved").toString());
    Files.delete(file); // the saved transformer carries the model itself

    KerasDenseModel loaded = KerasDenseModel.load(tmp.resolve("saved").toString());
    assertEquals(m.uid(), loaded.uid());
    assertEquals("features", loaded.getInputCol());
    assertEquals("p", loaded.getOutputCol());
    assertEquals(77, loaded.getBatchSize());
    assertEquals("keep", loaded.getHandleInvalid());
    assertEquals(true, loaded.getAllowNonFinite());
    assertEquals(file.toString(), loaded.getModelPath());
    float[][] after = Frames.outputs(Frames.scored(loaded.transform(df), "p"));
    assertBitsEqual(before, after);
  }

  @Test
  void pipelineWithTheTransformerSavesAndLoads() throws Exception {
    // pixels as 64 double columns, assembled into a vector, then scored: a pipeline a user would write
    Dataset<Row> wide = Frames.of(spark, Digits.pixels(), Digits.PIXELS, FeatureKind.DOUBLE_ARRAY, 1);
    org.apache.spark.sql.Column[] cols = new org.apache.spark.sql.Column[Digits.PIXELS + 1];
    String[] names = new String[Digits.PIXELS];
    cols[0] = org.apache.spark.sql.functions.col("id");
    for (int j = 0; j < Digits.PIXELS; j++) {
      names[j] = "px" + j;
      cols[j + 1] = org.apache.spark.sql.functions.col("features").getItem(j).as(names[j]);
    }
    Dataset<Row> df = wide.select(cols);
    Pipeline pipeline = new Pipeline().setStages(new PipelineStage[] {
        new VectorAssembler().setInputCols(names).setOutputCol("features"),
        new KerasDenseModel().setModelBytes(Files.readAllBytes(Digits.model())).setInputCol("features")
            .setOutputCol("probabilities")});
    PipelineModel fitted = pipeline.fit(df);
    float[][] before = Frames.outputs(Frames.scored(fitted.transform(df), "probabilities"));

    fitted.write().overwrite().save(tmp.resolve("pipeline-model").toString());
    PipelineModel loaded = PipelineModel.load(tmp.resolve("pipeline-model").toString());
    assertInstanceOf(KerasDenseModel.class, loaded.stages()[1]);
    assertBitsEqual(before, Frames.outputs(Frames.scored(loaded.transform(df), "probabilities")));

    pipeline.write().overwrite().save(tmp.resolve("pipeline").toString());
    Pipeline unfitted = Pipeline.load(tmp.resolve("pipeline").toString());
    assertEquals(List.of("VectorAssembler", "KerasDenseModel"),
        java.util.Arrays.stream(unfitted.getStages()).map(s -> s.getClass().getSimpleName()).toList());
    assertBitsEqual(before, Frames.outputs(Frames.scored(unfitted.fit(df).transform(df), "probabilities")));
  }

  private static void assertBitsEqual(float[][] expected, float[][] actual) {
    assertEquals(expected.length, actual.length);
    for (int i = 0; i < expected.length; i++) {
      assertEquals(expected[i].length, actual[i].length);
      for (int j = 0; j < expected[i].length; j++) {
        assertEquals(Float.floatToRawIntBits(expected[i][j]), Float.floatToRawIntBits(actual[i][j]), "row " + i);
      }
    }
  }
}
