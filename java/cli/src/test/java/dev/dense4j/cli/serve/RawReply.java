// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.cli.serve;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** Reads one HTTP/1.1 response off a raw socket, headers and body (by Content-Length), as text. */
final class RawReply {

  private RawReply() {}

  static String read(InputStream in) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    int length = -1;
    int c;
    while ((c = in.read()) >= 0) {
      b.write(c);
      String text = b.toString(StandardCharsets.ISO_8859_1);
      if (text.endsWith("\r\n\r\n")) {
        for (String line : text.split("\r\n")) {
          if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
            length = Integer.parseInt(line.substring(15).trim());
          }
        }
        break;
      }
    }
    if (length > 0) {
      b.write(in.readNBytes(length));
    }
    return b.toString(StandardCharsets.UTF_8);
  }
}
