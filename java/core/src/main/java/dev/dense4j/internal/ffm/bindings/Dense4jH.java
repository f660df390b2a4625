// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.internal.ffm.bindings;

import static dev.dense4j.internal.ffm.bindings.Links.critical;
import static dev.dense4j.internal.ffm.bindings.Links.plain;

import dev.dense4j.internal.ffm.bindings.generated.dense4j_h;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

/**
 * The libdense4j calls dense4j makes, over the bindings jextract generates from
 * native/include/dense4j.h ({@link dense4j_h}), with the critical downcalls jextract does not
 * generate ({@link Links}). The tiny queries are critical without heap access;
 * {@code d4j_f32_bias_act} (one pass over the output) is always critical; every other function
 * takes a {@code critical} flag and, when set, may be given heap segments.
 */
public final class Dense4jH {

  private Dense4jH() {}

  /** {@code D4J_ABI_VERSION} of the header the bindings were generated from. */
  public static final int D4J_ABI_VERSION = dense4j_h.D4J_ABI_VERSION();
  public static final int D4J_OK = dense4j_h.D4J_OK();

  private static final class AbiVersion {
    static final MethodHandle CRITICAL =
        critical(dense4j_h::d4j_abi_version$address, dense4j_h::d4j_abi_version$descriptor, false);
  }

  /** {@link dense4j_h#d4j_abi_version}. */
  public static int d4j_abi_version() {
    try {
      return (int) AbiVersion.CRITICAL.invokeExact();
    } catch (Error | RuntimeException ex) {
      throw ex;
    } catch (Throwable ex) {
      throw new AssertionError("should not reach here", ex);
    }
  }

  private static final class StatusName {
    static final MethodHandle CRITICAL =
        critical(dense4j_h::d4j_status_name$address, dense4j_h::d4j_status_name$descriptor, false);
  }

  /** {@link dense4j_h#d4j_status_name}: a static NUL-terminated string. */
  public static MemorySegment d4j_status_name(int status) {
    try {
      return (MemorySegment) StatusName.CRITICAL.invokeExact(status);
    } catch (Error | RuntimeException ex) {
      throw ex;
    } catch (Throwable ex) {
      throw new AssertionError("should not reach here", ex);
    }
  }

  private static final class IsaBest {
    static final MethodHandle CRITICAL =
        critical(dense4j_h::d4j_isa_best$address, dense4j_h::d4j_isa_best$descriptor, false);
  }

  /** {@link dense4j_h#d4j_isa_best}. */
  public static int d4j_isa_best() {
    try {
      return (int) IsaBest.CRITICAL.invokeExact();
    } catch (Error | RuntimeException ex) {
      throw ex;
    } catch (Throwable ex) {
      throw new AssertionError("should not reach here", ex);
    }
  }

  private static final class IsaSupported {
    static final MethodHandle CRITICAL = critical(dense4j_h::d4j_isa_supported$address,
        dense4j_h::d4j_isa_supported$descriptor, false);
  }

  /** {@link dense4j_h#d4j_isa_supported}. */
  public static int d4j_isa_supported(int isa) {
    try {
      return (int) IsaSupported.CRITICAL.invokeExact(isa);
    } catch (Error | RuntimeException ex) {
      throw ex;
    } catch (Throwable ex) {
      throw new AssertionError("should not reach here", ex);
    }
  }

  private static final class BiasAct {
    static final MethodHandle CRITICAL =
        critical(dense4j_h::d4j_f32_bias_act$address, dense4j_h::d4j_f32_bias_act$descriptor, true);
  }

  /** {@link dense4j_h#d4j_f32_bias_act}; critical (one pass over the output), heap allowed. */
  public static int d4j_f32_bias_act(int act, float p0, float p1, float p2, long m, long n,
      MemorySegment y, long ldy, MemorySegment bias) {
    try {
      return (int) BiasAct.CRITICAL.invokeExact(act, p0, p1, p2, m, n, y, ldy, bias);
    } catch (Error | RuntimeException ex) {
      throw ex;
    } catch (Throwable ex) {
      throw new AssertionError("should not reach here", ex);
    }
  }

