// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.internal.engine;

import dev.dense4j.internal.Kernels;
import dev.dense4j.internal.norm.ChannelAffine;
import dev.dense4j.layers.ActivationLayerBase;
import dev.dense4j.layers.Dense;
import dev.dense4j.layers.Dropout;
import dev.dense4j.layers.Flatten;
import dev.dense4j.layers.Layer;
import dev.dense4j.layers.LayerNormalization;
import dev.dense4j.tensor.Tensor;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Compiles built layers into a {@link Plan} for samples of one shape, on one backend's kernels:
 * Dense and activation layers become engine stages, Dropout and Flatten vanish (the identity on
 * row-major data at inference), BatchNormalization, Normalization and Rescaling next to a Dense are
 * folded into its weights in a snapshot ({@link AffineFolds}) and else run as one affine pass,
 * LayerNormalization runs as one pass, any other layer runs through its own call. A live plan
 * folds nothing: it reads the layers' weights at each call, so it sees training.
 */
public final class PlanCompiler {

  private PlanCompiler() {}

  /**
   * A plan over a copy of the Dense weights (a predictor's frozen snapshot): later weight updates
   * or closing the layers do not affect it; {@link Plan#free()} frees the copy.
   */
  public static Plan snapshot(String owner, List<Layer> layers, int[] sampleShape, Kernels kernels, int sliceSize,
      int blasThreads) {
    Arena weights = Arena.ofShared();
    try {
      return compile(owner, layers, sampleShape, kernels, weights, sliceSize, blasThreads);
    } catch (RuntimeException | Error e) {
      weights.close();
      throw e;
    }
  }

  /** A plan that reads the layers' own tensors at each call (a model's predict, which sees weight updates). */
  public static Plan live(String owner, List<Layer> layers, int[] sampleShape, Kernels kernels, int sliceSize,
      int blasThreads) {
    return compile(owner, layers, sampleShape, kernels, null, sliceSize, blasThreads);
  }

  private static Plan compile(String owner, List<Layer> layers, int[] sampleShape, Kernels kernels, Arena weights,
      int sliceSize, int blasThreads) {
    List<Stage> stages = new ArrayList<>();
    List<Integer> lastDims = new ArrayList<>();
    int[] walk = sampleShape.clone();
    for (Layer layer : layers) {
      lastDims.add(walk.length == 0 ? 1 : walk[walk.length - 1]);
      walk = withoutBatch(layer.computeOutputShape(withBatch(walk)));
    }
    AffineFolds folds = weights != null ? AffineFolds.plan(layers, lastDims) : AffineFolds.plan(List.of(), List.of());
    int[] shape = sampleShape.clone();
    for (int i = 0; i < layers.size(); i++) {
      Layer layer = layers.get(i);
      int[] next = withoutBatch(layer.computeOutputShape(withBatch(shape)));
      int inWidth = width(owner, layer, shape);
      int outWidth = width(owner, layer, next);
      int cols = shape[shape.length - 1];
      if (weights != null && folds.folded(i)) {
        shape = next; // folded into a neighbouring Dense
        continue;
      }
      switch (layer) {
        case Dense dense -> stages.add(denseStage(owner, dense, shape, kernels, weights, blasThreads, folds, i));
        case ActivationLayerBase a ->
          stages.add(new ActivationStage(new ActivationOp(kernels, a.activation(), cols), inWidth / Math.max(1, cols)));
        case Dropout _ -> { } // the identity at inference
        case Flatten _ -> { } // row-major data is already flat
        case LayerNormalization ln -> stages.add(layerNormStage(owner, ln, cols, inWidth, weights));
        default -> stages.add(ChannelAffine.isAffine(layer) ? affineStage(owner, layer, cols, inWidth, weights)
            : new LayerStage(layer, shape, inWidth, outWidth));
      }
      shape = next;
    }
    return new Plan(stages.toArray(new Stage[0]), sampleShape, shape, sliceSize, weights);
  }

