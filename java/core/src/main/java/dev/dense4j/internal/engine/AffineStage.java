// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.internal.engine;

import dev.dense4j.internal.norm.ChannelAffine;
import dev.dense4j.internal.norm.NormKernels;
import dev.dense4j.layers.Layer;
import java.lang.foreign.MemorySegment;

/**
 * A BatchNormalization, Normalization or Rescaling layer that the plan could not fold into a
 * Dense: one pass {@code y = x·s + t} per channel of the last axis. A snapshot plan computes
 * {@code s, t} once at compile time; a live plan (a model's predict, which must see training)
 * computes them from the layer's weights at each call into the workspace's heap array.
 */
final class AffineStage implements Stage {

  private final int channels;
  private final int width;
  private final float[] st;  // snapshot: the scales, then the shifts; null when live
  private final Layer layer; // live: read at each call; null for a snapshot

  private AffineStage(int channels, int width, float[] st, Layer layer) {
    this.channels = channels;
    this.width = width;
    this.st = st;
    this.layer = layer;
  }

  static AffineStage snapshot(Layer layer, int channels, int width) {
    return new AffineStage(channels, width, ChannelAffine.packed(layer, channels), null);
  }

  static AffineStage live(Layer layer, int channels, int width) {
    return new AffineStage(channels, width, null, layer);
  }

  @Override
  public int inWidth() {
    return width;
  }

  @Override
  public int outWidth() {
    return width;
  }

  @Override
  public void run(int samples, MemorySegment x, MemorySegment y, Workspace ws) {
    float[] p = st;
    if (p == null) {
      p = ws.heap(2 * channels);
      ChannelAffine.compute(layer, channels, p);
    }
    NormKernels.affine((long) samples * (width / channels), channels, x, y, p);
  }
}
