// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.layers;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Keras-style automatic layer names: {@code dense}, {@code dense_1}, {@code dense_2}, … per JVM. */
final class LayerNames {

  private static final ConcurrentHashMap<String, AtomicInteger> COUNTERS = new ConcurrentHashMap<>();

  private LayerNames() {}

  static String next(String prefix) {
    int n = COUNTERS.computeIfAbsent(prefix, p -> new AtomicInteger()).getAndIncrement();
    return n == 0 ? prefix : prefix + "_" + n;
  }
}
