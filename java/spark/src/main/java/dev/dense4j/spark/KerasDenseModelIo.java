// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.spark;

import java.util.List;
import org.apache.spark.ml.util.DefaultParamsReader$;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWriter$;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWriter;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * ML persistence of a {@link KerasDenseModel}: Spark's params metadata in {@code metadata/} (as
 * every Spark ML stage writes it), and the model file's bytes with their SHA-256 in one Parquet row
 * under {@code data/}, on whatever file system the path names.
 */
final class KerasDenseModelIo {

  private static final StructType DATA = new StructType()
      .add("sha256", DataTypes.StringType, false)
      .add("source", DataTypes.StringType, false)
      .add("bytes", DataTypes.BinaryType, false);

  private KerasDenseModelIo() {}

  static final class Writer extends MLWriter {
    private final KerasDenseModel model;

    Writer(KerasDenseModel model) {
      this.model = model;
    }

    @Override
    public void saveImpl(String path) {
      ModelBytes bytes = model.modelBytes(sparkSession());
      DefaultParamsWriter$.MODULE$.saveMetadata(model, path, sparkSession());
      Row row = RowFactory.create(bytes.sha256(), bytes.source(), bytes.unsafeBytes());
      sparkSession().createDataFrame(List.of(row), DATA).repartition(1).write().parquet(path + "/data");
    }
  }

  static final class Reader extends MLReader<KerasDenseModel> {
    @Override
    public KerasDenseModel load(String path) {
      DefaultParamsReader.Metadata metadata = DefaultParamsReader$.MODULE$.loadMetadata(path, sparkSession(),
          KerasDenseModel.class.getName());
      KerasDenseModel model = new KerasDenseModel(metadata.uid());
      metadata.getAndSetParams(model, metadata.getAndSetParams$default$2());
      Row row = sparkSession().read().parquet(path + "/data").head();
      ModelBytes bytes = ModelBytes.of((byte[]) row.get(2), row.getString(1));
      if (!bytes.sha256().equals(row.getString(0))) {
        throw new IllegalStateException("KerasDenseModel: the model bytes saved at " + path + "/data have SHA-256 "
            + bytes.sha256() + "; expected " + row.getString(0) + " (the file is damaged)");
      }
      model.setLoadedBytes(bytes);
      return model;
    }
  }
}
