// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.backend;

import dev.dense4j.internal.Backends;
import java.util.Optional;

/**
 * Where the arithmetic runs.
 *
 * <ul>
 *   <li>{@link #NATIVE}: OpenBLAS (or the CBLAS given by {@code -Ddense4j.blas}) for the GEMM and
 *       libdense4j for the fused bias + activation;
 *   <li>{@link #REFERENCE}: plain Java with float64 accumulation, slow but dependable: the test
 *       oracle, and the fallback when natives cannot load on this machine.
 * </ul>
 *
 * <p>{@link #preferred()} is chosen once per JVM: {@code -Ddense4j.backend=reference} forces the
 * fallback, {@code native} requires the natives, and the default picks native when it loads.
 */
public enum Backend {
  REFERENCE,
  NATIVE;

  /** True when this backend can run on this machine. */
  public boolean isAvailable() {
    return Backends.unavailableReason(this).isEmpty();
  }

  /** Why this backend cannot run here, when it cannot. */
  public Optional<String> unavailableReason() {
    return Backends.unavailableReason(this);
  }

  /** The backend layers use unless told otherwise. */
  public static Backend preferred() {
    return Backends.preferred();
  }

  /** One line about the loaded natives (BLAS library, version, core, threads, ISA), or the reason they are missing. */
  public static String nativeDescription() {
    return Backends.nativeDescription();
  }
}
