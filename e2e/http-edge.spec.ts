/**
 * The HTTP edge of the built server, where route handlers are not yet (or no longer) in
 * charge: security headers on every kind of answer (pages, API success and problems, public
 * endpoints), HSTS when the instance is served over https, and the requests Next.js or Node
 * would answer themselves — undecodable paths, TRACE, methods a route does not export, header
 * fields over Node's limit — each a problem document.
 */
import http from "node:http";
import net from "node:net";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { apiToken, expect, instanceUrl, test } from "./fixtures";
import { freePort, startInstance, type Instance } from "../scripts/lib/instance";

interface Raw {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A request exactly as written (no client-side normalising of the path, any method, any header size). */
function raw(base: string, method: string, rawPath: string, headers: Record<string, string> = {}): Promise<Raw> {
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: "127.0.0.1", port: url.port, method, path: rawPath, headers, maxHeaderSize: 64 * 1024 },
      (res) => {
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (c: string) => (body += c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on("error", reject);
    req.end();
  });
}

/**
 * Header fields too large for the server: written on a bare socket, because the server answers
 * and closes while a client library is still sending, and the library then reports only the
 * broken pipe. The answer is read from what arrived.
 */
function oversizedHeaders(base: string, rawPath = "/api/v1/regions"): Promise<Raw> {
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(url.port), "127.0.0.1");
    let received = "";
    const done = () => {
      const [head = "", ...rest] = received.split("\r\n\r\n");
      const [statusLine = "", ...lines] = head.split("\r\n");
      const headers: http.IncomingHttpHeaders = {};
      for (const line of lines) {
        const at = line.indexOf(":");
        if (at > 0) headers[line.slice(0, at).trim().toLowerCase()] = line.slice(at + 1).trim();
      }
      if (!statusLine) reject(new Error("no answer"));
      else resolve({ status: Number(statusLine.split(" ")[1]), headers, body: rest.join("\r\n\r\n") });
    };
    socket.setEncoding("utf8");
    socket.on("data", (chunk: string) => (received += chunk));
    socket.on("close", done);
    socket.on("error", () => {}); // EPIPE/ECONNRESET once the server has answered and closed
    socket.write(`GET ${rawPath} HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Padding: ${"a".repeat(20_000)}\r\n\r\n`);
  });
}

function expectProblem(res: Raw, status: number, code: string): void {
  expect(res.status, res.body).toBe(status);
  expect(res.headers["content-type"]).toBe("application/problem+json");
  expect(JSON.parse(res.body)).toMatchObject({ status, code, type: `urn:terrane:problem:${code}` });
  expect(res.headers["x-content-type-options"]).toBe("nosniff");
}

const HSTS = "max-age=63072000; includeSubDomains";

/** One of each kind of answer; `token` for the authenticated API success. */
function answers(
  token: string,
): { what: string; method: string; path: string; headers?: Record<string, string>; page?: boolean }[] {
  return [
    { what: "landing page", method: "GET", path: "/", page: true },
    { what: "sign-in page", method: "GET", path: "/signin", page: true },
    { what: "redirect to sign-in", method: "GET", path: "/t", page: true },
    {
      what: "API success",
      method: "GET",
      path: "/api/v1/tenants/northwind-eu",
      headers: { authorization: `Bearer ${token}` },
    },
    { what: "API problem (401)", method: "GET", path: "/api/v1/tenants/northwind-eu" },
    { what: "API problem (404)", method: "GET", path: "/api/v1/no-such-endpoint" },
    { what: "API problem (400 strict query)", method: "GET", path: "/api/v1/regions?debug=1" },
    { what: "API problem (405)", method: "POST", path: "/api/v1/audit/checkpoint" },
    { what: "public JSON", method: "GET", path: "/api/v1/regions" },
    { what: "public text", method: "GET", path: "/api/v1/audit/checkpoint" },
    { what: "public JWKS (rewrite)", method: "GET", path: "/.well-known/jwks.json" },
    { what: "health", method: "GET", path: "/api/health" },
  ];
}

