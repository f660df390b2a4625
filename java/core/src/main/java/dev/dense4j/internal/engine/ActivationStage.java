// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.internal.engine;

import java.lang.foreign.MemorySegment;

/** An activation layer in a plan: {@code y = act(x)} over rows of the sample's last dimension. */
final class ActivationStage implements Stage {

  private final ActivationOp op;
  private final int rowsPerSample;

  ActivationStage(ActivationOp op, int rowsPerSample) {
    this.op = op;
    this.rowsPerSample = rowsPerSample;
  }

  @Override
  public int inWidth() {
    return rowsPerSample * op.cols();
  }

  @Override
  public int outWidth() {
    return rowsPerSample * op.outWidth();
  }

  @Override
  public void run(int samples, MemorySegment x, MemorySegment y, Workspace ws) {
    op.forward((long) samples * rowsPerSample, x, y, ws);
  }
}
