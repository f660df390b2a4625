// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.models;

import dev.dense4j.metrics.Metric;

/** Whether a monitored value should go down or up (Keras' {@code mode}: "min", "max", "auto"). */
public enum MonitorMode {
  AUTO,
  MIN,
  MAX;

  /**
   * True when larger is better for {@code monitor} on {@code model}: {@code loss} goes down,
   * compiled metrics say themselves; anything else needs an explicit mode, as in Keras.
   */
  boolean higherIsBetter(String owner, String monitor, Sequential model) {
    if (this != AUTO) {
      return this == MAX;
    }
    String base = monitor.startsWith("val_") ? monitor.substring(4) : monitor;
    if (base.equals("loss")) {
      return false;
    }
    for (Metric m : model.metrics()) {
      if (m.name().equals(base)) {
        return m.higherIsBetter();
      }
    }
    throw new IllegalArgumentException(owner + ": cannot tell whether '" + monitor + "' should be minimized or "
        + "maximized; pass MonitorMode.MIN or MonitorMode.MAX; received monitor=" + monitor);
  }
}