  // ---- a critical and an ordinary handle each: the training epilogue, weight penalties and
  // projections, training kernels
  private static final class BiasActKeep {
    static final MethodHandle PLAIN = plain(dense4j_h::d4j_f32_bias_act_keep$handle);
    static final MethodHandle CRITICAL =
        critical(dense4j_h::d4j_f32_bias_act_keep$address,
            dense4j_h::d4j_f32_bias_act_keep$descriptor, true);
  }

  /** {@link dense4j_h#d4j_f32_bias_act_keep}; critical: short, may take heap segments. */
  public static int d4j_f32_bias_act_keep(boolean critical, int act, float p0, float p1, float p2,
      long m, long n, MemorySegment z, long ldz, MemorySegment y, long ldy, MemorySegment bias) {
    try {
      return critical
          ? (int) BiasActKeep.CRITICAL.invokeExact(act, p0, p1, p2, m, n, z, ldz, y, ldy, bias)
          : (int) BiasActKeep.PLAIN.invokeExact(act, p0, p1, p2, m, n, z, ldz, y, ldy, bias);
    } catch (Error | RuntimeException ex) {
      throw ex;
    } catch (Throwable ex) {
      throw new AssertionError("should not reach here", ex);
    }
  }

  private static final class L1l2Penalty {
    static final MethodHandle PLAIN = plain(dense4j_h::d4j_f32_l1l2_penalty$handle);
    static final MethodHandle CRITICAL =
        critical(dense4j_h::d4j_f32_l1l2_penalty$address,
            dense4j_h::d4j_f32_l1l2_penalty$descriptor, true);
  }

  /** {@link dense4j_h#d4j_f32_l1l2_penalty}; critical: short, may take heap segments. */
  public static int d4j_f32_l1l2_penalty(boolean critical, float l1, float l2, long m, long n,
      MemorySegment x, long ldx, MemorySegment out) {
    try {
      return critical
          ? (int) L1l2Penalty.CRITICAL.invokeExact(l1, l2, m, n, x, ldx, out)
          : (int) L1l2Penalty.PLAIN.invokeExact(l1, l2, m, n, x, ldx, out);
    } catch (Error | RuntimeException ex) {
      throw ex;
    } catch (Throwable ex) {
      throw new AssertionError("should not reach here", ex);
    }
  }

  private static final class L1l2GradAcc {
    static final MethodHandle PLAIN = plain(dense4j_h::d4j_f32_l1l2_grad_acc$handle);
    static final MethodHandle CRITICAL =
        critical(dense4j_h::d4j_f32_l1l2_grad_acc$address,
            dense4j_h::d4j_f32_l1l2_grad_acc$descriptor, true);
  }

  /** {@link dense4j_h#d4j_f32_l1l2_grad_acc}; critical: short, may take heap segments. */
  public static int d4j_f32_l1l2_grad_acc(boolean critical, float l1, float l2, long m, long n,
      MemorySegment x, long ldx, MemorySegment g, long ldg) {
    try {
      return critical
          ? (int) L1l2GradAcc.CRITICAL.invokeExact(l1, l2, m, n, x, ldx, g, ldg)
          : (int) L1l2GradAcc.PLAIN.invokeExact(l1, l2, m, n, x, ldx, g, ldg);
    } catch (Error | RuntimeException ex) {
      throw ex;
    } catch (Throwable ex) {
      throw new AssertionError("should not reach here", ex);
    }
  }

  private static final class NonNeg {
    static final MethodHandle PLAIN = plain(dense4j_h::d4j_f32_nonneg$handle);
    static final MethodHandle CRITICAL =
        critical(dense4j_h::d4j_f32_nonneg$address,
            dense4j_h::d4j_f32_nonneg$descriptor, true);
  }

