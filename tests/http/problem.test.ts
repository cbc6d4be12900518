import { describe, expect, it } from "vitest";
import { z } from "zod";
import {
  BadRequestError,
  NotFoundError,
  ResidencyError,
  ThrottledError,
  UnauthenticatedError,
} from "@/platform/errors";
import { parseJsonBody } from "@/platform/http/body";
import { problemFor } from "@/platform/http/problem";
import { setRegionEnv } from "../helpers/env";
import { expectProblem } from "../helpers/http";

describe("problem responses", () => {
  setRegionEnv("eu-central-1");

  it("an expected error says what went wrong, with its status, code and extras", async () => {
    const res = problemFor(new ResidencyError("me-central-1", "http://localhost:3001/t/x"));
    const body = await expectProblem(res, 421, "wrong_region");
    expect(body).toEqual({
      type: "urn:terrane:problem:wrong_region",
      title: "Misdirected request",
      status: 421,
      detail: "This tenant is homed in me-central-1; ask that region's instance.",
      code: "wrong_region",
      home_region: "me-central-1",
      home_url: "http://localhost:3001/t/x",
    });
  });

  it("429 carries Retry-After; 401 carries WWW-Authenticate", async () => {
    const throttled = problemFor(new ThrottledError(120));
    expect(throttled.headers.get("retry-after")).toBe("120");
    expect((await expectProblem(throttled, 429, "too_many_attempts")).retry_after).toBe(120);
    const unauthenticated = problemFor(new UnauthenticatedError());
    expect(unauthenticated.headers.get("www-authenticate")).toBe('Bearer realm="terrane"');
    await expectProblem(unauthenticated, 401, "unauthenticated");
    await expectProblem(problemFor(new NotFoundError()), 404, "not_found");
  });

  it("an unexpected error becomes a generic 500 with a reference, and its message never leaves the server", async () => {
    const err = new Error("connection to 10.0.0.7 refused; password=hunter2 at /work/main/platform/db/db.ts:42");
    const res = problemFor(err);
    const text = await res.clone().text();
    expect(text).not.toContain("hunter2");
    expect(text).not.toContain("10.0.0.7");
    const body = await expectProblem(res, 500, "internal_error");
    expect(body.reference).toMatch(/^[0-9a-f-]{36}$/);
    expect(body.detail).toContain(body.reference as string);
  });
});

describe("JSON request bodies", () => {
  const schema = z.object({ name: z.string() }).strict();
  const req = (body: string, type = "application/json") =>
    new Request("http://localhost/x", { method: "POST", body, headers: { "content-type": type } });
  const refusal = (p: Promise<unknown>) =>
    p.then(
      () => null,
      (e: unknown) => e,
    );

  it("accepts JSON media types with parameters and suffixes", async () => {
    for (const type of [
      "application/json",
      "application/json; charset=utf-8",
      "Application/JSON",
      "application/merge-patch+json",
    ]) {
      expect(await parseJsonBody(req('{"name":"a"}', type), schema), type).toEqual({ name: "a" });
    }
  });

  it("refuses other media types before reading", async () => {
    for (const type of ["text/json", "application/jsonp", "text/plain", ""]) {
      expect(await refusal(parseJsonBody(req('{"name":"a"}', type), schema)), type).toMatchObject({ status: 415 });
    }
  });

  it("measures the limit in bytes, not characters", async () => {
    const limit = 1024;
    const exactly = JSON.stringify({ name: "a".repeat(limit - 11) });
    expect(Buffer.byteLength(exactly)).toBe(limit);
    expect(await parseJsonBody(req(exactly), schema, limit)).toEqual({ name: "a".repeat(limit - 11) });
    const oneOver = JSON.stringify({ name: "a".repeat(limit - 10) });
    expect(await refusal(parseJsonBody(req(oneOver), schema, limit))).toMatchObject({ status: 413 });
    const euros = JSON.stringify({ name: "€".repeat(400) }); // 400 characters, 1,200 bytes
    expect(euros.length).toBeLessThan(limit);
    expect(await refusal(parseJsonBody(req(euros), schema, limit))).toMatchObject({
      status: 413,
      code: "payload_too_large",
    });
  });

  it("tells malformed JSON from JSON of the wrong shape", async () => {
    expect(await refusal(parseJsonBody(req("{"), schema))).toMatchObject({ status: 400, code: "malformed_json" });
    const wrong = (await refusal(parseJsonBody(req('{"name":1,"x":2}'), schema))) as BadRequestError;
    expect(wrong).toMatchObject({ status: 400, code: "invalid_body" });
    expect(wrong.extra.errors).toEqual(expect.arrayContaining([expect.objectContaining({ path: "name" })]));
  });
});
