// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.models;

import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Keras' {@code EarlyStopping}: stops training when {@code monitor} has not improved by more
 * than {@code minDelta} for {@code patience} epochs (never at epoch 0).
 *
 * <p>Defaults as Keras: {@code monitor="val_loss", min_delta=0, patience=0, mode="auto",
 * baseline=None, restore_best_weights=False, start_from_epoch=0}. An improvement against a
 * {@code baseline} is needed before the patience counter resets. With
 * {@code restoreBestWeights}, the weights of the best epoch are put back when training ends.
 */
public final class EarlyStopping implements Callback {

  private static final System.Logger LOG = System.getLogger("dev.dense4j");

  private String monitor = "val_loss";
  private double minDelta;
  private int patience;
  private MonitorMode mode = MonitorMode.AUTO;
  private Double baseline;
  private boolean restoreBestWeights;
  private int startFromEpoch;

  private boolean maximize;
  private int wait;
  private int stoppedEpoch;
  private int bestEpoch;
  private Double best;
  private List<float[]> bestWeights;

  public EarlyStopping monitor(String monitor) {
    this.monitor = Objects.requireNonNull(monitor, "monitor");
    return this;
  }

  public EarlyStopping minDelta(double minDelta) {
    if (!Double.isFinite(minDelta)) {
      throw new IllegalArgumentException("EarlyStopping: min_delta must be finite; received min_delta=" + minDelta);
    }
    this.minDelta = Math.abs(minDelta);
    return this;
  }

  public EarlyStopping patience(int patience) {
    if (patience < 0) {
      throw new IllegalArgumentException("EarlyStopping: patience must be >= 0; received patience=" + patience);
    }
    this.patience = patience;
    return this;
  }

  public EarlyStopping mode(MonitorMode mode) {
    this.mode = Objects.requireNonNull(mode, "mode");
    return this;
  }

  public EarlyStopping baseline(double baseline) {
    this.baseline = baseline;
    return this;
  }

  public EarlyStopping restoreBestWeights(boolean restoreBestWeights) {
    this.restoreBestWeights = restoreBestWeights;
    return this;
  }

  public EarlyStopping startFromEpoch(int startFromEpoch) {
    this.startFromEpoch = startFromEpoch;
    return this;
  }

  /** The epoch at which training was stopped, or 0 when it was not. */
  public int stoppedEpoch() {
    return stoppedEpoch;
  }

  /** The epoch with the best monitored value. */
  public int bestEpoch() {
    return bestEpoch;
  }

  @Override
  public void onTrainBegin(Sequential model) {
    maximize = mode.higherIsBetter("EarlyStopping", monitor, model);
    wait = 0;
    stoppedEpoch = 0;
    bestEpoch = 0;
    best = null;
    bestWeights = null;
  }

  @Override
  public void onEpochEnd(Sequential model, int epoch, Map<String, Double> logs) {
    Double current = logs.get(monitor);
    if (current == null) {
      LOG.log(Level.WARNING, "EarlyStopping: metric ''{0}'' is not available; available: {1}", monitor, logs.keySet());
      return;
    }
    if (epoch < startFromEpoch) {
      return;
    }
    if (restoreBestWeights && bestWeights == null) {
      bestWeights = model.getWeights();
      bestEpoch = epoch;
    }
    wait++;
    if (improves(current, best)) {
      best = current;
      bestEpoch = epoch;
      if (restoreBestWeights) {
        bestWeights = model.getWeights();
      }
      if (baseline == null || improves(current, baseline)) {
        wait = 0;
      }
      return;
    }
    if (wait >= patience && epoch > 0) {
      stoppedEpoch = epoch;
      model.stopTraining();
    }
  }

  // Keras' _is_improvement: monitor_op(current - min_delta, reference), min_delta negated for "min"
  private boolean improves(double current, Double reference) {
    if (reference == null) {
      return true;
    }
    return maximize ? current - minDelta > reference : current + minDelta < reference;
  }

  @Override
  public void onTrainEnd(Sequential model, Map<String, Double> logs) {
    if (restoreBestWeights && bestWeights != null) {
      model.setWeights(bestWeights);
    }
  }
}
