// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.internal.engine;

import static java.lang.foreign.ValueLayout.JAVA_FLOAT;

import dev.dense4j.layers.Layer;
import java.lang.foreign.MemorySegment;

/**
 * A layer the engine has no operation for (a user's own {@link Layer}), run through its
 * {@code float[]} call. The layer is used as it is (not copied), so it must hold no weights that
 * change; each call allocates its arrays.
 */
final class LayerStage implements Stage {

  private final Layer layer;
  private final int[] sampleShape;
  private final int inWidth;
  private final int outWidth;

  LayerStage(Layer layer, int[] sampleShape, int inWidth, int outWidth) {
    this.layer = layer;
    this.sampleShape = sampleShape.clone();
    this.inWidth = inWidth;
    this.outWidth = outWidth;
  }

  @Override
  public int inWidth() {
    return inWidth;
  }

  @Override
  public int outWidth() {
    return outWidth;
  }

  @Override
  public void run(int samples, MemorySegment x, MemorySegment y, Workspace ws) {
    float[] in = new float[samples * inWidth];
    float[] out = new float[samples * outWidth];
    MemorySegment.copy(x, JAVA_FLOAT, 0, in, 0, in.length);
    int[] shape = new int[sampleShape.length + 1];
    shape[0] = samples;
    System.arraycopy(sampleShape, 0, shape, 1, sampleShape.length);
    layer.call(in, shape, out);
    MemorySegment.copy(out, 0, y, JAVA_FLOAT, 0, out.length);
  }
}
