// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.bench.precision;

import dev.dense4j.backend.Backend;
import dev.dense4j.backend.Precision;
import dev.dense4j.bench.impl.DenseImpl;
import dev.dense4j.bench.impl.DenseImpl.Problem;
import dev.dense4j.internal.ActivationKind;
import dev.dense4j.internal.ffm.NativeKernels;
import dev.dense4j.layers.Dense;
import dev.dense4j.models.Predictor;
import dev.dense4j.models.Sequential;
import dev.dense4j.tensor.Tensor;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.List;

/** The implementations of {@link PrecisionBenchmark} by parameter name. */
final class PrecisionImpls {

  private PrecisionImpls() {}

  static DenseImpl create(String name, Problem p) {
    return switch (name) {
      case "raw_blas" -> DenseImpl.create("raw_blas", p);
      case "predictor_f32" -> new PredictorImpl(p, Precision.FLOAT32);
      case "predictor_bf16" -> new PredictorImpl(p, Precision.BFLOAT16);
      case "predictor_int8" -> new PredictorImpl(p, Precision.INT8);
      case "packed_f32" -> new PackedKernelImpl(p);
      default -> throw new IllegalArgumentException("unknown implementation " + name);
    };
  }

  /** A one-layer model through {@code Predictor.predict(float[], int, float[])}. */
  static final class PredictorImpl implements DenseImpl {
    private final Sequential model;
    private final Predictor predictor;
    private final float[] x;
    private final float[] y;
    private final int batch;

    PredictorImpl(Problem p, Precision precision) {
      Dense d = Dense.builder(p.units()).activation(p.activation()).backend(Backend.NATIVE).build();
      this.model = new Sequential().add(d).build(-1, p.inputDim());
      d.setWeights(List.of(p.kernel(), p.bias()));
      this.predictor = Predictor.builder(model).precision(precision).sliceSize(Math.max(1, p.batch())).build();
      this.x = p.x();
      this.y = new float[p.batch() * p.units()];
      this.batch = p.batch();
      System.out.printf("%n%s: %d weight bytes%n", predictor, predictor.weightBytes());
    }

    @Override
    public void run() {
      predictor.predict(x, batch, y);
    }

    @Override
    public float[] output() {
      return y.clone();
    }

    @Override
    public void close() {
      predictor.close();
      model.close();
    }
  }

  /** The packed fp32 kernel itself at every batch (no BLAS fallback), on off-heap memory. */
  static final class PackedKernelImpl implements DenseImpl {
    private final Problem p;
    private final Arena arena = Arena.ofConfined();
    private final NativeKernels kernels = new NativeKernels();
    private final MemorySegment x;
    private final MemorySegment packed;
    private final MemorySegment bias;
    private final MemorySegment y;

    PackedKernelImpl(Problem p) {
      this.p = p;
      this.x = arena.allocateFrom(java.lang.foreign.ValueLayout.JAVA_FLOAT, p.x());
      this.bias = arena.allocateFrom(java.lang.foreign.ValueLayout.JAVA_FLOAT, p.bias());
      MemorySegment w = arena.allocateFrom(java.lang.foreign.ValueLayout.JAVA_FLOAT, p.kernel());
      this.packed = arena.allocate(kernels.packedSize(Precision.FLOAT32, p.inputDim(), p.units()), Tensor.ALIGNMENT);
      kernels.pack(Precision.FLOAT32, p.inputDim(), p.units(), w, packed);
      this.y = arena.allocate((long) p.batch() * p.units() * Float.BYTES, Tensor.ALIGNMENT);
    }

    @Override
    public void run() {
      kernels.packedDense(Precision.FLOAT32, ActivationKind.RELU, 0f, Float.POSITIVE_INFINITY, 0f, p.batch(),
          p.inputDim(), p.units(), x, packed, bias, y, null);
    }

    @Override
    public float[] output() {
      return y.toArray(java.lang.foreign.ValueLayout.JAVA_FLOAT);
    }

    @Override
    public void close() {
      arena.close();
    }
  }
}
