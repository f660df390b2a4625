// SPDX-License-Identifier: Apache-2.0
// Bindings for native/include/dense4j.h, written by hand in the shape jextract generates (one
// lazily linked holder per function, C names verbatim, the C prototype in the javadoc).
// Keep in step with the header: Dense4jHTest compares every descriptor with its prototype.
package dev.dense4j.internal.ffm.bindings;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_FLOAT;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import dev.dense4j.internal.ffm.NativeLibraries;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;

/** Downcalls into libdense4j. */
public final class Dense4jH {

  private Dense4jH() {}

  static final Linker LINKER = Linker.nativeLinker();

  /** The library, loaded on the first downcall (descriptors are usable without it). */
  private static final class Lib {
    static final SymbolLookup SYMBOL_LOOKUP = NativeLibraries.dense4j();
  }

  /** {@code D4J_ABI_VERSION} of the header these bindings were written for. */
  public static final int D4J_ABI_VERSION = 3;
  public static final int D4J_OK = 0;
  public static final int D4J_ERR_UNSUPPORTED_CPU = 1;

  static MemorySegment find(String name) {
    return Lib.SYMBOL_LOOKUP.find(name)
        .orElseThrow(() -> new UnsatisfiedLinkError("unresolved symbol: " + name));
  }

  static MethodHandle link(String name, FunctionDescriptor desc, Linker.Option... options) {
    return LINKER.downcallHandle(find(name), desc, options);
  }

  private static final FunctionDescriptor d4j_abi_version$DESC = FunctionDescriptor.of(JAVA_INT);

  private static final class d4j_abi_version {
    static final FunctionDescriptor DESC = d4j_abi_version$DESC;
    static final MethodHandle HANDLE = link("d4j_abi_version", DESC, Linker.Option.critical(false));
  }

  public static FunctionDescriptor d4j_abi_version$descriptor() {
    return d4j_abi_version$DESC;
  }

  /** {@snippet lang=c : int32_t d4j_abi_version(void); } */
  public static int d4j_abi_version() {
    try {
      return (int) d4j_abi_version.HANDLE.invokeExact();
    } catch (Error | RuntimeException ex) {
      throw ex;
    } catch (Throwable ex) {
      throw new AssertionError("should not reach here", ex);
    }
  }

  private static final FunctionDescriptor d4j_status_name$DESC = FunctionDescriptor.of(ADDRESS, JAVA_INT);

  private static final class d4j_status_name {
    static final FunctionDescriptor DESC = d4j_status_name$DESC;
    static final MethodHandle HANDLE = link("d4j_status_name", DESC, Linker.Option.critical(false));
  }

  public static FunctionDescriptor d4j_status_name$descriptor() {
    return d4j_status_name$DESC;
  }

  /** {@snippet lang=c : const char *d4j_status_name(int32_t status); } */
  public static MemorySegment d4j_status_name(int status) {
    try {
      return (MemorySegment) d4j_status_name.HANDLE.invokeExact(status);
    } catch (Error | RuntimeException ex) {
      throw ex;
    } catch (Throwable ex) {
      throw new AssertionError("should not reach here", ex);
    }
  }

  private static final FunctionDescriptor d4j_isa_best$DESC = FunctionDescriptor.of(JAVA_INT);

  private static final class d4j_isa_best {
    static final FunctionDescriptor DESC = d4j_isa_best$DESC;
    static final MethodHandle HANDLE = link("d4j_isa_best", DESC, Linker.Option.critical(false));
  }

  public static FunctionDescriptor d4j_isa_best$descriptor() {
    return d4j_isa_best$DESC;
  }

  /** {@snippet lang=c : int32_t d4j_isa_best(void); } */
  public static int d4j_isa_best() {
    try {
      return (int) d4j_isa_best.HANDLE.invokeExact();
    } catch (Error | RuntimeException ex) {
      throw ex;
    } catch (Throwable ex) {
      throw new AssertionError("should not reach here", ex);
    }
  }

  private static final FunctionDescriptor d4j_isa_supported$DESC = FunctionDescriptor.of(JAVA_INT, JAVA_INT);

