/**
 * The Evidence page's logic without a browser: the period choices and the checks it makes before
 * the server does, the sample fields, the download URL, and reading a streamed package (progress,
 * file name, download id, the two refusal shapes, a stream that breaks off, a cancel).
 */
import { describe, expect, it } from "vitest";
import { packageUrl } from "@/modules/evidence/client";
import { ApiProblem } from "@/platform/http/client-fetch";
import {
  elapsed,
  fetchPackage,
  filenameFrom,
  PackageInterrupted,
  refusalOf,
} from "@/modules/evidence/ui/package-download";
import {
  datesOf,
  defaultMonth,
  monthOptions,
  periodProblem,
  quarterOptions,
  sampleOf,
} from "@/modules/evidence/ui/package-period";

const NOW = new Date("2026-12-14T09:30:00Z");

describe("the period picker's choices", () => {
  it("offers the months and quarters that have ended, newest first", () => {
    expect(monthOptions(NOW).slice(0, 2)).toEqual([
      { value: "2026-11", label: "November 2026" },
      { value: "2026-10", label: "October 2026" },
    ]);
    expect(monthOptions(NOW)).toHaveLength(24);
    expect(monthOptions(new Date("2027-01-01T00:00:00Z"))[0]!.value).toBe("2026-12");
    expect(quarterOptions(NOW).slice(0, 2)).toEqual([
      { value: "2026-Q3", label: "2026 Q3 (Jul–Sep)" },
      { value: "2026-Q2", label: "2026 Q2 (Apr–Jun)" },
    ]);
    expect(quarterOptions(new Date("2027-02-01T00:00:00Z"))[0]!.value).toBe("2026-Q4");
  });

  it("turns a choice into the API's dates, the end not included", () => {
    expect(datesOf({ kind: "month", month: "2026-02" })).toEqual({ from: "2026-02-01", to: "2026-03-01" });
    expect(datesOf({ kind: "month", month: "2026-12" })).toEqual({ from: "2026-12-01", to: "2027-01-01" });
    expect(datesOf({ kind: "quarter", quarter: "2026-Q4" })).toEqual({ from: "2026-10-01", to: "2027-01-01" });
    expect(datesOf({ kind: "range", from: "2026-01-15", to: "2026-03-01" })).toEqual({
      from: "2026-01-15",
      to: "2026-03-01",
    });
    expect(datesOf({ kind: "range", from: "2026-02-30", to: "2026-03-01" })).toBeNull();
    expect(datesOf({ kind: "range", from: "", to: "2026-03-01" })).toBeNull();
    expect(datesOf({ kind: "month", month: "2026-13" })).toBeNull();
  });

  it("says what the server would refuse: not ended, empty, longer than a year", () => {
    expect(periodProblem({ from: "2026-11-01", to: "2026-12-01" }, NOW, null)).toBeNull();
    expect(periodProblem({ from: "2026-12-01", to: "2026-12-14" }, NOW, null)).toBeNull();
    expect(periodProblem({ from: "2026-12-01", to: "2026-12-15" }, NOW, null)).toMatch(/not ended yet.*2026-12-14/);
    expect(periodProblem({ from: "2026-03-01", to: "2026-03-01" }, NOW, null)).toMatch(/after the start/);
    expect(periodProblem({ from: "2025-01-15", to: "2026-01-15" }, NOW, null)).toBeNull();
    expect(periodProblem({ from: "2025-01-15", to: "2026-01-16" }, NOW, null)).toMatch(/at most a year.*2026-01-15/);
    expect(periodProblem(null, NOW, null)).toMatch(/Choose/);
  });

  it("keeps an auditor inside the engagement's periods", () => {
    const scope = { from: "2026-01-01T00:00:00.000Z", to: "2026-07-01T00:00:00.000Z" };
    expect(periodProblem({ from: "2026-06-01", to: "2026-07-01" }, NOW, scope)).toBeNull();
    expect(periodProblem({ from: "2025-12-01", to: "2026-01-01" }, NOW, scope)).toMatch(
      /engagement covers 2026-01-01 to 2026-07-01/,
    );
    expect(periodProblem({ from: "2026-06-15", to: "2026-07-15" }, NOW, scope)).toMatch(/engagement/);
    expect(periodProblem({ from: "2020-01-01", to: "2020-02-01" }, NOW, { from: null, to: null })).toBeNull();
    // The default month is the newest one the engagement covers.
    expect(defaultMonth(NOW, scope)).toBe("2026-06");
    expect(defaultMonth(NOW, null)).toBe("2026-11");
  });

  it("checks the sample size and the seed", () => {
    expect(sampleOf("", "")).toEqual({ ok: true, sample: null, seed: null });
    expect(sampleOf(" 25 ", "")).toEqual({ ok: true, sample: 25, seed: null });
    expect(sampleOf("1000", "AB".repeat(32))).toEqual({ ok: true, sample: 1000, seed: "ab".repeat(32) });
    for (const bad of ["0", "1001", "2.5", "-3", "ten"])
      expect(sampleOf(bad, "")).toMatchObject({ ok: false, field: "size" });
    expect(sampleOf("5", "abc")).toMatchObject({ ok: false, field: "seed", problem: expect.stringMatching(/3 char/) });
    expect(sampleOf("", "a".repeat(64))).toMatchObject({ ok: false, field: "seed" });
  });

  it("builds the download URL, with the seed only beside a sample", () => {
    expect(packageUrl("northwind-eu", { from: "2026-11-01", to: "2026-12-01" })).toBe(
      "/api/v1/tenants/northwind-eu/evidence?from=2026-11-01&to=2026-12-01",
    );
    expect(packageUrl("nw", { from: "2026-11-01", to: "2026-12-01", sample: 20, seed: "f".repeat(64) })).toBe(
      `/api/v1/tenants/nw/evidence?from=2026-11-01&to=2026-12-01&sample=20&seed=${"f".repeat(64)}`,
    );
    expect(packageUrl("nw", { from: "a", to: "b", sample: null, seed: "f".repeat(64) })).not.toContain("seed");
  });
});

