// SPDX-License-Identifier: Apache-2.0

import java.nio.charset.StandardCharsets;

/**
 * Hostile and malformed HTTP requests, each with what a correct server may answer: a 4xx, a 503,
 * or closing the connection; never a 200 for something malformed, never a 500, never silence.
 */
final class Hostile {

  record Case(String name, byte[] request, String allowed) {
    /** allowed: a list of acceptable status codes, "closed" when a close without answer is fine. */
    boolean acceptable(String reply) {
      if (reply == null) {
        return allowed.contains("closed");
      }
      if (!reply.startsWith("HTTP/1.1 ") || reply.length() < 12) {
        return false;
      }
      return allowed.contains(reply.substring(9, 12));
    }
  }

  static Case c(String name, String request, String allowed) {
    return new Case(name, request.getBytes(StandardCharsets.ISO_8859_1), allowed);
  }

  static Case predict(String name, String body, String allowed) {
    return c(name, "POST /v1/predict HTTP/1.1\r\nHost: x\r\nContent-Length: " + body.getBytes(StandardCharsets.UTF_8).length
        + "\r\n\r\n" + body, allowed);
  }

  static final String BAD = "400 closed";

  static final Case[] CASES = {
      c("garbage request line", "\u0000\u0001\u0002 / HTTP/1.1\r\n\r\n", BAD + " 404 405"),
      c("no version", "GET /healthz\r\n\r\n", BAD + " 505"),
      c("HTTP/2.0 version", "GET /healthz HTTP/2.0\r\nHost: x\r\n\r\n", BAD + " 505 200"),
      c("lowercase method", "get /healthz HTTP/1.1\r\nHost: x\r\n\r\n", "405 400 closed"),
      c("TRACE", "TRACE /healthz HTTP/1.1\r\nHost: x\r\n\r\n", "405 closed"),
      c("CONNECT", "CONNECT 127.0.0.1:22 HTTP/1.1\r\nHost: x\r\n\r\n", "404 405 400 closed"),
      c("absolute URI elsewhere", "GET http://example.com/healthz HTTP/1.1\r\nHost: x\r\n\r\n", "200 400 404 closed"),
      c("path traversal", "GET /../../etc/passwd HTTP/1.1\r\nHost: x\r\n\r\n", "404 400 closed"),
      c("bad percent escape", "GET /%zz HTTP/1.1\r\nHost: x\r\n\r\n", "404 400 closed"),
      c("header without colon", "GET /healthz HTTP/1.1\r\nHost x\r\n\r\n", BAD),
      c("16 KiB header value", "GET /healthz HTTP/1.1\r\nX: " + "a".repeat(16 << 10) + "\r\n\r\n", "431 400 closed"),
      c("1000 headers", "GET /healthz HTTP/1.1\r\n" + "X-A: b\r\n".repeat(1000) + "\r\n", "431 400 closed"),
      c("negative Content-Length", "POST /v1/predict HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\n\r\n", BAD),
      c("Content-Length not a number", "POST /v1/predict HTTP/1.1\r\nHost: x\r\nContent-Length: 1e3\r\n\r\n", BAD),
      c("huge Content-Length", "POST /v1/predict HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999999999999999\r\n\r\n",
          BAD + " 413"),
      c("Content-Length over the limit", "POST /v1/predict HTTP/1.1\r\nHost: x\r\nContent-Length: 9000000\r\n\r\n", "413"),
      c("two Content-Lengths", "POST /v1/predict HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nContent-Length: 40\r\n\r\n{}",
          BAD),
      c("chunked body", "POST /v1/predict HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n",
          "411 400 closed"),
      c("chunked and Content-Length", "POST /v1/predict HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n"
          + "Content-Length: 2\r\n\r\n2\r\n{}\r\n0\r\n\r\n", "411 400 closed"),
      c("body shorter than declared, then close", "POST /v1/predict HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{}",
          "400 closed"),
      predict("empty body", "", BAD),
      predict("not JSON", "hello", BAD),
      predict("JSON array", "[1,2]", BAD),
      predict("deep nesting", "{\"inputs\": " + "[".repeat(5000) + "]".repeat(5000) + "}", BAD),
      predict("NaN", "{\"inputs\": [[NaN]]}", BAD),
      predict("1e999", "{\"inputs\": [[1e999]]}", BAD),
      predict("300-digit number", "{\"inputs\": [[" + "9".repeat(300) + "]]}", BAD),
      predict("strings", "{\"inputs\": [[\"a\"]]}", BAD),
      predict("unknown field", "{\"inputs\": [], \"x\": 1}", BAD),
      predict("inputs twice", "{\"inputs\": [], \"inputs\": []}", BAD),
      predict("trailing garbage", "{\"inputs\": []} xyz", BAD),
      predict("too many samples", "{\"inputs\": [" + "[0],".repeat(2000) + "[0]]}", BAD),
      predict("invalid UTF-8", "{\"inputs\": [[\u00ff\u00fe]]}", BAD),
      c("GET with a body", "GET /healthz HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello", "200 400 closed"),
      c("unknown path", "GET /admin HTTP/1.1\r\nHost: x\r\n\r\n", "404"),
      c("metrics by POST", "POST /metrics HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n", "405"),
      c("reload by GET", "GET /v1/reload HTTP/1.1\r\nHost: x\r\n\r\n", "405"),
      c("CR without LF", "GET /healthz HTTP/1.1\rHost: x\r\r", BAD),
      c("only CRLFs", "\r\n\r\n\r\n\r\n", BAD),
      c("pipelined: good then garbage", "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n\u0000garbage\r\n\r\n", "200"),
  };

  private Hostile() {}
}