  private static AffineStage affineStage(String owner, Layer layer, int cols, int width, Arena weights) {
    ensureBuilt(owner, layer);
    return weights != null ? AffineStage.snapshot(layer, cols, width) : AffineStage.live(layer, cols, width);
  }

  private static LayerNormStage layerNormStage(String owner, LayerNormalization ln, int cols, int width, Arena weights) {
    ensureBuilt(owner, ln);
    if (ln.channels() != cols) {
      throw new IllegalArgumentException(owner + ": " + ln + " normalizes " + ln.channels() + " channels; received "
          + cols);
    }
    Tensor gamma = ln.gamma() == null || weights == null ? ln.gamma() : copy(ln.gamma(), weights);
    Tensor beta = ln.beta() == null || weights == null ? ln.beta() : copy(ln.beta(), weights);
    return new LayerNormStage(cols, width, gamma, beta, ln.epsilon(), ln.rmsScaling());
  }

  private static void ensureBuilt(String owner, Layer layer) {
    if (!layer.isBuilt()) {
      throw new IllegalStateException(owner + ": layer " + layer + " is not built");
    }
  }

  private static DenseStage denseStage(String owner, Dense dense, int[] shape, Kernels kernels, Arena weights,
      int blasThreads, AffineFolds folds, int index) {
    if (!dense.isBuilt()) {
      throw new IllegalStateException(owner + ": layer " + dense + " is not built");
    }
    int inputDim = dense.inputDim();
    if (shape[shape.length - 1] != inputDim) {
      throw new IllegalArgumentException(owner + ": Dense '" + dense.name() + "' expects last dimension "
          + inputDim + "; received sample shape " + Arrays.toString(shape));
    }
    DenseOp op = new DenseOp(kernels, inputDim, dense.units(), dense.activation(), blasThreads);
    Tensor kernel = weights == null ? dense.kernel() : copy(dense.kernel(), weights);
    Tensor bias = !dense.useBias() ? null : weights == null ? dense.bias() : copy(dense.bias(), weights);
    if (weights != null && folds.changes(index)) { // on the plan's copies, before anything reads them
      if (bias == null) {
        bias = Tensor.wrap(weights.allocate((long) dense.units() * Float.BYTES, Tensor.ALIGNMENT), dense.units());
      }
      folds.apply(index, kernel.segment(), bias.segment(), inputDim, dense.units());
    }
    int rows = (int) (Tensor.elementCount(shape) / inputDim);
    return new DenseStage(op, kernel, bias, rows);
  }

  private static Tensor copy(Tensor t, Arena arena) {
    MemorySegment src = t.segment(); // throws once the layer is closed
    MemorySegment dst = arena.allocate(Math.max(1, src.byteSize()), Tensor.ALIGNMENT);
    MemorySegment.copy(src, 0, dst, 0, src.byteSize());
    return Tensor.wrap(dst.asSlice(0, src.byteSize()), t.shape());
  }

  private static int[] withBatch(int[] sample) {
    int[] s = new int[sample.length + 1];
    s[0] = 1;
    System.arraycopy(sample, 0, s, 1, sample.length);
    return s;
  }

  private static int[] withoutBatch(int[] shape) {
    return Arrays.copyOfRange(shape, 1, shape.length);
  }

  // values per sample: the plan indexes a slice of samples with ints
  private static int width(String owner, Layer layer, int[] sample) {
    long n = 1;
    for (int d : sample) {
      if (d <= 0) {
        throw new IllegalArgumentException(owner + ": layer '" + layer.name() + "' needs a known, non-empty sample shape; received shape "
            + Arrays.toString(sample));
      }
      n *= d;
      if (n > Integer.MAX_VALUE) {
        throw new IllegalArgumentException(owner + ": layer '" + layer.name() + "' has samples of more than "
            + Integer.MAX_VALUE + " values; received shape " + Arrays.toString(sample));
      }
    }
    return (int) n;
  }
}
