// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.internal.ffm;

import dev.dense4j.internal.ffm.bindings.Dense4jH;

/** Turns libdense4j status codes into words. */
final class NativeStatus {

  private NativeStatus() {}

  static String describe(int status) {
    String name = Dense4jH.d4j_status_name(status).reinterpret(256).getString(0);
    return status < 0 ? name + " (argument " + -status + ")" : name;
  }
}
