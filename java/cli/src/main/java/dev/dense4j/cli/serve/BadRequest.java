// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.cli.serve;

/** A request the server refuses with a 4xx status and a message for the client. */
final class BadRequest extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final int status;

  BadRequest(int status, String message) {
    super(message, null, false, false);
    this.status = status;
  }

  BadRequest(String message) {
    this(400, message);
  }

  int status() {
    return status;
  }
}
