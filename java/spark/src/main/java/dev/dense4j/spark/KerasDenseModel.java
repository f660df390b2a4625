// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.spark;

import dev.dense4j.models.Predictor;
import java.util.Arrays;
import org.apache.spark.api.java.JavaSparkContext;
import java.util.Iterator;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.rdd.RDD;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.param.BooleanParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.ml.util.MLWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * A Keras model as a Spark ML {@link Transformer}: appends {@code model(features)} to every row.
 *
 * <p>The model file is read once on the driver and travels to the executors by broadcast; each
 * executor JVM builds one {@link Predictor} per model (keyed by the file's SHA-256, see
 * {@link ExecutorPredictors}) and shares it between its task threads. Each partition is scored
 * {@link #setBatchSize batchSize} rows per native call, through off-heap tensors.
 *
 * <ul>
 *   <li><b>Input</b> ({@link #setInputCol}): an ML {@code Vector} (dense or sparse),
 *       {@code array<float>} or {@code array<double>} column of the model's input width.
 *   <li><b>Output</b> ({@link #setOutputCol}, default {@code "output"}): a dense {@code Vector}
 *       for a vector input, else an array of the input's element type; each value is the float
 *       the model computed (widened exactly to double where the type is double).
 *   <li><b>Invalid rows</b> ({@link #setHandleInvalid}): null features, the wrong number of
 *       values, a null element, or NaN/±Infinity unless {@link #setAllowNonFinite} — {@code "error"}
 *       (default) fails the task naming the row's position in its partition and what was expected,
 *       {@code "skip"} drops the row, {@code "keep"} keeps it with a null output.
 *   <li><b>Persistence</b>: {@link #write()}/{@link #read()} save the params and the model bytes
 *       themselves, so a saved {@code PipelineModel} does not depend on the original file.
 * </ul>
 *
 * {@snippet :
 * KerasDenseModel model = new KerasDenseModel()
 *     .setModelPath("hdfs:///models/digits.keras")
 *     .setInputCol("features")
 *     .setOutputCol("probabilities");
 * Dataset<Row> scored = model.transform(images);
 * }
 */
public final class KerasDenseModel extends Transformer implements MLWritable {

  private static final long serialVersionUID = 1L;

  /** Rows per native call unless {@link #setBatchSize} says otherwise. */
  public static final int DEFAULT_BATCH_SIZE = 1024;

  private final String uid;
  private final Param<String> modelPath;
  private final Param<String> inputCol;
  private final Param<String> outputCol;
  private final IntParam batchSize;
  private final IntParam blasThreads;
  private final Param<String> handleInvalid;
  private final BooleanParam allowNonFinite;
  private ModelBytes modelBytes; // set by setModelBytes or read(); else read from modelPath at transform

  public KerasDenseModel() {
    this(Identifiable$.MODULE$.randomUID("kerasDense"));
  }

  public KerasDenseModel(String uid) {
    this.uid = uid;
    modelPath = new Param<>(this, "modelPath", "a .keras or .h5 file, on any file system Hadoop reads");
    inputCol = new Param<>(this, "inputCol", "the features: an ML Vector, array<float> or array<double> column");
    outputCol = new Param<>(this, "outputCol", "the column the model's output goes to");
    batchSize = new IntParam(this, "batchSize", "rows per native call (>= 1)", ParamValidators.gtEq(1));
    blasThreads = new IntParam(this, "blasThreads", "BLAS threads per task (>= 1)", ParamValidators.gtEq(1));
    handleInvalid = new Param<>(this, "handleInvalid", "what to do with rows whose features cannot be scored: "
        + "error (fail), skip (drop the row) or keep (null output)", ParamValidators.inArray(InvalidRows.NAMES));
    allowNonFinite = new BooleanParam(this, "allowNonFinite", "whether NaN and ±Infinity are valid feature values");
    setDefault(outputCol, "output");
    setDefault(batchSize, DEFAULT_BATCH_SIZE);
    setDefault(blasThreads, 1);
    setDefault(handleInvalid, "error");
    setDefault(allowNonFinite, false);
  }

  @Override
  public String uid() {
    return uid;
  }

  public Param<String> modelPath() {
    return modelPath;
  }

  public Param<String> inputCol() {
    return inputCol;
  }

  public Param<String> outputCol() {
    return outputCol;
  }

  public IntParam batchSize() {
    return batchSize;
  }

  public IntParam blasThreads() {
    return blasThreads;
  }

  public Param<String> handleInvalid() {
    return handleInvalid;
  }

  public BooleanParam allowNonFinite() {
    return allowNonFinite;
  }

  /** A {@code .keras} or {@code .h5} file (local, {@code hdfs:}, {@code s3a:}, …), read on the driver at each transform. */
  public KerasDenseModel setModelPath(String path) {
    set(modelPath, path);
    modelBytes = null;
    return this;
  }

  /** The bytes of a {@code .keras} or {@code .h5} file (copied); they take the place of any model path. */
  public KerasDenseModel setModelBytes(byte[] bytes) {
    modelBytes = ModelBytes.of(bytes, "bytes");
    return this;
  }

  public KerasDenseModel setInputCol(String column) {
    set(inputCol, column);
    return this;
  }

  public KerasDenseModel setOutputCol(String column) {
    set(outputCol, column);
    return this;
  }

  /** Rows per native call (default {@value #DEFAULT_BATCH_SIZE}); each task holds one batch in and out. */
  public KerasDenseModel setBatchSize(int rows) {
    set(batchSize, rows);
    return this;
  }

  /**
   * BLAS threads per task (default 1: Spark's parallelism comes from its tasks). With OpenBLAS on
   * pthreads, whose thread count is process-wide, the executor JVM's count is lowered to this when
   * its predictor is built; set it with {@code spark.task.cpus} (see the README's Spark section).
   */
  public KerasDenseModel setBlasThreads(int threads) {
    set(blasThreads, threads);
    return this;
  }

  /** {@code "error"} (default), {@code "skip"} or {@code "keep"}; see the class description. */
  public KerasDenseModel setHandleInvalid(String policy) {
    set(handleInvalid, policy);
    return this;
  }

  /** Whether NaN and ±Infinity are valid feature values (default false: such a row is invalid). */
  public KerasDenseModel setAllowNonFinite(boolean allow) {
    set(allowNonFinite, allow);
    return this;
  }

  public String getModelPath() {
    return isDefined(modelPath) ? $(modelPath) : null;
  }

  public String getInputCol() {
    return $(inputCol);
  }

  public String getOutputCol() {
    return $(outputCol);
  }

  public int getBatchSize() {
    return (Integer) $(batchSize);
  }

  public int getBlasThreads() {
    return (Integer) $(blasThreads);
  }

  public String getHandleInvalid() {
    return $(handleInvalid);
  }

  public boolean getAllowNonFinite() {
    return (Boolean) $(allowNonFinite);
  }

  @Override
  public StructType transformSchema(StructType schema) {
    if (!isDefined(inputCol)) {
      throw new IllegalArgumentException(owner() + ": expected an input column (setInputCol); received none");
    }
    String in = getInputCol();
    String out = getOutputCol();
    if (!Arrays.asList(schema.fieldNames()).contains(in)) {
      throw new IllegalArgumentException(owner() + ": expected input column '" + in + "' in the data; received columns "
          + Arrays.toString(schema.fieldNames()));
    }
    StructField field = schema.apply(in);
    FeatureKind kind = FeatureKind.of(field.dataType());
    if (kind == null) {
      throw new IllegalArgumentException(owner() + ": expected column '" + in + "' to be " + FeatureKind.EXPECTED
          + "; received " + field.dataType().catalogString());
    }
    if (Arrays.asList(schema.fieldNames()).contains(out)) {
      throw new IllegalArgumentException(owner() + ": expected output column '" + out + "' not to exist yet; "
          + "received a data set that has it");
    }
    return schema.add(new StructField(out, kind.outputType, true, org.apache.spark.sql.types.Metadata.empty()));
  }

  @Override
  public Dataset<Row> transform(Dataset<?> dataset) {
    StructType outSchema = transformSchema(dataset.schema());
    SparkSession spark = dataset.sparkSession();
    ModelBytes bytes = modelBytes(spark);
    int threads = getBlasThreads();
    // built here first: a bad file fails on the driver, with the file's name, before any task runs
    ExecutorPredictors.get(bytes.sha256(), () -> bytes, threads);
    Broadcast<ModelBytes> shared = JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(bytes);
    String in = getInputCol();
    PartitionScorer scorer = new PartitionScorer(new PartitionScorer.Settings(owner(), in,
        dataset.schema().fieldIndex(in), FeatureKind.of(dataset.schema().apply(in).dataType()), bytes.sha256(), shared,
        threads, getBatchSize(), InvalidRows.of(getHandleInvalid()), getAllowNonFinite(), outSchema));
    // NOTE: Spark's internal rows, not Rows: a Row per row would turn every column into objects and back
    // (for a 784-value vector, more time than the model takes). toRdd and internalCreateDataFrame are
    // Spark's own door for that (classic Spark, not Spark Connect).
    if (!(dataset instanceof org.apache.spark.sql.classic.Dataset<?> classic)) {
      throw new UnsupportedOperationException(owner() + ": expected a Dataset of classic Spark (with a SparkContext); "
          + "received a " + dataset.getClass().getName() + " (Spark Connect clients call the transformer on the server)");
    }
    RDD<InternalRow> rows = classic.queryExecution().toRdd().toJavaRDD()
        .mapPartitions((FlatMapFunction<Iterator<InternalRow>, InternalRow>) scorer::score).rdd();
    return classic.sparkSession().internalCreateDataFrame(rows, outSchema, false);
  }

  /** The model to score with: the bytes given, else the file at {@link #setModelPath}. */
  ModelBytes modelBytes(SparkSession spark) {
    if (modelBytes != null) {
      return modelBytes;
    }
    if (!isDefined(modelPath)) {
      throw new IllegalArgumentException(owner() + ": expected a model (setModelPath or setModelBytes); received none");
    }
    return ModelBytes.read(getModelPath(), spark.sparkContext().hadoopConfiguration());
  }

  @Override
  public KerasDenseModel copy(ParamMap extra) {
    KerasDenseModel that = new KerasDenseModel(uid);
    copyValues(that, extra);
    that.modelBytes = modelBytes;
    return that;
  }

  /** Saves the params and the model bytes (read from the model path now if they were not given). */
  @Override
  public MLWriter write() {
    return new KerasDenseModelIo.Writer(this);
  }

  public static MLReader<KerasDenseModel> read() {
    return new KerasDenseModelIo.Reader();
  }

  public static KerasDenseModel load(String path) {
    return read().load(path);
  }

  void setLoadedBytes(ModelBytes bytes) {
    this.modelBytes = bytes;
  }

  private String owner() {
    return "KerasDenseModel '" + uid + "'";
  }

  @Override
  public String toString() {
    return owner() + "(" + (modelBytes != null ? modelBytes : "model path " + getModelPath()) + ")";
  }
}
