/**
 * The region's transparency report, on the embedded database and on PostgreSQL: counts stated
 * here from the register this test records through the routes (not from the implementation),
 * the DSSE signature checked with openssl against the region's JWKS key, nothing that names or
 * identifies a tenant (or a person, or an authority) in the published bytes, periods that have
 * not ended refused with nothing changed, and re-issuing a period as a new version that
 * supersedes the previous one, history kept and public.
 */
import { spawnSync } from "node:child_process";
import { createHash, createPublicKey } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as record } from "@/app/api/v1/region/lawful-access-requests/route";
import { POST as close } from "@/app/api/v1/region/lawful-access-requests/[id]/close/route";
import { POST as issue } from "@/app/api/v1/region/transparency-reports/route";
import { GET as listReports } from "@/app/api/v1/transparency-reports/route";
import { GET as getReport } from "@/app/api/v1/transparency-reports/[report]/route";
import { GET as getTrust } from "@/app/api/v1/trust/route";
import { trustDocument } from "@/modules/subprocessors/api-schemas/public";
import { trustPage } from "@/modules/subprocessors/server/trust-page";
import { preAuthEncoding } from "@/modules/attestations/domain/pae";
import { isCanonicalJson } from "@/modules/audit/domain/canonical-json";
import { regionJwks } from "@/modules/audit/server/public-log";
import {
  reportEnvelope,
  reportList as reportListSchema,
  reportView as reportViewSchema,
  type ReportList,
  type ReportView,
} from "@/modules/lawful-access/api-schemas/reports";
import { REPORT_PAYLOAD_TYPE } from "@/modules/lawful-access/domain/report";
import { DATABASE_KINDS } from "../helpers/databases";
import { bearer, call, expectProblem, request } from "../helpers/http";
import { EU, useSeededRegion } from "../helpers/seeded-region";
import { lawfulRequest } from "./world";

type Json = Record<string, unknown>;

/** The strict response schema, with the envelope (described loosely in OpenAPI) checked as DSSE. */
const reportView = {
  parse(value: unknown): ReportView {
    const view = reportViewSchema.parse(value);
    return { ...view, envelope: reportEnvelope.parse(view.envelope) };
  },
};
const reportList = {
  parse(value: unknown): ReportList {
    const list = reportListSchema.parse(value);
    return { ...list, reports: list.reports.map((r) => reportView.parse(r)) };
  },
};

const hasOpenssl = /^OpenSSL [3-9]\./.test(spawnSync("openssl", ["version"], { encoding: "utf8" }).stdout ?? "");
if (!hasOpenssl) console.warn("skipping the openssl checks of transparency reports: OpenSSL 3 is not installed");

/** Authorities of the seeded register: free text no report may carry. */
const AUTHORITIES = [
  "Authority-Alpha-31d9",
  "Authority-Bravo-7a20",
  "Authority-Charlie-c4f1",
  "Authority-Delta-0be6",
  "Authority-Echo-5e88",
  "Authority-Q3-9d17",
  "Authority-2025-e3a0",
];

