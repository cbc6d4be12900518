/**
 * Preloaded into the server process (`node --import`): Node's HTTP server answers requests it
 * cannot parse — headers over its limit (431), malformed request lines (400), a request that
 * timed out (408) — itself, before Next.js sees them, with an empty body. This gives every HTTP
 * server the process creates a `clientError` listener that answers the same statuses as an
 * RFC 9457 problem document, like every other error of the API.
 */
import http from "node:http";

const ANSWERS = {
  HPE_HEADER_OVERFLOW: [431, "Request Header Fields Too Large", "headers_too_large", "The request's header fields are too large."],
  HPE_CHUNK_EXTENSIONS_OVERFLOW: [413, "Payload Too Large", "payload_too_large", "The chunk extensions are too large."],
  ERR_HTTP_REQUEST_TIMEOUT: [408, "Request Timeout", "request_timeout", "The request did not arrive in time."],
};
const BAD_REQUEST = [400, "Bad Request", "malformed_request", "The request is not valid HTTP."];

/** The raw response, written straight to the socket (there is no request object to answer through). */
export function clientErrorResponse(code) {
  const [status, reason, problemCode, detail] = ANSWERS[code] ?? BAD_REQUEST;
  const body = JSON.stringify({ type: `urn:terrane:problem:${problemCode}`, title: reason, status, detail, code: problemCode });
  return [
    `HTTP/1.1 ${status} ${reason}`,
    "Content-Type: application/problem+json",
    `Content-Length: ${Buffer.byteLength(body)}`,
    "Cache-Control: no-store",
    "X-Content-Type-Options: nosniff",
    "Connection: close",
    "",
    body,
  ].join("\r\n");
}

/** What Node does by default (lib/_http_server.js socketOnError), with a problem document as the body. */
export function answerClientError(err, socket) {
  if (err?.code !== "ECONNRESET" && socket.writable && socket.bytesWritten === 0) socket.end(clientErrorResponse(err?.code));
  else socket.destroy();
}

const createServer = http.createServer;
http.createServer = function createServerAnsweringClientErrors(...args) {
  const server = createServer.apply(this, args);
  server.on("clientError", answerClientError);
  return server;
};