test.describe("the HTTP edge", () => {
  test("every kind of answer carries the security headers; no HSTS over plain http", async () => {
    const base = instanceUrl("eu-central-1");
    for (const a of answers(apiToken("eu-central-1", "customer_admin").token)) {
      const res = await raw(base, a.method, a.path, a.headers);
      const what = `${a.what}: ${a.method} ${a.path} → ${res.status}`;
      expect(res.status, what).toBeLessThan(500);
      expect(res.headers["x-content-type-options"], what).toBe("nosniff");
      expect(res.headers["x-frame-options"], what).toBe("DENY");
      expect(res.headers["referrer-policy"], what).toBe("same-origin");
      expect(res.headers["content-security-policy"], what).toContain("frame-ancestors 'none'");
      if (a.page) expect(res.headers["content-security-policy"], what).toMatch(/script-src 'self' 'nonce-/);
      expect(res.headers["strict-transport-security"], what).toBeUndefined();
    }
  });

  test("paths that are not UTF-8 once decoded, or hold NUL: 400 problems, even unauthenticated", async () => {
    const base = instanceUrl("eu-central-1");
    for (const p of [
      "/api/v1/tenants/%C3%28",
      "/api/%FF",
      "/api/v1/users/%E0%A4%A/tokens",
      "/api/v1/tenants/%00",
      "/t/%FF",
    ]) {
      expectProblem(await raw(base, "GET", p), 400, "invalid_path");
    }
    expectProblem(await raw(base, "GET", "/api/v1/tenants/northwind-eu/audit?actor=%00"), 400, "invalid_query");
  });

  test("methods: a route's missing method is a 405 problem with Allow; TRACE a 501 problem; HEAD and OPTIONS work", async () => {
    const base = instanceUrl("eu-central-1");
    const post = await raw(base, "POST", "/api/v1/audit/checkpoint");
    expectProblem(post, 405, "method_not_allowed");
    expect(post.headers.allow).toBe("GET, HEAD, OPTIONS");
    expectProblem(await raw(base, "PUT", "/api/v1/tenants/northwind-eu"), 405, "method_not_allowed");
    expectProblem(
      await raw(base, "DELETE", "/api/v1/tenants/northwind-eu/decisions/matrix"),
      405,
      "method_not_allowed",
    );
    for (const p of ["/api/v1/regions", "/", "/api/v1/no-such-endpoint"])
      expectProblem(await raw(base, "TRACE", p), 501, "method_not_implemented");
    expect((await raw(base, "HEAD", "/api/v1/regions")).status).toBe(200);
    expect((await raw(base, "OPTIONS", "/api/v1/regions")).status).toBe(204);
  });

  test("header fields over Node's limit: a 431 problem", async () => {
    expectProblem(await oversizedHeaders(instanceUrl("eu-central-1")), 431, "headers_too_large");
  });
});

test.describe("an instance served over https", () => {
  let instance: Instance | undefined;
  let dataDir = "";

  test.beforeAll(async () => {
    test.setTimeout(300_000); // migrating a fresh database on a loaded machine
    dataDir = mkdtempSync(path.join(os.tmpdir(), "terrane-e2e-https-"));
    const port = await freePort();
    // Behind a TLS-terminating proxy: NEXTAUTH_URL says https, the process listens on http.
    instance = await startInstance({
      region: "eu-central-1",
      port,
      dataDir,
      quiet: true,
      extraEnv: { NEXTAUTH_URL: `https://localhost:${port}`, LOG_LEVEL: "warn" },
    });
  });

  test.afterAll(async () => {
    await instance?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  test("HSTS on pages, API answers, problems, public endpoints and the server's own refusals", async () => {
    const base = instance!.url;
    // This instance's database is unseeded: the token is unknown here, so that answer is a 401 problem.
    for (const a of answers("trn_unknown")) {
      const res = await raw(base, a.method, a.path, a.headers);
      expect(res.status, `${a.what} → ${res.status}`).toBeLessThan(500);
      expect(res.headers["strict-transport-security"], a.what).toBe(HSTS);
      expect(res.headers["x-content-type-options"], a.what).toBe("nosniff");
    }
    for (const res of [
      await raw(base, "GET", "/api/%FF"),
      await raw(base, "TRACE", "/"),
      await oversizedHeaders(base, "/"),
    ]) {
      expect(res.headers["strict-transport-security"], `${res.status}`).toBe(HSTS);
    }
  });
});
