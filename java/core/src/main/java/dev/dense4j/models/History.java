// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.models;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code fit} returns (Keras' {@code History}): for each logged name ({@code loss}, the
 * metrics, and their {@code val_} versions) the value at the end of each epoch.
 */
public final class History {

  private final List<Integer> epochs = new ArrayList<>();
  private final Map<String, List<Double>> values = new LinkedHashMap<>();

  void record(int epoch, Map<String, Double> logs) {
    epochs.add(epoch);
    logs.forEach((k, v) -> values.computeIfAbsent(k, key -> new ArrayList<>()).add(v));
  }

  /** The epochs that ran, 0-based. */
  public List<Integer> epochs() {
    return Collections.unmodifiableList(epochs);
  }

  /** Keras' {@code history.history}: name → one value per epoch. */
  public Map<String, List<Double>> history() {
    Map<String, List<Double>> copy = new LinkedHashMap<>();
    values.forEach((k, v) -> copy.put(k, List.copyOf(v)));
    return copy;
  }

  /** The values of one name; throws for a name that was never logged. */
  public List<Double> get(String name) {
    List<Double> v = values.get(name);
    if (v == null) {
      throw new IllegalArgumentException("History: no values for '" + name + "'; logged: " + values.keySet());
    }
    return List.copyOf(v);
  }

  @Override
  public String toString() {
    return "History" + values;
  }
}
