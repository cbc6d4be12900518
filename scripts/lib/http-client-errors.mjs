/**
 * Preloaded into the server process (`node --import`), for what happens before Next.js (and
 * proxy.ts) can answer:
 * - Node's HTTP server answers requests it cannot parse — headers over its limit (431),
 *   malformed request lines (400), a request that timed out (408) — itself, with an empty
 *   body. Every HTTP server the process creates gets a `clientError` listener that answers the
 *   same statuses as an RFC 9457 problem document, like every other error of the API.
 * - TRACE and TRACK parse, but Next.js cannot even build a Request for them (fetch forbids
 *   them) and answers 500. They are answered 501 here: no resource of Terrane supports them.
 */
import http from "node:http";

const ANSWERS = {
  HPE_HEADER_OVERFLOW: [
    431,
    "Request Header Fields Too Large",
    "headers_too_large",
    "The request's header fields are too large.",
  ],
  HPE_CHUNK_EXTENSIONS_OVERFLOW: [413, "Payload Too Large", "payload_too_large", "The chunk extensions are too large."],
  ERR_HTTP_REQUEST_TIMEOUT: [408, "Request Timeout", "request_timeout", "The request did not arrive in time."],
};
const BAD_REQUEST = [400, "Bad Request", "malformed_request", "The request is not valid HTTP."];
const NOT_IMPLEMENTED = [501, "Not Implemented", "method_not_implemented", "No resource here supports this method."];
/** Methods Node parses but fetch's Request refuses (CONNECT goes to the server's 'connect' event, which nobody handles: Node closes the socket). */
const UNSUPPORTED_METHODS = new Set(["TRACE", "TRACK"]);

/** The security headers proxy.ts sets on every other answer (HSTS when served over https). */
function securityHeaders() {
  const headers = { "X-Content-Type-Options": "nosniff", "X-Frame-Options": "DENY", "Referrer-Policy": "same-origin" };
  if ((process.env.NEXTAUTH_URL ?? "").trim().startsWith("https://"))
    headers["Strict-Transport-Security"] = "max-age=63072000; includeSubDomains";
  return headers;
}

/** The raw response, written straight to the socket (there is no request object to answer through). */
export function clientErrorResponse(code) {
  return rawProblem(ANSWERS[code] ?? BAD_REQUEST);
}

function rawProblem([status, reason, problemCode, detail]) {
  const body = JSON.stringify({
    type: `urn:terrane:problem:${problemCode}`,
    title: reason,
    status,
    detail,
    code: problemCode,
  });
  return [
    `HTTP/1.1 ${status} ${reason}`,
    "Content-Type: application/problem+json",
    `Content-Length: ${Buffer.byteLength(body)}`,
    "Cache-Control: no-store",
    ...Object.entries(securityHeaders()).map(([name, value]) => `${name}: ${value}`),
    "Connection: close",
    "",
    body,
  ].join("\r\n");
}

/** What Node does by default (lib/_http_server.js socketOnError), with a problem document as the body. */
export function answerClientError(err, socket) {
  if (err?.code !== "ECONNRESET" && socket.writable && socket.bytesWritten === 0)
    socket.end(clientErrorResponse(err?.code));
  else socket.destroy();
}

/** The request listener, but TRACE and TRACK are answered before it runs. */
function refusingUnsupportedMethods(listener) {
  return function requestListener(req, res) {
    if (!UNSUPPORTED_METHODS.has(req.method)) return listener.call(this, req, res);
    const [status, , code, detail] = NOT_IMPLEMENTED;
    const body = JSON.stringify({
      type: `urn:terrane:problem:${code}`,
      title: "Not implemented",
      status,
      detail,
      code,
    });
    res.writeHead(status, {
      "content-type": "application/problem+json",
      "cache-control": "no-store",
      ...securityHeaders(),
      "content-length": Buffer.byteLength(body),
    });
    res.end(body);
  };
}

const createServer = http.createServer;
http.createServer = function createServerAnsweringClientErrors(...args) {
  const i = args.findIndex((a) => typeof a === "function");
  if (i >= 0) args[i] = refusingUnsupportedMethods(args[i]);
  const server = createServer.apply(this, args);
  server.on("clientError", answerClientError);
  return server;
};