/** A response whose body arrives in these chunks, one per read, then ends (or fails with `fail`). */
function streamed(chunks: Uint8Array[], headers: Record<string, string>, fail?: Error): Response {
  const queue = [...chunks];
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      const next = queue.shift();
      if (next) controller.enqueue(next);
      else if (fail) controller.error(fail);
      else controller.close();
    },
  });
  return new Response(body, { status: 200, headers });
}

const ZIP_HEADERS = {
  "content-type": "application/zip",
  "content-disposition": 'attachment; filename="northwind-eu-evidence-2026-11.zip"',
  "x-terrane-download-id": "dl_123",
};

describe("reading a streamed package", () => {
  it("counts the bytes as they come and keeps the server's name and download id", async () => {
    const seen: number[] = [];
    const pkg = await fetchPackage("/x", {
      signal: new AbortController().signal,
      onBytes: (b) => seen.push(b),
      fallbackName: "fallback.zip",
      fetcher: async () =>
        streamed([new Uint8Array([0x50, 0x4b, 3, 4]), new Uint8Array(1_000), new Uint8Array(6)], ZIP_HEADERS),
    });
    expect(seen).toEqual([4, 1004, 1010]);
    expect(pkg).toMatchObject({ filename: "northwind-eu-evidence-2026-11.zip", downloadId: "dl_123", bytes: 1010 });
    expect(pkg.blob.size).toBe(1010);
    expect(new Uint8Array(await pkg.blob.slice(0, 4).arrayBuffer())).toEqual(new Uint8Array([0x50, 0x4b, 3, 4]));
  });

  it("reads both refusal shapes in the server's words", async () => {
    const problem = await refusalOf(
      Response.json({ code: "period_in_future", detail: "to: the period has not ended yet." }, { status: 400 }),
    );
    expect(problem).toMatchObject({
      status: 400,
      code: "period_in_future",
      message: "to: the period has not ended yet.",
    });
    const nested = await refusalOf(
      Response.json({ error: { code: "out_of_scope", message: "Outside your engagement." } }, { status: 403 }),
    );
    expect(nested).toMatchObject({ status: 403, code: "out_of_scope", message: "Outside your engagement." });
    const bare = await refusalOf(new Response("oops", { status: 502 }));
    expect(bare).toMatchObject({ code: "error", message: expect.stringMatching(/HTTP 502/) });
    await expect(
      fetchPackage("/x", {
        signal: new AbortController().signal,
        onBytes: () => undefined,
        fallbackName: "f.zip",
        fetcher: async () => Response.json({ code: "sample_invalid", detail: "sample: 1 to 1000." }, { status: 400 }),
      }),
    ).rejects.toBeInstanceOf(ApiProblem);
  });

  it("says so when the stream breaks off, and refuses an answer that is not a ZIP", async () => {
    const broken = fetchPackage("/x", {
      signal: new AbortController().signal,
      onBytes: () => undefined,
      fallbackName: "f.zip",
      fetcher: async () => streamed([new Uint8Array(2_000_000)], ZIP_HEADERS, new Error("network error")),
    });
    await expect(broken).rejects.toBeInstanceOf(PackageInterrupted);
    await expect(broken).rejects.toMatchObject({ bytes: 2_000_000 });
    await expect(
      fetchPackage("/x", {
        signal: new AbortController().signal,
        onBytes: () => undefined,
        fallbackName: "f.zip",
        fetcher: async () => new Response("<html>", { headers: { "content-type": "text/html" } }),
      }),
    ).rejects.toMatchObject({ code: "unexpected_answer" });
  });

  it("stops when cancelled, as an abort and not a broken stream", async () => {
    const controller = new AbortController();
    let pull: ReadableStreamDefaultController<Uint8Array> | undefined;
    const body = new ReadableStream<Uint8Array>({ start: (c) => void (pull = c) });
    const running = fetchPackage("/x", {
      signal: controller.signal,
      onBytes: () => controller.abort(),
      fallbackName: "f.zip",
      fetcher: async (_url, init) => {
        init?.signal?.addEventListener("abort", () => pull?.error(new DOMException("aborted", "AbortError")));
        return new Response(body, { headers: ZIP_HEADERS });
      },
    });
    pull!.enqueue(new Uint8Array(10));
    await expect(running).rejects.toMatchObject({ name: "AbortError" });
  });

  it("takes a safe file name from Content-Disposition", () => {
    expect(filenameFrom('attachment; filename="a.zip"', "f.zip")).toBe("a.zip");
    expect(filenameFrom("attachment; filename*=UTF-8''caf%C3%A9.zip; filename=\"cafe.zip\"", "f.zip")).toBe("café.zip");
    expect(filenameFrom("attachment; filename=plain.zip", "f.zip")).toBe("plain.zip");
    expect(filenameFrom('attachment; filename="../../etc/passwd"', "f.zip")).toBe("passwd");
    expect(filenameFrom('attachment; filename=".."', "f.zip")).toBe("f.zip");
    expect(filenameFrom(null, "f.zip")).toBe("f.zip");
  });

  it("says the time elapsed in whole seconds, as every page writes a duration", () => {
    expect(elapsed(7_900)).toBe("7 s");
    expect(elapsed(125_000)).toBe("2 min 5 s");
  });
});
