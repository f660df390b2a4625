// SPDX-License-Identifier: Apache-2.0

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** Minimal HTTP/1.1 over a raw socket: a request out, one reply (headers and body) back as text. */
final class Http {

  private Http() {}

  static String get(Socket s, String path) throws IOException {
    s.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: x\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
    s.getOutputStream().flush();
    return readReply(s.getInputStream());
  }

  static String post(Socket s, String path, byte[] body) throws IOException {
    s.getOutputStream().write(("POST " + path + " HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
        + "Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
    s.getOutputStream().write(body);
    s.getOutputStream().flush();
    return readReply(s.getInputStream());
  }

  /** The reply, or null when the connection closed before a status line. */
  static String readReply(InputStream in) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    int length = 0;
    int c;
    int state = 0; // matched bytes of \r\n\r\n
    while (state < 4) {
      try {
        c = in.read();
      } catch (java.net.SocketException e) {
        c = -1; // reset
      }
      if (c < 0) {
        return b.size() == 0 ? null : b.toString(StandardCharsets.ISO_8859_1);
      }
      b.write(c);
      state = (c == '\r' && (state == 0 || state == 2)) || (c == '\n' && (state == 1 || state == 3)) ? state + 1
          : (c == '\r' ? 1 : 0);
    }
    for (String line : b.toString(StandardCharsets.ISO_8859_1).split("\r\n")) {
      if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
        length = Integer.parseInt(line.substring(15).trim());
      }
    }
    b.write(in.readNBytes(length));
    return b.toString(StandardCharsets.UTF_8);
  }
}
