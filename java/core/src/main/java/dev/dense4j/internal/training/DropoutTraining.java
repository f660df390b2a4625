// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.internal.training;

import static java.lang.foreign.ValueLayout.JAVA_FLOAT;

import dev.dense4j.layers.Dropout;
import dev.dense4j.tensor.Tensor;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;

/**
 * Training of a {@code Dropout} layer: inverted dropout, as Keras'
 * {@code backend.random.dropout}.
 * <pre>
 *   keep = 1 − rate;   mask ~ Bernoulli(keep) over the noise shape, broadcast to the input
 *   y  = mask ? x / keep : 0          (training mode, rate > 0)
 *   dx = mask ? dy / keep : 0
 * </pre>
 * In inference mode, or with {@code rate = 0}, the layer is the identity both ways. Each training
 * forward pass draws a new mask from the layer's seed state (one step of its counter); the mask
 * is kept for the backward pass. The draws are SplitMix64 values, 24 bits each as a float in
 * {@code [0, 1)}, kept when below {@code keep}: fixed by this file alone, the same on every
 * backend and platform.
 */
public final class DropoutTraining extends WeightlessTraining {

  private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

  private final Dropout layer;
  private final float keep;
  private final long maxValues;
  private final MemorySegment y;
  private final MemorySegment dx;
  private final byte[] mask; // per input value: 1 kept, 0 dropped
  private final byte[] noise; // per noise-shape value, when a noise shape broadcasts
  private final float[] values; // the heap copy the element loops run over
  private boolean identity; // the last forward passed its input through
  private int[] viewShape;
  private Tensor outView;
  private Tensor dxView;

  public DropoutTraining(Dropout layer, String owner, int[] maxInputShape) {
    super(owner);
    this.layer = layer;
    this.keep = (float) (1.0 - layer.rate());
    this.maxValues = maxValues(maxInputShape);
    if (maxValues > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(owner + ": at most " + Integer.MAX_VALUE
          + " values per batch in training; received shape " + Arrays.toString(maxInputShape));
    }
    boolean drops = layer.rate() > 0;
    this.y = drops ? buffer(maxValues) : null;
    this.dx = drops ? buffer(maxValues) : null;
    this.mask = drops ? new byte[(int) maxValues] : null;
    this.noise = drops && layer.noiseShape() != null ? new byte[(int) maxValues] : null;
    this.values = drops ? new float[(int) maxValues] : null;
  }

  /** The stream seed of step {@code counter} of a layer seeded with {@code seed}. */
  public static long maskSeed(long seed, long counter) {
    return mix(mix(seed) + (counter + 1) * GOLDEN_GAMMA);
  }

  /** Inference mode: the identity. */
  @Override
  public Tensor forward(Tensor input) {
    return forward(input, false);
  }

  @Override
  public Tensor forward(Tensor input, boolean training) {
    ensureOpen();
    int[] shape = input.shape();
    if (input.size() > maxValues) {
      throw new IllegalArgumentException(owner + ": this training session holds " + maxValues
          + " values; received shape " + Arrays.toString(shape));
    }
    forwarded(shape, shape);
    identity = !training || layer.rate() == 0;
    if (identity) {
      return input;
    }
    int n = (int) input.size();
    drawMask(shape, n, layer.nextMaskSeed());
    scaleByMask(input, y, n);
    if (viewShape == null || !Arrays.equals(viewShape, shape)) {
      viewShape = shape;
      outView = view(y, n, shape);
      dxView = view(dx, n, shape);
    }
    return outView;
  }

  @Override
  public Tensor backward(Tensor outputGradient, boolean inputGradient) {
    checkGradient(outputGradient);
    if (!inputGradient) {
      return null;
    }
    if (identity) {
      return outputGradient;
    }
    scaleByMask(outputGradient, dx, (int) outputGradient.size());
    return dxView;
  }

  // out = mask ? in / keep : 0, over n values, on a heap copy (bulk copies in and out)
  private void scaleByMask(Tensor in, MemorySegment out, int n) {
    if (n == 0) {
      return;
    }
    MemorySegment.copy(in.segment(), JAVA_FLOAT, 0, values, 0, n);
    for (int i = 0; i < n; i++) {
      values[i] = mask[i] != 0 ? values[i] / keep : 0f;
    }
    MemorySegment.copy(values, 0, out, JAVA_FLOAT, 0, n);
  }

  // mask[i] for the n values of an input of this shape, from one stream seed
  private void drawMask(int[] shape, int n, long streamSeed) {
    int[] noiseShape = layer.noiseShape();
    if (noiseShape == null) {
      fill(mask, n, streamSeed);
      return;
    }
    int[] concrete = concreteNoiseShape(noiseShape, shape);
    int count = 1;
    for (int d : concrete) {
      count *= d;
    }
    fill(noise, count, streamSeed);
    // the noise index of input index i: the input's coordinates, 0 along broadcast axes
    int rank = shape.length;
    int[] noiseStride = new int[rank];
    for (int d = rank - 1, s = 1; d >= 0; d--) {
      noiseStride[d] = concrete[d] == 1 ? 0 : s;
      s *= concrete[d];
    }
    int[] coord = new int[rank];
    int at = 0;
    for (int i = 0; i < n; i++) {
      mask[i] = noise[at];
      for (int d = rank - 1; d >= 0; d--) { // next coordinate, row-major
        coord[d]++;
        at += noiseStride[d];
        if (coord[d] < shape[d]) {
          break;
        }
        at -= noiseStride[d] * coord[d];
        coord[d] = 0;
      }
    }
  }

  // Keras' _get_concrete_noise_shape: None (-1) takes the input's size; the rest must broadcast
  private int[] concreteNoiseShape(int[] noiseShape, int[] shape) {
    if (noiseShape.length != shape.length) {
      throw new IllegalArgumentException(owner + ": noise_shape " + Arrays.toString(noiseShape)
          + " must have the input's rank; received input shape " + Arrays.toString(shape));
    }
    int[] c = new int[shape.length];
    for (int d = 0; d < shape.length; d++) {
      c[d] = noiseShape[d] == -1 ? shape[d] : noiseShape[d];
      if (c[d] != shape[d] && c[d] != 1) {
        throw new IllegalArgumentException(owner + ": noise_shape " + Arrays.toString(noiseShape)
            + " does not broadcast to the input shape; received input shape " + Arrays.toString(shape));
      }
    }
    return c;
  }

  // out[i] = 1 with probability keep: a uniform float of 24 bits below keep
  private void fill(byte[] out, int n, long streamSeed) {
    long state = streamSeed;
    for (int i = 0; i < n; i++) {
      state += GOLDEN_GAMMA;
      float u = (mix(state) >>> 40) * 0x1.0p-24f;
      out[i] = (byte) (u < keep ? 1 : 0);
    }
  }

  // SplitMix64's finaliser
  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