  /** {@link dense4j_h#d4j_f32_nonneg}; critical: short, may take heap segments. */
  public static int d4j_f32_nonneg(boolean critical, long m, long n, MemorySegment w, long ldw) {
    try {
      return critical
          ? (int) NonNeg.CRITICAL.invokeExact(m, n, w, ldw)
          : (int) NonNeg.PLAIN.invokeExact(m, n, w, ldw);
    } catch (Error | RuntimeException ex) {
      throw ex;
    } catch (Throwable ex) {
      throw new AssertionError("should not reach here", ex);
    }
  }

  private static final class NormConstraint {
    static final MethodHandle PLAIN = plain(dense4j_h::d4j_f32_norm_constraint$handle);
    static final MethodHandle CRITICAL =
        critical(dense4j_h::d4j_f32_norm_constraint$address,
            dense4j_h::d4j_f32_norm_constraint$descriptor, true);
  }

  /** {@link dense4j_h#d4j_f32_norm_constraint}; critical: short, may take heap segments. */
  public static int d4j_f32_norm_constraint(boolean critical, int kind, float minValue, float
      maxValue, float rate, int axis, long m, long n, MemorySegment w, long ldw) {
    try {
      return critical
          ? (int) NormConstraint.CRITICAL.invokeExact(kind, minValue, maxValue, rate, axis, m, n, w,
              ldw)
          : (int) NormConstraint.PLAIN.invokeExact(kind, minValue, maxValue, rate, axis, m, n, w,
              ldw);
    } catch (Error | RuntimeException ex) {
      throw ex;
    } catch (Throwable ex) {
      throw new AssertionError("should not reach here", ex);
    }
  }

  private static final class ActBackward {
    static final MethodHandle PLAIN = plain(dense4j_h::d4j_f32_act_backward$handle);
    static final MethodHandle CRITICAL =
        critical(dense4j_h::d4j_f32_act_backward$address,
            dense4j_h::d4j_f32_act_backward$descriptor, true);
  }

  /** {@link dense4j_h#d4j_f32_act_backward}; critical: short, may take heap segments. */
  public static int d4j_f32_act_backward(boolean critical, int act, float p0, float p1, float p2,
      long m, long n, MemorySegment z, long ldz, MemorySegment y, long ldy, MemorySegment dy, long
      lddy, MemorySegment dz, long lddz) {
    try {
      return critical
          ? (int) ActBackward.CRITICAL.invokeExact(act, p0, p1, p2, m, n, z, ldz, y, ldy, dy, lddy,
              dz, lddz)
          : (int) ActBackward.PLAIN.invokeExact(act, p0, p1, p2, m, n, z, ldz, y, ldy, dy, lddy, dz,
              lddz);
    } catch (Error | RuntimeException ex) {
      throw ex;
    } catch (Throwable ex) {
      throw new AssertionError("should not reach here", ex);
    }
  }

  private static final class ColSum {
    static final MethodHandle PLAIN = plain(dense4j_h::d4j_f32_col_sum$handle);
    static final MethodHandle CRITICAL =
        critical(dense4j_h::d4j_f32_col_sum$address,
            dense4j_h::d4j_f32_col_sum$descriptor, true);
  }

  /** {@link dense4j_h#d4j_f32_col_sum}; critical: short, may take heap segments. */
  public static int d4j_f32_col_sum(boolean critical, long m, long n, MemorySegment x, long ldx,
      MemorySegment sum) {
    try {
      return critical
          ? (int) ColSum.CRITICAL.invokeExact(m, n, x, ldx, sum)
          : (int) ColSum.PLAIN.invokeExact(m, n, x, ldx, sum);
    } catch (Error | RuntimeException ex) {
      throw ex;
    } catch (Throwable ex) {
      throw new AssertionError("should not reach here", ex);
    }
  }

