// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.internal;

import dev.dense4j.backend.Backend;
import dev.dense4j.internal.ffm.NativeKernels;
import dev.dense4j.internal.ffm.NativeLibraries;
import dev.dense4j.internal.ffm.bindings.CblasH;
import dev.dense4j.internal.ffm.bindings.Dense4jH;
import dev.dense4j.internal.reference.ReferenceKernels;
import java.lang.System.Logger.Level;
import java.util.Locale;
import java.util.Optional;

/** Picks and holds the kernels of each {@link Backend}; natives are probed once, on first use. */
public final class Backends {

  private static final System.Logger LOG = System.getLogger("dev.dense4j");

  private Backends() {}

  /** The result of probing the natives, computed once (holder idiom). */
  private static final class NativeProbe {
    static final Kernels KERNELS;
    static final String FAILURE;
    static final String DESCRIPTION;

    static {
      Kernels kernels = null;
      String failure = null;
      String description;
      try {
        NativeLibraries.Loaded loaded = NativeLibraries.loaded();
        int abi = Dense4jH.d4j_abi_version();
        if (abi != Dense4jH.D4J_ABI_VERSION) {
          throw new IllegalStateException("libdense4j at " + loaded.dense4jPath() + " has ABI version "
              + abi + "; these bindings need " + Dense4jH.D4J_ABI_VERSION);
        }
        kernels = new NativeKernels();
        description = "BLAS " + loaded.blasSource()
            + " | " + CblasH.openblas_get_config().orElse("(not OpenBLAS)")
            + " | core " + CblasH.openblas_get_corename().orElse("?")
            + " | BLAS threads " + CblasH.openblas_get_num_threads()
            + " | libdense4j ISA " + isaName(Dense4jH.d4j_isa_best());
        LOG.log(Level.DEBUG, "dense4j native backend: {0}", description);
      } catch (Throwable t) {
        // the loader's holder wraps its first failure; the cause carries the reason
        Throwable reason = t instanceof ExceptionInInitializerError e && e.getCause() != null ? e.getCause() : t;
        failure = reason.getClass().getSimpleName() + ": " + reason.getMessage();
        description = "natives unavailable: " + failure;
        LOG.log(Level.WARNING, "dense4j natives unavailable, using the pure-Java reference backend: {0}", failure);
      }
      KERNELS = kernels;
      FAILURE = failure;
      DESCRIPTION = description;
    }
  }

  private static final class Preferred {
    static final Backend VALUE = choose();

    private static Backend choose() {
      String wanted = System.getProperty("dense4j.backend", "auto").toLowerCase(Locale.ROOT);
      return switch (wanted) {
        case "reference" -> Backend.REFERENCE;
        case "native" -> {
          if (NativeProbe.FAILURE != null) {
            throw new IllegalStateException("-Ddense4j.backend=native, but " + NativeProbe.FAILURE);
          }
          yield Backend.NATIVE;
        }
        case "auto" -> NativeProbe.KERNELS != null ? Backend.NATIVE : Backend.REFERENCE;
        default -> throw new IllegalArgumentException(
            "-Ddense4j.backend must be auto, native or reference; received " + wanted);
      };
    }
  }

  public static Backend preferred() {
    return Preferred.VALUE;
  }

  public static Optional<String> unavailableReason(Backend backend) {
    return backend == Backend.NATIVE ? Optional.ofNullable(NativeProbe.FAILURE) : Optional.empty();
  }

  public static String nativeDescription() {
    return NativeProbe.DESCRIPTION;
  }

  /** The kernels of a backend; throws with the reason when it is unavailable. */
  public static Kernels kernels(Backend backend) {
    return switch (backend) {
      case REFERENCE -> ReferenceKernels.INSTANCE;
      case NATIVE -> {
        if (NativeProbe.KERNELS == null) {
          throw new IllegalStateException("Native backend unavailable: " + NativeProbe.FAILURE);
        }
        yield NativeProbe.KERNELS;
      }
    };
  }

  static String isaName(int isa) {
    return switch (isa) {
      case 1 -> "portable";
      case 2 -> "avx2";
      case 3 -> "avx512";
      case 4 -> "avx512_vnni";
      case 5 -> "avx512_bf16";
      default -> "unknown(" + isa + ")";
    };
  }
}
