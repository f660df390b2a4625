// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dense4j.keras.KerasModels;
import dev.dense4j.models.Predictor;
import dev.dense4j.models.Sequential;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/** Every {@code handleInvalid} policy on every kind of bad row, and the messages of "error". */
class InvalidRowsTest {

  private final SparkSession spark = LocalSpark.session();

  /** Rows 0 and 6 are digits 0 and 6; rows 1–5 are each wrong in one way. */
  private Dataset<Row> mixed() {
    float[] x = Digits.pixels();
    List<Row> rows = new ArrayList<>();
    rows.add(RowFactory.create(0L, Frames.value(x, 0, 64, FeatureKind.FLOAT_ARRAY)));
    rows.add(RowFactory.create(1L, null));
    rows.add(RowFactory.create(2L, Frames.value(x, 64, 63, FeatureKind.FLOAT_ARRAY)));
    Float[] nan = (Float[]) Frames.value(x, 128, 64, FeatureKind.FLOAT_ARRAY);
    nan[5] = Float.NaN;
    rows.add(RowFactory.create(3L, nan));
    Float[] inf = (Float[]) Frames.value(x, 192, 64, FeatureKind.FLOAT_ARRAY);
    inf[0] = Float.POSITIVE_INFINITY;
    rows.add(RowFactory.create(4L, inf));
    Float[] hole = (Float[]) Frames.value(x, 256, 64, FeatureKind.FLOAT_ARRAY);
    hole[2] = null;
    rows.add(RowFactory.create(5L, hole));
    rows.add(RowFactory.create(6L, Frames.value(x, 6 * 64, 64, FeatureKind.FLOAT_ARRAY)));
    // coalesce keeps the order, so row i is at position i of partition 0
    return spark.createDataFrame(rows, Frames.schema(FeatureKind.FLOAT_ARRAY)).coalesce(1);
  }

  private KerasDenseModel model() {
    return new KerasDenseModel().setModelPath(Digits.model().toString()).setInputCol("features");
  }

  @Test
  void errorNamesTheRowPositionAndWhatWasExpected() {
    String[] expected = {
        "column 'features', row 1 of partition 0: expected 64 finite values; received null",
        "column 'features', row 2 of partition 0: expected 64 finite values; received 63 values",
        "column 'features', row 3 of partition 0: expected 64 finite values; received NaN at index 5",
        "column 'features', row 4 of partition 0: expected 64 finite values; received Infinity at index 0",
        "column 'features', row 5 of partition 0: expected 64 finite values; received null at index 2"};
    Dataset<Row> all = mixed();
    for (int bad = 1; bad <= 5; bad++) {
      long keep = bad;
      // only row 0, the bad row and row 6, so each message is the one of its row
      Dataset<Row> df = all.filter("id = 0 OR id = 6 OR id = " + keep);
      Exception e = assertThrows(Exception.class, () -> model().transform(df).collect());
      String messages = SqlFunctionTest.causes(e);
      String want = expected[bad - 1].replace("row " + bad + " ", "row 1 ");
      assertTrue(messages.contains("KerasDenseModel '") && messages.contains(want), "want: " + want + "\ngot: " + messages);
    }
    Dataset<Row> vectors = spark.createDataFrame(List.of(RowFactory.create(0L, Vectors.dense(new double[10]))),
        Frames.schema(FeatureKind.VECTOR));
    Exception e = assertThrows(Exception.class, () -> model().transform(vectors).collect());
    assertTrue(SqlFunctionTest.causes(e).contains("expected 64 finite values; received a vector of size 10"),
        SqlFunctionTest.causes(e));
  }

  @Test
  void skipDropsTheBadRowsAndScoresTheRest() {
    List<Frames.Scored> out = Frames.scored(model().setHandleInvalid("skip").transform(mixed()), "output");
    assertEquals(List.of(0L, 6L), out.stream().map(Frames.Scored::id).toList());
    float[] expected = validRows();
    assertBits(expected, 0, out.get(0).output());
    assertBits(expected, 10, out.get(1).output());
  }

  @Test
  void keepKeepsTheBadRowsWithANullOutput() {
    List<Frames.Scored> out = Frames.scored(model().setHandleInvalid("keep").transform(mixed()), "output");
    assertEquals(7, out.size());
    for (int i = 1; i <= 5; i++) {
      assertNull(out.get(i).output(), "row " + i);
    }
    float[] expected = validRows();
    assertBits(expected, 0, out.get(0).output());
    assertBits(expected, 10, out.get(6).output());
  }

  @Test
  void allowNonFiniteLetsNaNAndInfinityThrough() {
    List<Frames.Scored> out = Frames.scored(model().setHandleInvalid("keep").setAllowNonFinite(true)
        .transform(mixed()), "output");
    assertNotNull(out.get(3).output());
    assertNotNull(out.get(4).output());
    assertTrue(Float.isNaN(out.get(3).output()[0]), Arrays.toString(out.get(3).output()));
    assertNull(out.get(1).output()); // null, the wrong length and null elements stay invalid
    assertNull(out.get(2).output());
    assertNull(out.get(5).output());
  }

  /** Rows 0 and 6 through the predictor in one batch of two, as the transformer batches the valid rows. */
  private static float[] validRows() {
    float[] in = new float[2 * 64];
    System.arraycopy(Digits.pixels(), 0, in, 0, 64);
    System.arraycopy(Digits.pixels(), 6 * 64, in, 64, 64);
    try (Sequential m = KerasModels.load(Digits.model()); Predictor p = Predictor.of(m)) {
      return p.predict(in, 2);
    }
  }

  private static void assertBits(float[] expected, int offset, float[] actual) {
    for (int j = 0; j < 10; j++) {
      assertEquals(Float.floatToRawIntBits(expected[offset + j]), Float.floatToRawIntBits(actual[j]), "output " + j);
    }
  }
}
