// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ML persistence: the transformer alone and inside a saved PipelineModel, without the original file. */
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
    // a stage of Spark's own before ours: the pipeline's stages must save and load side by side
    Dataset<Row> df = Frames.of(spark, Digits.pixels(), Digits.PIXELS, FeatureKind.VECTOR, 2)
        .withColumnRenamed("features", "pixels");
    Pipeline pipeline = new Pipeline().setStages(new PipelineStage[] {
        new VectorAssembler().setInputCols(new String[] {"pixels"}).setOutputCol("features"),
        new KerasDenseModel().setModelBytes(Files.readAllBytes(Digits.model())).setInputCol("features")
            .setOutputCol("probabilities").setBatchSize(1000)});
    PipelineModel fitted = pipeline.fit(df);
    float[][] before = Frames.outputs(Frames.scored(fitted.transform(df), "probabilities"));

    fitted.write().overwrite().save(tmp.resolve("pipeline-model").toString());
    PipelineModel loaded = PipelineModel.load(tmp.resolve("pipeline-model").toString());
    assertInstanceOf(KerasDenseModel.class, loaded.stages()[1]);
    assertBitsEqual(before, Frames.outputs(Frames.scored(loaded.transform(df), "probabilities")));
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