  private static final class SumSquares {
    static final MethodHandle PLAIN = plain(dense4j_h::d4j_f32_sum_squares$handle);
    static final MethodHandle CRITICAL =
        critical(dense4j_h::d4j_f32_sum_squares$address,
            dense4j_h::d4j_f32_sum_squares$descriptor, true);
  }

  /** {@link dense4j_h#d4j_f32_sum_squares}; critical: short, may take heap segments. */
  public static int d4j_f32_sum_squares(boolean critical, long n, MemorySegment x, MemorySegment
      out) {
    try {
      return critical
          ? (int) SumSquares.CRITICAL.invokeExact(n, x, out)
          : (int) SumSquares.PLAIN.invokeExact(n, x, out);
    } catch (Error | RuntimeException ex) {
      throw ex;
    } catch (Throwable ex) {
      throw new AssertionError("should not reach here", ex);
    }
  }

  private static final class SgdUpdate {
    static final MethodHandle PLAIN = plain(dense4j_h::d4j_f32_sgd_update$handle);
    static final MethodHandle CRITICAL =
        critical(dense4j_h::d4j_f32_sgd_update$address,
            dense4j_h::d4j_f32_sgd_update$descriptor, true);
  }

  /** {@link dense4j_h#d4j_f32_sgd_update}; critical: short, may take heap segments. */
  public static int d4j_f32_sgd_update(boolean critical, int nesterov, float lr, float momentum,
      float decay, float gscale, float clipvalue, long n, MemorySegment w, MemorySegment m,
      MemorySegment g) {
    try {
      return critical
          ? (int) SgdUpdate.CRITICAL.invokeExact(nesterov, lr, momentum, decay, gscale, clipvalue,
              n, w, m, g)
          : (int) SgdUpdate.PLAIN.invokeExact(nesterov, lr, momentum, decay, gscale, clipvalue, n,
              w, m, g);
    } catch (Error | RuntimeException ex) {
      throw ex;
    } catch (Throwable ex) {
      throw new AssertionError("should not reach here", ex);
    }
  }

  private static final class AdamUpdate {
    static final MethodHandle PLAIN = plain(dense4j_h::d4j_f32_adam_update$handle);
    static final MethodHandle CRITICAL =
        critical(dense4j_h::d4j_f32_adam_update$address,
            dense4j_h::d4j_f32_adam_update$descriptor, true);
  }

  /** {@link dense4j_h#d4j_f32_adam_update}; critical: short, may take heap segments. */
  public static int d4j_f32_adam_update(boolean critical, float alpha, float c1, float c2, float
      epsilon, float decay, float gscale, float clipvalue, long n, MemorySegment w, MemorySegment m,
      MemorySegment v, MemorySegment vhat, MemorySegment g) {
    try {
      return critical
          ? (int) AdamUpdate.CRITICAL.invokeExact(alpha, c1, c2, epsilon, decay, gscale, clipvalue,
              n, w, m, v, vhat, g)
          : (int) AdamUpdate.PLAIN.invokeExact(alpha, c1, c2, epsilon, decay, gscale, clipvalue, n,
              w, m, v, vhat, g);
    } catch (Error | RuntimeException ex) {
      throw ex;
    } catch (Throwable ex) {
      throw new AssertionError("should not reach here", ex);
    }
  }

  private static final class RmspropUpdate {
    static final MethodHandle PLAIN = plain(dense4j_h::d4j_f32_rmsprop_update$handle);
    static final MethodHandle CRITICAL =
        critical(dense4j_h::d4j_f32_rmsprop_update$address,
            dense4j_h::d4j_f32_rmsprop_update$descriptor, true);
  }

