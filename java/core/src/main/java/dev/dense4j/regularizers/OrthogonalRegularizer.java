// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.regularizers;

import dev.dense4j.config.ConfigReader;
import dev.dense4j.internal.WeightOps;
import dev.dense4j.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keras' {@code OrthogonalRegularizer(factor=0.01, mode="rows")}
 * ({@code "orthogonal_regularizer"}): pushes the rows (or columns) of a rank-2 weight towards
 * mutual orthogonality.
 *
 * <p>In {@code rows} mode each row is L2-normalized ({@code x / sqrt(max(Σx², ε²))}, ε = 1e-7),
 * {@code P = X·Xᵀ} and {@code n = rows}; in {@code columns} mode the columns, {@code P = Xᵀ·X} and
 * {@code n = cols}. With the diagonal of {@code P} zeroed:
 * {@code penalty = factor · 0.5 · Σ|P_ij| / (n(n−1)/2)}, i.e. {@code factor} times the mean absolute
 * cosine similarity over pairs. With {@code n = 1} this is {@code 0/0 = NaN}, as in Keras.
 *
 * <p>The factor is kept as a float32, so the config holds the float32-rounded value
 * ({@code {"factor": 0.009999999776482582, "mode": "rows"}}).
 */
public final class OrthogonalRegularizer implements Regularizer {

  private final float factor;
  private final String mode;

  /** Keras' defaults: 0.01, rows. */
  public OrthogonalRegularizer() {
    this(0.01, "rows");
  }

  /**
   * @param factor the factor; finite and {@code >= 0}
   * @param mode {@code "rows"} or {@code "columns"}
   */
  public OrthogonalRegularizer(double factor, String mode) {
    Penalties.requireFactor("OrthogonalRegularizer", "factor", factor);
    if (!"rows".equals(mode) && !"columns".equals(mode)) {
      throw new IllegalArgumentException("OrthogonalRegularizer: mode must be rows or columns; received mode=" + mode);
    }
    this.factor = (float) factor;
    this.mode = mode;
  }

  public float factor() {
    return factor;
  }

  public String mode() {
    return mode;
  }

  @Override
  public String className() {
    return "OrthogonalRegularizer";
  }

  /** The penalty on the preferred backend; a layer or optimizer runs it on its own backend. */
  @Override
  public double penalty(Tensor x) {
    return WeightOps.standalone().penalty(this, x);
  }

  /** The gradient on the preferred backend; a layer or optimizer runs it on its own backend. */
  @Override
  public void addGradient(Tensor x, Tensor grad) {
    WeightOps.standalone().addGradient(this, x, grad);
  }

  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("factor", (double) factor);
    c.put("mode", mode);
    return c;
  }

  static OrthogonalRegularizer fromConfig(ConfigReader r) {
    r.checkKeys(List.of("factor", "mode"));
    if (r.has("factor") && r.raw("factor") == null) {
      throw r.fail("factor", "must be a finite number >= 0", null);
    }
    return new OrthogonalRegularizer(r.getDouble("factor", 0.01), r.getString("mode", "rows"));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof OrthogonalRegularizer other && Float.compare(other.factor, factor) == 0
        && other.mode.equals(mode);
  }

  @Override
  public int hashCode() {
    return 31 * Float.hashCode(factor) + mode.hashCode();
  }

  @Override
  public String toString() {
    return "OrthogonalRegularizer(factor=" + factor + ", mode=" + mode + ")";
  }
}
