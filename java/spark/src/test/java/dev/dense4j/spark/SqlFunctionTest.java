// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dense4j.keras.KerasModels;
import dev.dense4j.models.Predictor;
import dev.dense4j.models.Sequential;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/** {@code dense4j_predict(model_name, features)} from SQL: the predictor's bits, row by row. */
class SqlFunctionTest {

  private final SparkSession spark = LocalSpark.session();

  @Test
  void sqlFunctionGivesThePredictorsOutputForEachRow() {
    KerasDenseSql.register(spark, "digits", Digits.model().toString());
    for (FeatureKind kind : FeatureKind.values()) {
      Frames.of(spark, Digits.pixels(), Digits.PIXELS, kind, 2).createOrReplaceTempView("digits_" + kind);
      List<Row> rows = spark.sql("SELECT id, dense4j_predict('digits', features) AS p FROM digits_" + kind
          + " ORDER BY id").collectAsList();
      assertEquals(Digits.COUNT, rows.size());
      // the function runs once per row, so the reference is the predictor at batch 1
      try (Sequential m = KerasModels.load(Digits.model()); Predictor p = Predictor.of(m)) {
        float[] x = new float[Digits.PIXELS];
        for (Row r : rows) {
          int i = (int) r.getLong(0);
          System.arraycopy(Digits.pixels(), i * Digits.PIXELS, x, 0, Digits.PIXELS);
          float[] expected = p.predict(x, 1);
          float[] actual = Frames.floats(r.get(1));
          for (int j = 0; j < expected.length; j++) {
            assertEquals(Float.floatToRawIntBits(expected[j]), Float.floatToRawIntBits(actual[j]), kind + " row " + i);
          }
        }
      }
    }
  }

  @Test
  void secondModelAndBadCallsNameWhatWasExpected() {
    KerasDenseSql.register(spark, "digits", Digits.model().toString());
    KerasDenseSql.register(spark, "digits_too", Digits.model().toString());
    Frames.of(spark, Digits.pixels(), Digits.PIXELS, FeatureKind.VECTOR, 1).createOrReplaceTempView("digits_v");
    assertEquals(Digits.COUNT, spark.sql("SELECT dense4j_predict('digits_too', features) FROM digits_v").count());

    Exception unknown = assertThrows(Exception.class,
        () -> spark.sql("SELECT dense4j_predict('nope', features) FROM digits_v").collect());
    assertTrue(causes(unknown).contains("dense4j_predict: expected a registered model name, one of [digits, digits_too")
        && causes(unknown).contains("]; received 'nope'"), causes(unknown));
    Exception shortRow = assertThrows(Exception.class,
        () -> spark.sql("SELECT dense4j_predict('digits', array(1.0f, 2.0f)) FROM digits_v").collect());
    assertTrue(causes(shortRow).contains("dense4j_predict('digits', …): expected 64 finite values; received 2 values"),
        causes(shortRow));
    Row nullRow = spark.sql("SELECT dense4j_predict('digits', CAST(NULL AS array<float>))").head();
    assertNull(nullRow.get(0));
  }

  static String causes(Throwable t) {
    StringBuilder b = new StringBuilder();
    for (Throwable c = t; c != null; c = c.getCause()) {
      b.append(c.getMessage()).append('\n');
    }
    return b.toString();
  }
}
