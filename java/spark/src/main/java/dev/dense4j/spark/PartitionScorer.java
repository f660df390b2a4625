// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.spark;

import dev.dense4j.models.Predictor;
import dev.dense4j.tensor.Tensor;
import java.io.Serializable;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.apache.spark.TaskContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.catalyst.expressions.JoinedRow;
import org.apache.spark.sql.catalyst.expressions.UnsafeProjection;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.TaskCompletionListener;

/**
 * Scores one partition of Spark's internal rows: reads up to {@code batchSize} rows into an
 * off-heap input tensor, runs the JVM's shared predictor once on the whole batch, and hands the
 * rows on with their outputs appended, lazily (a partition is never held in memory, only one
 * batch). The rows stay in Spark's binary form: the other columns are copied as bytes, never
 * turned into objects. The tensors belong to the task and are freed when it completes, even when
 * its consumer stops early.
 */
final class PartitionScorer implements Serializable {

  private static final long serialVersionUID = 1L;

  /** What the closure needs on an executor; everything but the broadcast is small. */
  record Settings(String owner, String inputCol, int column, FeatureKind kind, String sha256,
      Broadcast<ModelBytes> model, int blasThreads, int batchSize, InvalidRows invalid, boolean allowNonFinite,
      StructType outputSchema) implements Serializable {}

  private final Settings s;

  PartitionScorer(Settings settings) {
    this.s = settings;
  }

  Iterator<InternalRow> score(Iterator<InternalRow> rows) {
    Predictor p = ExecutorPredictors.get(s.sha256(), () -> s.model().value(), s.blasThreads());
    TaskContext task = TaskContext.get();
    Batches b = new Batches(p, rows, task == null ? -1 : task.partitionId());
    if (task != null) {
      task.addTaskCompletionListener((TaskCompletionListener) ctx -> b.close());
    }
    return b;
  }

  /** The output iterator: refills a batch when the previous one is used up. */
  private final class Batches implements Iterator<InternalRow>, AutoCloseable {
    private final Predictor predictor;
    private final Iterator<InternalRow> in;
    private final int partition;
    private final InternalFeatures features;
    private final UnsafeProjection project;
    private final JoinedRow joined = new JoinedRow();
    private final GenericInternalRow appended = new GenericInternalRow(1);
    private final int inWidth;
    private final int outWidth;
    private final float[] x;
    private final float[] y;
    private final InternalRow[] batch;
    private final boolean[] valid;
    private Tensor xFull;
    private Tensor yFull;
    private long rowIndex; // position of the next input row in the partition, from 0
    private int size;
    private int next;

    Batches(Predictor predictor, Iterator<InternalRow> in, int partition) {
      this.predictor = predictor;
      this.in = in;
      this.partition = partition;
      this.inWidth = predictor.inputWidth();
      this.outWidth = predictor.outputWidth();
      this.features = new InternalFeatures(s.column(), s.kind(), inWidth, s.allowNonFinite());
      this.project = UnsafeProjection.create(s.outputSchema());
      this.x = new float[s.batchSize() * inWidth];
      this.y = new float[s.batchSize() * outWidth];
      this.batch = new InternalRow[s.batchSize()];
      this.valid = new boolean[s.batchSize()];
    }

    @Override
    public boolean hasNext() {
      while (next == size) {
        if (!in.hasNext()) {
          close();
          return false;
        }
        fill();
      }
      return true;
    }

    @Override
    public InternalRow next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      int i = next++;
      InternalRow r = batch[i];
      batch[i] = null;
      return r;
    }

    /** Reads the next batch, predicts it, and leaves its output rows in {@code batch[0, size)}. */
    private void fill() {
      int n = 0;
      int scored = 0;
      while (n < s.batchSize() && in.hasNext()) {
        InternalRow r = in.next();
        String problem = features.read(r, x, scored * inWidth);
        long position = rowIndex++;
        if (problem == null) {
          valid[n] = true;
          scored++;
        } else if (s.invalid() == InvalidRows.ERROR) {
          throw new IllegalArgumentException(s.owner() + ": column '" + s.inputCol() + "', row " + position
              + " of partition " + partition + ": " + features.expectation() + "; " + problem
              + " (setHandleInvalid(\"skip\") drops such rows, \"keep\" keeps them with a null output)");
        } else if (s.invalid() == InvalidRows.SKIP) {
          continue;
        } else {
          valid[n] = false;
        }
        batch[n++] = r.copy(); // the input iterator may reuse its row object
      }
      predict(scored);
      int k = 0;
      for (int i = 0; i < n; i++) {
        batch[i] = append(batch[i], valid[i] ? s.kind().internalOutput(y, outWidth * k++, outWidth) : null);
      }
      size = n;
      next = 0;
    }

    /** One native call for the batch's valid rows, through off-heap tensors. */
    private void predict(int rows) {
      if (rows == 0) {
        return;
      }
      if (rows == s.batchSize()) {
        if (xFull == null) {
          xFull = Tensor.zeros(rows, inWidth);
          yFull = Tensor.zeros(rows, outWidth);
        }
        run(xFull, yFull, rows);
      } else { // a shorter batch: the partition's last, or one with invalid rows left out
        try (Tensor xt = Tensor.zeros(rows, inWidth); Tensor yt = Tensor.zeros(rows, outWidth)) {
          run(xt, yt, rows);
        }
      }
    }

    private void run(Tensor xt, Tensor yt, int rows) {
      if (rows == s.batchSize()) {
        xt.copyFrom(x);
      } else {
        xt.copyFrom(java.util.Arrays.copyOf(x, rows * inWidth));
      }
      predictor.predict(xt, yt);
      float[] out = yt.toArray();
      System.arraycopy(out, 0, y, 0, out.length);
    }

    /** The row with the output as one more column, in Spark's binary row form (a copy of its own). */
    private InternalRow append(InternalRow r, Object output) {
      appended.update(0, output);
      return project.apply(joined.apply(r, appended)).copy();
    }

    @Override
    public void close() {
      if (xFull != null) {
        xFull.close();
        yFull.close();
        xFull = null;
        yFull = null;
      }
    }
  }
}
