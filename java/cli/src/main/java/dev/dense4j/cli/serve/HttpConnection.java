// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.cli.serve;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * One persistent HTTP/1.1 connection for the load generator and the server's own watch of its
 * traffic listener ({@link TrafficWatch}): a request out, the status and the body (by
 * {@code Content-Length}) back. Small on purpose, so that the client costs little next to the
 * server it measures.
 */
final class HttpConnection implements AutoCloseable {

  private final String host;
  private final Socket socket;
  private final OutputStream out;
  private final InputStream in;
  private final ByteArrayOutputStream line = new ByteArrayOutputStream(128);

  /** The status code, content type and body of a response. */
  record Reply(int status, String contentType, byte[] body) {
    String text() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  HttpConnection(String host, int port) throws IOException {
    this(host, port, 5_000, 60_000);
  }

  /** Connects within {@code connectTimeoutMs}; each read then waits at most {@code readTimeoutMs}. */
  HttpConnection(String host, int port, int connectTimeoutMs, int readTimeoutMs) throws IOException {
    this.host = host;
    this.socket = new Socket();
    socket.setTcpNoDelay(true);
    socket.connect(new InetSocketAddress(host, port), connectTimeoutMs);
    socket.setSoTimeout(readTimeoutMs);
    this.out = socket.getOutputStream();
    this.in = new BufferedInputStream(socket.getInputStream(), 1 << 16);
  }

  Reply post(String path, byte[] body) throws IOException {
    String head = "POST " + path + " HTTP/1.1\r\nHost: " + host + "\r\nContent-Type: application/json\r\nContent-Length: "
        + body.length + "\r\n\r\n";
    out.write(head.getBytes(StandardCharsets.US_ASCII));
    out.write(body);
    out.flush();
    return read();
  }

  Reply get(String path) throws IOException {
    out.write(("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
    out.flush();
    return read();
  }

  private Reply read() throws IOException {
    String status = readLine();
    if (!status.startsWith("HTTP/1.1 ") || status.length() < 12) {
      throw new IOException("not an HTTP/1.1 status line: " + status);
    }
    int code = Integer.parseInt(status.substring(9, 12));
    int length = 0;
    String type = null;
    for (String h = readLine(); !h.isEmpty(); h = readLine()) {
      int colon = h.indexOf(':');
      String name = colon > 0 ? h.substring(0, colon).trim() : "";
      if (name.equalsIgnoreCase("Content-Length")) {
        length = Integer.parseInt(h.substring(colon + 1).trim());
      } else if (name.equalsIgnoreCase("Content-Type")) {
        type = h.substring(colon + 1).trim();
      }
    }
    byte[] body = in.readNBytes(length);
    if (body.length != length) {
      throw new IOException("connection closed after " + body.length + " of " + length + " body bytes");
    }
    return new Reply(code, type, body);
  }

  private String readLine() throws IOException {
    line.reset();
    for (int c = in.read(); c != '\n'; c = in.read()) {
      if (c < 0) {
        throw new IOException("connection closed by the server");
      }
      if (c != '\r') {
        line.write(c);
      }
    }
    return line.toString(StandardCharsets.US_ASCII);
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