  /** {@link dense4j_h#d4j_f32_rmsprop_update}; critical: short, may take heap segments. */
  public static int d4j_f32_rmsprop_update(boolean critical, float lr, float rho, float cRho, float
      momentum, float epsilon, float decay, float gscale, float clipvalue, long n, MemorySegment w,
      MemorySegment vel, MemorySegment mom, MemorySegment avg, MemorySegment g) {
    try {
      return critical
          ? (int) RmspropUpdate.CRITICAL.invokeExact(lr, rho, cRho, momentum, epsilon, decay,
              gscale, clipvalue, n, w, vel, mom, avg, g)
          : (int) RmspropUpdate.PLAIN.invokeExact(lr, rho, cRho, momentum, epsilon, decay, gscale,
              clipvalue, n, w, vel, mom, avg, g);
    } catch (Error | RuntimeException ex) {
      throw ex;
    } catch (Throwable ex) {
      throw new AssertionError("should not reach here", ex);
    }
  }

  // ---- packed inference kernels ----

  private static final class PackedSize {
    static final MethodHandle CRITICAL =
        critical(dense4j_h::d4j_packed_size$address, dense4j_h::d4j_packed_size$descriptor, false);
  }

  /** {@link dense4j_h#d4j_packed_size}; {@code bytes} off-heap. */
  public static int d4j_packed_size(int precision, long k, long n, MemorySegment bytes) {
    try {
      return (int) PackedSize.CRITICAL.invokeExact(precision, k, n, bytes);
    } catch (Error | RuntimeException ex) {
      throw ex;
    } catch (Throwable ex) {
      throw new AssertionError("should not reach here", ex);
    }
  }

  private static final class PackedScratchSize {
    static final MethodHandle CRITICAL = critical(dense4j_h::d4j_packed_scratch_size$address,
        dense4j_h::d4j_packed_scratch_size$descriptor, false);
  }

  /** {@link dense4j_h#d4j_packed_scratch_size}; {@code bytes} off-heap. */
  public static int d4j_packed_scratch_size(int precision, long m, long k, MemorySegment bytes) {
    try {
      return (int) PackedScratchSize.CRITICAL.invokeExact(precision, m, k, bytes);
    } catch (Error | RuntimeException ex) {
      throw ex;
    } catch (Throwable ex) {
      throw new AssertionError("should not reach here", ex);
    }
  }

  private static final class Pack {
    static final MethodHandle PLAIN = plain(dense4j_h::d4j_pack$handle);
  }

  /** {@link dense4j_h#d4j_pack}: once per kernel, an ordinary downcall over off-heap segments. */
  public static int d4j_pack(int precision, long k, long n, MemorySegment w, long ldw, MemorySegment packed,
      long packedBytes) {
    try {
      return (int) Pack.PLAIN.invokeExact(precision, k, n, w, ldw, packed, packedBytes);
    } catch (Error | RuntimeException ex) {
      throw ex;
    } catch (Throwable ex) {
      throw new AssertionError("should not reach here", ex);
    }
  }

  private static final class PackedDense {
    static final MethodHandle PLAIN = plain(dense4j_h::d4j_packed_dense$handle);
    static final MethodHandle CRITICAL =
        critical(dense4j_h::d4j_packed_dense$address, dense4j_h::d4j_packed_dense$descriptor, true);
  }

  /** {@link dense4j_h#d4j_packed_dense}; critical: short, may take heap segments. */
  public static int d4j_packed_dense(boolean critical, int precision, int act, float p0, float p1, float p2,
      long m, long k, long n, MemorySegment x, long ldx, MemorySegment packed, MemorySegment bias,
      MemorySegment y, long ldy, MemorySegment scratch, long scratchBytes) {
    try {
      return critical
          ? (int) PackedDense.CRITICAL.invokeExact(precision, act, p0, p1, p2, m, k, n, x, ldx, packed, bias, y,
              ldy, scratch, scratchBytes)
          : (int) PackedDense.PLAIN.invokeExact(precision, act, p0, p1, p2, m, k, n, x, ldx, packed, bias, y,
              ldy, scratch, scratchBytes);
    } catch (Error | RuntimeException ex) {
      throw ex;
    } catch (Throwable ex) {
      throw new AssertionError("should not reach here", ex);
    }
  }
}
