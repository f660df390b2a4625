// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.internal.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dense4j.activations.Activations;
import dev.dense4j.activations.BuiltinActivation;
import dev.dense4j.internal.ActivationKind;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** The float64 derivatives against central finite differences of the float64 forward formulas. */
class ReferenceDerivativesTest {

  static final double H = 1e-6;

  static Stream<BuiltinActivation> elementwise() {
    List<BuiltinActivation> all = new ArrayList<>();
    for (ActivationKind k : ActivationKind.values()) {
      if (!k.rowwise() && k != ActivationKind.THRESHOLD) {
        all.add((BuiltinActivation) Activations.get(k.kerasName()));
      }
    }
    all.add((BuiltinActivation) Activations.threshold(0.3f, -1f));
    all.add((BuiltinActivation) Activations.relu(0.5f, 5f, 1f));
    all.add((BuiltinActivation) Activations.relu(0.1f, Float.POSITIVE_INFINITY, -1f));
    all.add((BuiltinActivation) Activations.gelu(true));
    all.add((BuiltinActivation) Activations.celu(1.7f));
    return all.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("elementwise")
  void elementwiseDerivativesAreSlopesOfTheForward(BuiltinActivation a) {
    SplittableRandom rng = new SplittableRandom(1);
    int checked = 0;
    for (int i = 0; i < 2000; i++) {
      double x = rng.nextDouble(-8, 8);
      double up = ReferenceMath.apply(a.kind(), a.p0(), a.p1(), a.p2(), x + H);
      double down = ReferenceMath.apply(a.kind(), a.p0(), a.p1(), a.p2(), x - H);
      double mid = ReferenceMath.apply(a.kind(), a.p0(), a.p1(), a.p2(), x);
      if (Math.abs((up - mid) - (mid - down)) > 1e-9 * (1 + Math.abs(mid))) {
        continue; // a kink or a jump within H
      }
      double fd = (up - down) / (2 * H);
      double d = ReferenceDerivatives.derivative(a.kind(), a.p0(), a.p1(), a.p2(), x);
      assertEquals(fd, d, 1e-6 * Math.max(1, Math.abs(fd)), a + " at x=" + x);
      checked++;
    }
    assertTrue(checked > 1900, checked + " points checked");
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(value = ActivationKind.class, names = {"SOFTMAX", "LOG_SOFTMAX", "GLU", "SPARSEMAX"})
  void rowwiseJvpsAreGradientsOfTheForward(ActivationKind kind) {
    SplittableRandom rng = new SplittableRandom(2);
    int n = 8;
    int w = kind.outputWidth(n);
    for (int trial = 0; trial < 50; trial++) {
      double[] z = new double[n];
      double[] dy = new double[w];
      for (int j = 0; j < n; j++) {
        z[j] = rng.nextDouble(-3, 3);
      }
      for (int j = 0; j < w; j++) {
        dy[j] = rng.nextDouble(-1, 1);
      }
      double[] dz = new double[n];
      ReferenceDerivatives.rowJvp(kind, z, n, dy, dz);
      for (int k = 0; k < n; k++) {
        double keep = z[k];
        z[k] = keep + H;
        double up = phi(kind, z, n, dy);
        z[k] = keep - H;
        double down = phi(kind, z, n, dy);
        z[k] = keep;
        assertEquals((up - down) / (2 * H), dz[k], 1e-6, kind + " component " + k);
      }
    }
  }

  // phi(z) = <dy, act(z)>: its gradient is the JVP
  private static double phi(ActivationKind kind, double[] z, int n, double[] dy) {
    double[] y = new double[n];
    ReferenceMath.applyRow(kind, z, n, y);
    double s = 0;
    for (int j = 0; j < dy.length; j++) {
      s += dy[j] * y[j];
    }
    return s;
  }

  @Test
  void kinksTakeTheSideOfTheForwardBranch() {
    assertEquals(0, ReferenceDerivatives.derivative(ActivationKind.RELU, 0, Double.POSITIVE_INFINITY, 0, 0));
    assertEquals(1, ReferenceDerivatives.derivative(ActivationKind.LEAKY_RELU, 0.2, 0, 0, 0));
    assertEquals(0, ReferenceDerivatives.derivative(ActivationKind.RELU6, 0, 0, 0, 6));
    assertEquals(0.5, ReferenceDerivatives.derivative(ActivationKind.SQUAREPLUS, 0, 0, 0, 0));
  }
}