describe.each(DATABASE_KINDS)("the transparency report, on %s", (kind) => {
  const world = useSeededRegion(kind, "eu-central-1");
  const ids: string[] = [];
  let dir: string;

  const send = (p: string, email: string, body: unknown) =>
    request(p, {
      method: "POST",
      headers: { ...bearer(world.token(email)), "content-type": "application/json" },
      body: JSON.stringify(body),
    });
  async function json<T = Json>(response: Response | Promise<Response>, status = 200): Promise<T> {
    const r = await response;
    const text = await r.text();
    expect(r.status, text).toBe(status);
    return JSON.parse(text) as T;
  }
  async function recorded(over: Json): Promise<string> {
    const r = await json<{ id: string }>(
      call(record, send("/api/v1/region/lawful-access-requests", EU.compliance, lawfulRequest(over))),
      201,
    );
    ids.push(r.id);
    return r.id;
  }
  const closed = (id: string, disposition: string) =>
    json(
      call(
        close,
        send(`/api/v1/region/lawful-access-requests/${id}/close`, EU.compliance2, {
          disposition,
          rationale: "As decided.",
        }),
        {
          id,
        },
      ),
    );
  const issued = async (period: string) =>
    reportView.parse(
      await json(call(issue, send("/api/v1/region/transparency-reports", EU.compliance, { period })), 201),
    );

  /** Tenants' names, slugs and ids, people's names and e-mails, the authorities: none may be published. */
  async function identifying(): Promise<string[]> {
    const tenants = await world.prisma.tenant.findMany({ select: { id: true, name: true, slug: true } });
    const users = await world.prisma.user.findMany({ select: { id: true, name: true, email: true } });
    return [
      ...tenants.flatMap((t) => [t.id, t.name, t.slug]),
      ...users.flatMap((u) => [u.id, u.name, u.email]),
      ...AUTHORITIES,
      ...ids,
    ].filter((w) => w.length > 3);
  }

  let nationalSecurity: string;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), "terrane-transparency-"));
    const at = (iso: string) => new Date(iso).toISOString();
    // 2026-H1: one of each kind but "other", each disposition once, 2 notified, 1 prohibited.
    const a = await recorded({
      authority: AUTHORITIES[0],
      kind: "court_order",
      received_at: at("2026-01-15T09:00:00Z"),
      response_due_at: null,
      notification: { state: "notified", notified_at: at("2026-01-20T09:00:00Z") },
    });
    const b = await recorded({
      authority: AUTHORITIES[1],
      kind: "subpoena",
      tenants: ["kestrel-eu"],
      received_at: at("2026-02-03T09:00:00Z"),
      response_due_at: null,
    });
    nationalSecurity = await recorded({
      authority: AUTHORITIES[2],
      kind: "national_security",
      received_at: at("2026-03-10T09:00:00Z"),
      response_due_at: null,
      notification: { state: "prohibited", basis: "50 U.S.C. § 1881a non-disclosure" },
    });
    const d = await recorded({
      authority: AUTHORITIES[3],
      kind: "warrant",
      tenants: ["northwind-eu", "kestrel-eu"],
      received_at: at("2026-04-22T09:00:00Z"),
      response_due_at: null,
      notification: { state: "notified", notified_at: at("2026-05-01T09:00:00Z") },
    });
    // A prohibition that ended: counts as not yet notified.
    const e = await recorded({
      authority: AUTHORITIES[4],
      kind: "emergency",
      tenants: ["kestrel-eu"],
      received_at: at("2026-06-30T23:59:59Z"),
      response_due_at: null,
      notification: { state: "prohibited", basis: "Order § 3", until: at("2026-07-31T00:00:00Z") },
    });
    // Outside 2026-H1: 2026-Q3 (and so not in H1), and 2025-H2.
    await recorded({
      authority: AUTHORITIES[5],
      kind: "other",
      received_at: at("2026-07-01T00:00:00Z"),
      response_due_at: null,
    });
    await recorded({
      authority: AUTHORITIES[6],
      kind: "warrant",
      received_at: at("2025-12-31T23:00:00Z"),
      response_due_at: null,
    });
    await closed(a, "disclosed");
    await closed(b, "rejected");
    await closed(d, "partially_disclosed");
    await closed(e, "challenged");
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("a period not yet over, or in the future: 400 period_not_ended, nothing written; a malformed one: 400", async () => {
    const before = [await world.count("transparency_reports"), await world.count("audit_entries")];
    for (const period of ["2026-H2", "2026-Q4", "2027-Q1", "2199-H1"])
      await expectProblem(
        await call(issue, send("/api/v1/region/transparency-reports", EU.compliance, { period })),
        400,
        "period_not_ended",
      );
    for (const period of ["2026-H3", "2026", "2026-Q5", "H1-2026"])
      await expectProblem(
        await call(issue, send("/api/v1/region/transparency-reports", EU.compliance, { period })),
        400,
        "invalid_body",
      );
    for (const email of [EU.providerAdmin, EU.northwindAdmin, EU.support])
      await expectProblem(
        await call(issue, send("/api/v1/region/transparency-reports", email, { period: "2026-H1" })),
        403,
        "forbidden",
      );
    expect([await world.count("transparency_reports"), await world.count("audit_entries")]).toEqual(before);
    await expectProblem(
      await call(getReport, request("/api/v1/transparency-reports/2026-H1"), { report: "2026-H1" }),
      404,
      "report_not_found",
    );
  });

  it("counts the register's requests of the period by kind, disposition and notification", async () => {
    const r = await issued("2026-H1");
    expect(r).toMatchObject({ period: "2026-H1", version: 1, current: true, superseded_by: null });
    expect(r.report.period).toEqual({
      label: "2026-H1",
      start: "2026-01-01T00:00:00.000Z",
      end: "2026-07-01T00:00:00.000Z",
    });
    expect(r.report.supersedes).toBeNull();
    expect(r.report.counts).toEqual({
      total: 5,
      by_kind: { subpoena: 1, court_order: 1, warrant: 1, national_security: 1, emergency: 1, other: 0 },
      by_disposition: { pending: 1, rejected: 1, challenged: 1, partially_disclosed: 1, disclosed: 1 },
      by_notification: { notified: 2, prohibited: 1, not_yet_notified: 2 },
    });
    const q3 = await issued("2026-Q3");
    expect(q3.report.counts.total).toBe(1);
    expect(q3.report.counts.by_kind.other).toBe(1);
    expect(q3.report.counts.by_disposition.pending).toBe(1);
  });

  it("is signed: RFC 8785 bytes in a DSSE envelope that openssl verifies with the region's JWKS key; a changed byte fails", async () => {
    const r = reportView.parse(
      await json(call(getReport, request("/api/v1/transparency-reports/2026-H1"), { report: "2026-H1" })),
    );
    const payload = Buffer.from(r.envelope.payload, "base64");
    expect(isCanonicalJson(payload.toString("utf8"))).toBe(true);
    expect(createHash("sha256").update(payload).digest("hex")).toBe(r.sha256);
    expect(r.envelope.payloadType).toBe(REPORT_PAYLOAD_TYPE);
    const jwk = (await regionJwks()).keys.find((k) => k.terrane_purpose === "attestation")!;
    expect(r.envelope.signatures[0]!.keyid).toBe(jwk.kid);
    if (!hasOpenssl) return;
    const pem = createPublicKey({ key: { kty: "OKP", crv: "Ed25519", x: jwk.x }, format: "jwk" })
      .export({ type: "spki", format: "pem" })
      .toString();
    const sig = Buffer.from(r.envelope.signatures[0]!.sig, "base64");
    const verifies = (message: Buffer) => {
      writeFileSync(path.join(dir, "pub.pem"), pem);
      writeFileSync(path.join(dir, "pae.bin"), message);
      writeFileSync(path.join(dir, "sig.bin"), sig);
      const run = spawnSync(
        "openssl",
        ["pkeyutl", "-verify", "-pubin", "-inkey", "pub.pem", "-rawin", "-in", "pae.bin", "-sigfile", "sig.bin"],
        { cwd: dir, encoding: "utf8" },
      );
      return run.status === 0 && run.stdout.includes("Signature Verified Successfully");
    };
    expect(verifies(preAuthEncoding(REPORT_PAYLOAD_TYPE, payload))).toBe(true);
    const tampered = Buffer.from(payload.toString("utf8").replace('"total":5', '"total":4'));
    expect(tampered.equals(payload)).toBe(false);
    expect(verifies(preAuthEncoding(REPORT_PAYLOAD_TYPE, tampered))).toBe(false);
    expect(verifies(preAuthEncoding("application/json", payload))).toBe(false);
  });

  it("names no tenant, person, authority or request anywhere in the public answers", async () => {
    const list = await call(listReports, request("/api/v1/transparency-reports"));
    const bytes = await list.text();
    const one = await (
      await call(getReport, request("/api/v1/transparency-reports/2026-H1"), { report: "2026-H1" })
    ).text();
    const signed = reportList
      .parse(JSON.parse(bytes))
      .reports.map((r) => Buffer.from(r.envelope.payload, "base64").toString("utf8"))
      .join("\n");
    const words = await identifying();
    expect(words.length).toBeGreaterThan(10);
    for (const word of words) {
      expect(bytes, word).not.toContain(word);
      expect(one, word).not.toContain(word);
      expect(signed, word).not.toContain(word);
    }
  });

  it("re-issuing a period makes version 2, which names and supersedes version 1; both stay public", async () => {
    const v1 = reportView.parse(
      await json(call(getReport, request("/api/v1/transparency-reports/2026-H1"), { report: "2026-H1" })),
    );
    await closed(nationalSecurity, "challenged");
    const v2 = await issued("2026-H1");
    expect(v2).toMatchObject({ version: 2, current: true });
    expect(v2.report.supersedes).toEqual({ id: v1.id, sha256: v1.sha256 });
    expect(v2.report.counts.by_disposition).toEqual({
      pending: 0,
      rejected: 1,
      challenged: 2,
      partially_disclosed: 1,
      disclosed: 1,
    });
    // The prohibition still holds: the report counts it as prohibited, still without saying whose.
    expect(v2.report.counts.by_notification.prohibited).toBe(1);

    const list = reportList.parse(await json(call(listReports, request("/api/v1/transparency-reports"))));
    const h1 = list.reports.filter((r: ReportView) => r.period === "2026-H1");
    expect(h1.map((r) => [r.version, r.current, r.superseded_by])).toEqual([
      [2, true, null],
      [1, false, v2.id],
    ]);
    expect(list.reports.map((r) => r.period)).toEqual(["2026-Q3", "2026-H1", "2026-H1"]);
    const byPeriod = reportView.parse(
      await json(call(getReport, request("/api/v1/transparency-reports/2026-H1"), { report: "2026-H1" })),
    );
    expect(byPeriod.id).toBe(v2.id);
    const old = reportView.parse(
      await json(call(getReport, request(`/api/v1/transparency-reports/${v1.id}`), { report: v1.id })),
    );
    expect(old).toMatchObject({ id: v1.id, version: 1, current: false, superseded_by: v2.id });
    // The public trust page and trust.json point at the latest period's current version.
    const trust = trustDocument.parse(await json(call(getTrust, request("/api/v1/trust"))));
    expect(trust.transparency_reports.latest).toBe(
      `http://localhost:3000/api/v1/transparency-reports/${list.reports[0]!.id}`,
    );
    expect(trust.transparency_reports.json).toBe("http://localhost:3000/api/v1/transparency-reports");
    const onPage = await trustPage();
    expect(onPage.transparency?.id).toBe(list.reports[0]!.id);
    const pageBytes = JSON.stringify(onPage.transparency);
    for (const word of await identifying()) expect(pageBytes, word).not.toContain(word);
    const audit = await world.prisma.auditEntry.findMany({ where: { action: "lawful_access.report_issued" } });
    expect(audit.map((e) => e.tenantId)).toEqual([null, null, null]);
  });
});