  private static final class d4j_isa_supported {
    static final FunctionDescriptor DESC = d4j_isa_supported$DESC;
    static final MethodHandle HANDLE = link("d4j_isa_supported", DESC, Linker.Option.critical(false));
  }

  public static FunctionDescriptor d4j_isa_supported$descriptor() {
    return d4j_isa_supported$DESC;
  }

  /** {@snippet lang=c : int32_t d4j_isa_supported(int32_t isa); } */
  public static int d4j_isa_supported(int isa) {
    try {
      return (int) d4j_isa_supported.HANDLE.invokeExact(isa);
    } catch (Error | RuntimeException ex) {
      throw ex;
    } catch (Throwable ex) {
      throw new AssertionError("should not reach here", ex);
    }
  }

  private static final FunctionDescriptor d4j_f32_bias_act$DESC = FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_FLOAT,
        JAVA_FLOAT, JAVA_FLOAT, JAVA_LONG, JAVA_LONG, ADDRESS, JAVA_LONG, ADDRESS);

  private static final class d4j_f32_bias_act {
    static final FunctionDescriptor DESC = d4j_f32_bias_act$DESC;
    // critical: the call is short (one pass over the output) and may take heap segments
    static final MethodHandle HANDLE = link("d4j_f32_bias_act", DESC, Linker.Option.critical(true));
  }

  public static FunctionDescriptor d4j_f32_bias_act$descriptor() {
    return d4j_f32_bias_act$DESC;
  }

  /**
   * {@snippet lang=c :
   * int32_t d4j_f32_bias_act(int32_t act, float p0, float p1, float p2, int64_t m, int64_t n,
   *                          float *y, int64_t ldy, const float *bias);
   * }
   */
  public static int d4j_f32_bias_act(int act, float p0, float p1, float p2, long m, long n,
      MemorySegment y, long ldy, MemorySegment bias) {
    try {
      return (int) d4j_f32_bias_act.HANDLE.invokeExact(act, p0, p1, p2, m, n, y, ldy, bias);
    } catch (Error | RuntimeException ex) {
      throw ex;
    } catch (Throwable ex) {
      throw new AssertionError("should not reach here", ex);
    }
  }

  private static final FunctionDescriptor d4j_f32_bias_act_keep$DESC = FunctionDescriptor.of(JAVA_INT, JAVA_INT,
      JAVA_FLOAT, JAVA_FLOAT, JAVA_FLOAT, JAVA_LONG, JAVA_LONG, ADDRESS, JAVA_LONG, ADDRESS, JAVA_LONG, ADDRESS);

  private static final class d4j_f32_bias_act_keep {
    static final FunctionDescriptor DESC = d4j_f32_bias_act_keep$DESC;
    static final MethodHandle HANDLE = link("d4j_f32_bias_act_keep", DESC);
    // NOTE: a critical call holds off safepoints for its whole duration: short calls only.
    static final MethodHandle CRITICAL = link("d4j_f32_bias_act_keep", DESC, Linker.Option.critical(true));
  }

  public static FunctionDescriptor d4j_f32_bias_act_keep$descriptor() {
    return d4j_f32_bias_act_keep$DESC;
  }

  /**
   * {@snippet lang=c :
   * int32_t d4j_f32_bias_act_keep(int32_t act, float p0, float p1, float p2, int64_t m,
   *                               int64_t n, float *z, int64_t ldz, float *y, int64_t ldy,
   *                               const float *bias);
   * }
   * With {@code critical} the call may take heap segments and must be short.
   */
  public static int d4j_f32_bias_act_keep(boolean critical, int act, float p0, float p1, float p2, long m,
      long n, MemorySegment z, long ldz, MemorySegment y, long ldy, MemorySegment bias) {
    try {
      return critical
          ? (int) d4j_f32_bias_act_keep.CRITICAL.invokeExact(act, p0, p1, p2, m, n, z, ldz, y, ldy, bias)
          : (int) d4j_f32_bias_act_keep.HANDLE.invokeExact(act, p0, p1, p2, m, n, z, ldz, y, ldy, bias);
    } catch (Error | RuntimeException ex) {
      throw ex;
    } catch (Throwable ex) {
      throw new AssertionError("should not reach here", ex);
    }
  }

  private static final FunctionDescriptor d4j_f32_bias_act_isa$DESC = FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_FLOAT,
        JAVA_FLOAT, JAVA_FLOAT, JAVA_LONG, JAVA_LONG, ADDRESS, JAVA_LONG, ADDRESS, JAVA_INT);

  private static final class d4j_f32_bias_act_isa {
    static final FunctionDescriptor DESC = d4j_f32_bias_act_isa$DESC;
    static final MethodHandle HANDLE = link("d4j_f32_bias_act_isa", DESC, Linker.Option.critical(true));
  }

  public static FunctionDescriptor d4j_f32_bias_act_isa$descriptor() {
    return d4j_f32_bias_act_isa$DESC;
  }

  /**
   * {@snippet lang=c :
   * int32_t d4j_f32_bias_act_isa(int32_t act, float p0, float p1, float p2, int64_t m, int64_t n,
   *                              float *y, int64_t ldy, const float *bias, int32_t isa);
   * }
   */
  public static int d4j_f32_bias_act_isa(int act, float p0, float p1, float p2, long m, long n,
      MemorySegment y, long ldy, MemorySegment bias, int isa) {
    try {
      return (int) d4j_f32_bias_act_isa.HANDLE.invokeExact(act, p0, p1, p2, m, n, y, ldy, bias, isa);
    } catch (Error | RuntimeException ex) {
      throw ex;
    } catch (Throwable ex) {
      throw new AssertionError("should not reach here", ex);
    }
  }

  // ---- weight penalties and projections (dense4j.h, last section) ----

  public static final int D4J_NORM_MAX = 201;
  public static final int D4J_NORM_MIN_MAX = 202;
  public static final int D4J_NORM_UNIT = 203;

  private static final FunctionDescriptor d4j_f32_l1l2_penalty$DESC = FunctionDescriptor.of(JAVA_INT,
      JAVA_FLOAT, JAVA_FLOAT, JAVA_LONG, JAVA_LONG, ADDRESS, JAVA_LONG, ADDRESS);

  private static final class d4j_f32_l1l2_penalty {
    static final FunctionDescriptor DESC = d4j_f32_l1l2_penalty$DESC;
    static final MethodHandle HANDLE = link("d4j_f32_l1l2_penalty", DESC);
    // NOTE: a critical call holds off safepoints for its whole duration: short calls only.
    static final MethodHandle CRITICAL = link("d4j_f32_l1l2_penalty", DESC, Linker.Option.critical(true));
  }

  public static FunctionDescriptor d4j_f32_l1l2_penalty$descriptor() {
    return d4j_f32_l1l2_penalty$DESC;
  }

  /**
   * {@snippet lang=c :
   * int32_t d4j_f32_l1l2_penalty(float l1, float l2, int64_t m, int64_t n, const float *x,
   *                              int64_t ldx, double *out);
   * }
   * With {@code critical} the call may take heap segments and must be short.
   */
  public static int d4j_f32_l1l2_penalty(boolean critical, float l1, float l2, long m, long n,
      MemorySegment x, long ldx, MemorySegment out) {
    try {
      return critical
          ? (int) d4j_f32_l1l2_penalty.CRITICAL.invokeExact(l1, l2, m, n, x, ldx, out)
          : (int) d4j_f32_l1l2_penalty.HANDLE.invokeExact(l1, l2, m, n, x, ldx, out);
    } catch (Error | RuntimeException ex) {
      throw ex;
    } catch (Throwable ex) {
      throw new AssertionError("should not reach here", ex);
    }
  }

  private static final FunctionDescriptor d4j_f32_l1l2_grad_acc$DESC = FunctionDescriptor.of(JAVA_INT,
      JAVA_FLOAT, JAVA_FLOAT, JAVA_LONG, JAVA_LONG, ADDRESS, JAVA_LONG, ADDRESS, JAVA_LONG);

  private static final class d4j_f32_l1l2_grad_acc {
    static final FunctionDescriptor DESC = d4j_f32_l1l2_grad_acc$DESC;
    static final MethodHandle HANDLE = link("d4j_f32_l1l2_grad_acc", DESC);
    // NOTE: a critical call holds off safepoints for its whole duration: short calls only.
    static final MethodHandle CRITICAL = link("d4j_f32_l1l2_grad_acc", DESC, Linker.Option.critical(true));
  }

  public static FunctionDescriptor d4j_f32_l1l2_grad_acc$descriptor() {
    return d4j_f32_l1l2_grad_acc$DESC;
  }

  /**
   * {@snippet lang=c :
   * int32_t d4j_f32_l1l2_grad_acc(float l1, float l2, int64_t m, int64_t n, const float *x,
   *                               int64_t ldx, float *g, int64_t ldg);
   * }
   * With {@code critical} the call may take heap segments and must be short.
   */
  public static int d4j_f32_l1l2_grad_acc(boolean critical, float l1, float l2, long m, long n,
      MemorySegment x, long ldx, MemorySegment g, long ldg) {
    try {
      return critical
          ? (int) d4j_f32_l1l2_grad_acc.CRITICAL.invokeExact(l1, l2, m, n, x, ldx, g, ldg)
          : (int) d4j_f32_l1l2_grad_acc.HANDLE.invokeExact(l1, l2, m, n, x, ldx, g, ldg);
    } catch (Error | RuntimeException ex) {
      throw ex;
    } catch (Throwable ex) {
      throw new AssertionError("should not reach here", ex);
    }
  }

  private static final FunctionDescriptor d4j_f32_nonneg$DESC = FunctionDescriptor.of(JAVA_INT, JAVA_LONG,
      JAVA_LONG, ADDRESS, JAVA_LONG);

  private static final class d4j_f32_nonneg {
    static final FunctionDescriptor DESC = d4j_f32_nonneg$DESC;
    static final MethodHandle HANDLE = link("d4j_f32_nonneg", DESC);
    // NOTE: a critical call holds off safepoints for its whole duration: short calls only.
    static final MethodHandle CRITICAL = link("d4j_f32_nonneg", DESC, Linker.Option.critical(true));
  }

  public static FunctionDescriptor d4j_f32_nonneg$descriptor() {
    return d4j_f32_nonneg$DESC;
  }

  /**
   * {@snippet lang=c :
   * int32_t d4j_f32_nonneg(int64_t m, int64_t n, float *w, int64_t ldw);
   * }
   * With {@code critical} the call may take heap segments and must be short.
   */
  public static int d4j_f32_nonneg(boolean critical, long m, long n, MemorySegment w, long ldw) {
    try {
      return critical
          ? (int) d4j_f32_nonneg.CRITICAL.invokeExact(m, n, w, ldw)
          : (int) d4j_f32_nonneg.HANDLE.invokeExact(m, n, w, ldw);
    } catch (Error | RuntimeException ex) {
      throw ex;
    } catch (Throwable ex) {
      throw new AssertionError("should not reach here", ex);
    }
  }

  private static final FunctionDescriptor d4j_f32_norm_constraint$DESC = FunctionDescriptor.of(JAVA_INT,
      JAVA_INT, JAVA_FLOAT, JAVA_FLOAT, JAVA_FLOAT, JAVA_INT, JAVA_LONG, JAVA_LONG, ADDRESS, JAVA_LONG);

  private static final class d4j_f32_norm_constraint {
    static final FunctionDescriptor DESC = d4j_f32_norm_constraint$DESC;
    static final MethodHandle HANDLE = link("d4j_f32_norm_constraint", DESC);
    // NOTE: a critical call holds off safepoints for its whole duration: short calls only.
    static final MethodHandle CRITICAL = link("d4j_f32_norm_constraint", DESC, Linker.Option.critical(true));
  }

  public static FunctionDescriptor d4j_f32_norm_constraint$descriptor() {
    return d4j_f32_norm_constraint$DESC;
  }

  /**
   * {@snippet lang=c :
   * int32_t d4j_f32_norm_constraint(int32_t kind, float min_value, float max_value, float rate,
   *                                 int32_t axis, int64_t m, int64_t n, float *w, int64_t ldw);
   * }
   * With {@code critical} the call may take heap segments and must be short.
   */
  public static int d4j_f32_norm_constraint(boolean critical, int kind, float minValue, float maxValue,
      float rate, int axis, long m, long n, MemorySegment w, long ldw) {
    try {
      return critical
          ? (int) d4j_f32_norm_constraint.CRITICAL.invokeExact(kind, minValue, maxValue, rate, axis, m, n, w, ldw)
          : (int) d4j_f32_norm_constraint.HANDLE.invokeExact(kind, minValue, maxValue, rate, axis, m, n, w, ldw);
    } catch (Error | RuntimeException ex) {
      throw ex;
    } catch (Throwable ex) {
      throw new AssertionError("should not reach here", ex);
    }
  }

  // ---- training section of dense4j.h: activation backward, reductions, optimizer updates. Each
  // function has a critical handle (short calls; heap segments allowed) and an ordinary one.

  private static final FunctionDescriptor d4j_f32_act_backward$DESC = FunctionDescriptor.of(JAVA_INT,
      JAVA_INT, JAVA_FLOAT, JAVA_FLOAT, JAVA_FLOAT, JAVA_LONG, JAVA_LONG, ADDRESS, JAVA_LONG, ADDRESS,
      JAVA_LONG, ADDRESS, JAVA_LONG, ADDRESS, JAVA_LONG);

  private static final class d4j_f32_act_backward {
    static final FunctionDescriptor DESC = d4j_f32_act_backward$DESC;
    static final MethodHandle HANDLE = link("d4j_f32_act_backward", DESC);
    // NOTE: a critical call holds off safepoints for its whole duration: short calls only.
    static final MethodHandle CRITICAL = link("d4j_f32_act_backward", DESC, Linker.Option.critical(true));
  }

  public static FunctionDescriptor d4j_f32_act_backward$descriptor() {
    return d4j_f32_act_backward$DESC;
  }

  /**
   * {@snippet lang=c :
   * int32_t d4j_f32_act_backward(int32_t act, float p0, float p1, float p2, int64_t m,
   *                              int64_t n, const float *z, int64_t ldz, const float *y,
   *                              int64_t ldy, const float *dy, int64_t lddy, float *dz,
   *                              int64_t lddz);
   * }
   * With {@code critical} the call may take heap segments and must be short.
   */
  public static int d4j_f32_act_backward(boolean critical, int act, float p0, float p1, float p2, long m,
      long n, MemorySegment z, long ldz, MemorySegment y, long ldy, MemorySegment dy, long lddy,
      MemorySegment dz, long lddz) {
    try {
      return critical
          ? (int) d4j_f32_act_backward.CRITICAL.invokeExact(act, p0, p1, p2, m, n, z, ldz, y, ldy, dy, lddy,
              dz, lddz)
          : (int) d4j_f32_act_backward.HANDLE.invokeExact(act, p0, p1, p2, m, n, z, ldz, y, ldy, dy, lddy,
              dz, lddz);
    } catch (Error | RuntimeException ex) {
      throw ex;
    } catch (Throwable ex) {
      throw new AssertionError("should not reach here", ex);
    }
  }

  private static final FunctionDescriptor d4j_f32_col_sum$DESC = FunctionDescriptor.of(JAVA_INT, JAVA_LONG,
      JAVA_LONG, ADDRESS, JAVA_LONG, ADDRESS);

  private static final class d4j_f32_col_sum {
    static final FunctionDescriptor DESC = d4j_f32_col_sum$DESC;
    static final MethodHandle HANDLE = link("d4j_f32_col_sum", DESC);
    // NOTE: a critical call holds off safepoints for its whole duration: short calls only.
    static final MethodHandle CRITICAL = link("d4j_f32_col_sum", DESC, Linker.Option.critical(true));
  }

  public static FunctionDescriptor d4j_f32_col_sum$descriptor() {
    return d4j_f32_col_sum$DESC;
  }

  /**
   * {@snippet lang=c :
   * int32_t d4j_f32_col_sum(int64_t m, int64_t n, const float *x, int64_t ldx, float *sum);
   * }
   * With {@code critical} the call may take heap segments and must be short.
   */
  public static int d4j_f32_col_sum(boolean critical, long m, long n, MemorySegment x, long ldx,
      MemorySegment sum) {
    try {
      return critical
          ? (int) d4j_f32_col_sum.CRITICAL.invokeExact(m, n, x, ldx, sum)
          : (int) d4j_f32_col_sum.HANDLE.invokeExact(m, n, x, ldx, sum);
    } catch (Error | RuntimeException ex) {
      throw ex;
    } catch (Throwable ex) {
      throw new AssertionError("should not reach here", ex);
    }
  }

  private static final FunctionDescriptor d4j_f32_sum_squares$DESC = FunctionDescriptor.of(JAVA_INT,
      JAVA_LONG, ADDRESS, ADDRESS);

  private static final class d4j_f32_sum_squares {
    static final FunctionDescriptor DESC = d4j_f32_sum_squares$DESC;
    static final MethodHandle HANDLE = link("d4j_f32_sum_squares", DESC);
    // NOTE: a critical call holds off safepoints for its whole duration: short calls only.
    static final MethodHandle CRITICAL = link("d4j_f32_sum_squares", DESC, Linker.Option.critical(true));
  }

  public static FunctionDescriptor d4j_f32_sum_squares$descriptor() {
    return d4j_f32_sum_squares$DESC;
  }

  /**
   * {@snippet lang=c :
   * int32_t d4j_f32_sum_squares(int64_t n, const float *x, float *out);
   * }
   * With {@code critical} the call may take heap segments and must be short.
   */
  public static int d4j_f32_sum_squares(boolean critical, long n, MemorySegment x, MemorySegment out) {
    try {
      return critical
          ? (int) d4j_f32_sum_squares.CRITICAL.invokeExact(n, x, out)
          : (int) d4j_f32_sum_squares.HANDLE.invokeExact(n, x, out);
    } catch (Error | RuntimeException ex) {
      throw ex;
    } catch (Throwable ex) {
      throw new AssertionError("should not reach here", ex);
    }
  }

  private static final FunctionDescriptor d4j_f32_sgd_update$DESC = FunctionDescriptor.of(JAVA_INT, JAVA_INT,
      JAVA_FLOAT, JAVA_FLOAT, JAVA_FLOAT, JAVA_FLOAT, JAVA_FLOAT, JAVA_LONG, ADDRESS, ADDRESS, ADDRESS);

  private static final class d4j_f32_sgd_update {
    static final FunctionDescriptor DESC = d4j_f32_sgd_update$DESC;
    static final MethodHandle HANDLE = link("d4j_f32_sgd_update", DESC);
    // NOTE: a critical call holds off safepoints for its whole duration: short calls only.
    static final MethodHandle CRITICAL = link("d4j_f32_sgd_update", DESC, Linker.Option.critical(true));
  }

  public static FunctionDescriptor d4j_f32_sgd_update$descriptor() {
    return d4j_f32_sgd_update$DESC;
  }

  /**
   * {@snippet lang=c :
   * int32_t d4j_f32_sgd_update(int32_t nesterov, float lr, float momentum, float decay,
   *                            float gscale, float clipvalue, int64_t n, float *w, float *m,
   *                            const float *g);
   * }
   * With {@code critical} the call may take heap segments and must be short.
   */
  public static int d4j_f32_sgd_update(boolean critical, int nesterov, float lr, float momentum, float decay,
      float gscale, float clipvalue, long n, MemorySegment w, MemorySegment m, MemorySegment g) {
    try {
      return critical
          ? (int) d4j_f32_sgd_update.CRITICAL.invokeExact(nesterov, lr, momentum, decay, gscale, clipvalue,
              n, w, m, g)
          : (int) d4j_f32_sgd_update.HANDLE.invokeExact(nesterov, lr, momentum, decay, gscale, clipvalue, n,
              w, m, g);
    } catch (Error | RuntimeException ex) {
      throw ex;
    } catch (Throwable ex) {
      throw new AssertionError("should not reach here", ex);
    }
  }

  private static final FunctionDescriptor d4j_f32_adam_update$DESC = FunctionDescriptor.of(JAVA_INT,
      JAVA_FLOAT, JAVA_FLOAT, JAVA_FLOAT, JAVA_FLOAT, JAVA_FLOAT, JAVA_FLOAT, JAVA_FLOAT, JAVA_LONG, ADDRESS,
      ADDRESS, ADDRESS, ADDRESS, ADDRESS);

  private static final class d4j_f32_adam_update {
    static final FunctionDescriptor DESC = d4j_f32_adam_update$DESC;
    static final MethodHandle HANDLE = link("d4j_f32_adam_update", DESC);
    // NOTE: a critical call holds off safepoints for its whole duration: short calls only.
    static final MethodHandle CRITICAL = link("d4j_f32_adam_update", DESC, Linker.Option.critical(true));
  }

  public static FunctionDescriptor d4j_f32_adam_update$descriptor() {
    return d4j_f32_adam_update$DESC;
  }

  /**
   * {@snippet lang=c :
   * int32_t d4j_f32_adam_update(float alpha, float c1, float c2, float epsilon, float decay,
   *                             float gscale, float clipvalue, int64_t n, float *w, float *m,
   *                             float *v, float *vhat, const float *g);
   * }
   * With {@code critical} the call may take heap segments and must be short.
   */
  public static int d4j_f32_adam_update(boolean critical, float alpha, float c1, float c2, float epsilon,
      float decay, float gscale, float clipvalue, long n, MemorySegment w, MemorySegment m, MemorySegment v,
      MemorySegment vhat, MemorySegment g) {
    try {
      return critical
          ? (int) d4j_f32_adam_update.CRITICAL.invokeExact(alpha, c1, c2, epsilon, decay, gscale, clipvalue,
              n, w, m, v, vhat, g)
          : (int) d4j_f32_adam_update.HANDLE.invokeExact(alpha, c1, c2, epsilon, decay, gscale, clipvalue, n,
              w, m, v, vhat, g);
    } catch (Error | RuntimeException ex) {
      throw ex;
    } catch (Throwable ex) {
      throw new AssertionError("should not reach here", ex);
    }
  }

  private static final FunctionDescriptor d4j_f32_rmsprop_update$DESC = FunctionDescriptor.of(JAVA_INT,
      JAVA_FLOAT, JAVA_FLOAT, JAVA_FLOAT, JAVA_FLOAT, JAVA_FLOAT, JAVA_FLOAT, JAVA_FLOAT, JAVA_FLOAT,
      JAVA_LONG, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS);

  private static final class d4j_f32_rmsprop_update {
    static final FunctionDescriptor DESC = d4j_f32_rmsprop_update$DESC;
    static final MethodHandle HANDLE = link("d4j_f32_rmsprop_update", DESC);
    // NOTE: a critical call holds off safepoints for its whole duration: short calls only.
    static final MethodHandle CRITICAL = link("d4j_f32_rmsprop_update", DESC, Linker.Option.critical(true));
  }

  public static FunctionDescriptor d4j_f32_rmsprop_update$descriptor() {
    return d4j_f32_rmsprop_update$DESC;
  }

  /**
   * {@snippet lang=c :
   * int32_t d4j_f32_rmsprop_update(float lr, float rho, float c_rho, float momentum,
   *                                float epsilon, float decay, float gscale, float clipvalue,
   *                                int64_t n, float *w, float *vel, float *mom, float *avg,
   *                                const float *g);
   * }
   * With {@code critical} the call may take heap segments and must be short.
   */
  public static int d4j_f32_rmsprop_update(boolean critical, float lr, float rho, float c_rho,
      float momentum, float epsilon, float decay, float gscale, float clipvalue, long n, MemorySegment w,
      MemorySegment vel, MemorySegment mom, MemorySegment avg, MemorySegment g) {
    try {
      return critical
          ? (int) d4j_f32_rmsprop_update.CRITICAL.invokeExact(lr, rho, c_rho, momentum, epsilon, decay,
              gscale, clipvalue, n, w, vel, mom, avg, g)
          : (int) d4j_f32_rmsprop_update.HANDLE.invokeExact(lr, rho, c_rho, momentum, epsilon, decay, gscale,
              clipvalue, n, w, vel, mom, avg, g);
    } catch (Error | RuntimeException ex) {
      throw ex;
    } catch (Throwable ex) {
      throw new AssertionError("should not reach here", ex);
    }
  }
}
