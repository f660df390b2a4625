// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.models;

import dev.dense4j.backend.BlasThreads;

/**
 * How a predictor keeps its BLAS calls within its thread cap: set the calling thread's count
 * before a call and restore it after, where the BLAS has a per-thread count; nothing otherwise
 * (see {@link BlasThreads}).
 */
interface BlasCap {

  /** Nothing to do: the count is process-wide, fixed or not ours. */
  BlasCap NONE = new BlasCap() {
    @Override
    public int enter() {
      return 0;
    }

    @Override
    public void exit(int previous) {}
  };

  /** Applies the cap to the calling thread; returns what {@link #exit} restores. */
  int enter();

  void exit(int previous);

  /** The cap for a predictor with {@code cap} threads; {@code usesBlas} false for the reference backend. */
  static BlasCap of(int cap, boolean usesBlas) {
    if (!usesBlas || BlasThreads.scope() != BlasThreads.Scope.PER_THREAD) {
      return NONE;
    }
    return new BlasCap() {
      @Override
      public int enter() {
        return BlasThreads.setForCurrentThread(cap);
      }

      @Override
      public void exit(int previous) {
        if (previous >= 1 && previous != cap) {
          BlasThreads.setForCurrentThread(previous);
        }
      }
    };
  }
}
