/**
 * The register's public side, on the embedded database and on PostgreSQL: the JSON (zod and
 * JSON Schema), the CSV read back, the Atom feed read back with a feed parser, the signed
 * snapshots checked with openssl over the DSSE PAE, `?at=`, trust.json's URLs answered by the
 * route handlers, and never a tenant, a person or an objection in any of them. The register is
 * built through the lead's routes (propose, approve, withdraw), so every snapshot is the one the
 * lifecycle records.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { createHash, createPublicKey } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { NextRequest } from "next/server";
import { parseFeed } from "@rowanmanning/feed-parser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { POST as propose } from "@/app/api/v1/region/subprocessors/route";
import { POST as approve } from "@/app/api/v1/region/subprocessor-changes/[id]/approve/route";
import { POST as withdraw } from "@/app/api/v1/region/subprocessor-changes/[id]/withdraw/route";
import { PUT as putSettings } from "@/app/api/v1/region/subprocessor-settings/route";
import { GET as getRegister } from "@/app/api/v1/subprocessors/route";
import { GET as getSnapshots } from "@/app/api/v1/subprocessors/snapshots/route";
import { GET as getSnapshot } from "@/app/api/v1/subprocessors/snapshots/[seq]/route";
import { GET as getTrust } from "@/app/api/v1/trust/route";
import { GET as getAtom } from "@/app/subprocessors.atom/route";
import { proxy } from "@/proxy";
import { preAuthEncoding } from "@/modules/attestations/domain/pae";
import { attestationSigner } from "@/modules/attestations/server/sign";
import { isCanonicalJson } from "@/modules/audit/domain/canonical-json";
import { regionJwks } from "@/modules/audit/server/public-log";
import {
  dsseEnvelopeView,
  publicRegisterView,
  signedRegister,
  snapshotList,
  SNAPSHOT_PAYLOAD_TYPE,
  trustDocument,
  type PublicRegisterView,
} from "@/modules/subprocessors/api-schemas/public";
import { CSV_COLUMNS } from "@/modules/subprocessors/server/public-csv";
import { recordSnapshot } from "@/modules/subprocessors/server/snapshot";
import { formatDateTime } from "@/platform/format";
import { DATABASE_KINDS } from "../helpers/databases";
import { bearer, call, expectProblem, request } from "../helpers/http";
import { inventory } from "../helpers/routes";
import { apiRouteFor } from "@/platform/http/api-methods";
import { EU, useSeededRegion } from "../helpers/seeded-region";

type Json = Record<string, unknown>;
type Handler = Parameters<typeof call>[0];

const hasJq = spawnSync("jq", ["--version"], { encoding: "utf8" }).status === 0;
if (!hasJq) console.warn("skipping the documented snapshot check: jq is not installed");

/** The "verify-snapshot" block of docs/subprocessors.md, as a customer would paste it. */
function documentedSteps(): string {
  const doc = readFileSync(path.join(process.cwd(), "docs/subprocessors.md"), "utf8");
  const block = /```sh\n( *)# verify-snapshot[^\n]*\n([\s\S]*?)\n *```/.exec(doc);
  if (!block) throw new Error("docs/subprocessors.md has no verify-snapshot block");
  const indent = block[1]!.length;
  return block[2]!
    .split("\n")
    .map((l) => l.slice(indent))
    .join("\n");
}

const hasOpenssl = /^OpenSSL [3-9]\./.test(spawnSync("openssl", ["version"], { encoding: "utf8" }).stdout ?? "");
if (!hasOpenssl) console.warn("skipping the openssl checks of snapshots: OpenSSL 3 is not installed");

/** Free text only staff and customers see: none of it may reach a public answer. */
const SECRET_NOTE = "review-note-only-staff-read-7f3a";
const SECRET_URGENT = "urgent-reason-only-staff-read-91c2";
const SECRET_OBJECTION = "objection-reason-only-the-tenant-and-compliance-read-5d8e";

const entry = (name: string, over: Json = {}) => ({
  name,
  legal_entity: `${name} Europe GmbH`,
  service: "Transactional e-mail",
  purpose: "Sends notification e-mails to the customer's users.",
  data_classes: ["customer_pii"],
  locations: ["DE", "US"],
  storage_regions: ["eu-central-1"],
  transfer_mechanism: "sccs",
  scc_module: 2,
  dpa_date: "2026-10-01",
  certifications: ["ISO/IEC 27001", "SOC 2; Type II"],
  key_custody: ["byok"],
  website: "https://mail.example/dpa",
  ...over,
});

/** RFC 4180, as platform/csv.ts writes it: every cell quoted, quotes doubled, CRLF between rows. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      row.push(cell);
      cell = "";
    } else if (ch === "\r" && text[i + 1] === "\n") {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
      i++;
    } else cell += ch;
  }
  expect(cell, "the CSV ends with CRLF").toBe("");
  return rows;
}

function opensslVerifies(dir: string, publicPem: string, pae: Buffer, sig: Buffer): boolean {
  writeFileSync(path.join(dir, "pub.pem"), publicPem);
  writeFileSync(path.join(dir, "pae.bin"), pae);
  writeFileSync(path.join(dir, "sig.bin"), sig);
  const run = spawnSync(
    "openssl",
    ["pkeyutl", "-verify", "-pubin", "-inkey", "pub.pem", "-rawin", "-in", "pae.bin", "-sigfile", "sig.bin"],
    { cwd: dir, encoding: "utf8" },
  );
  return run.status === 0 && run.stdout.includes("Signature Verified Successfully");
}

describe.each(DATABASE_KINDS)("the register's public JSON, CSV, Atom, snapshots and trust.json, on %s", (kind) => {
  const world = useSeededRegion(kind, "eu-central-1");
  const ids = {} as Record<
    "mailAdd" | "cloudAdd" | "deskAdd" | "mailChange" | "payAdd" | "cloudRetire" | "pending",
    string
  >;
  let dir: string;

  async function ok<T = Json>(response: Response | Promise<Response>, status = 200): Promise<T> {
    const r = await response;
    const text = await r.text();
    expect(r.status, text).toBe(status);
    return JSON.parse(text) as T;
  }
  const post = (p: string, email: string, body: unknown, method = "POST") =>
    request(p, {
      method,
      headers: { ...bearer(world.token(email)), "content-type": "application/json" },
      body: JSON.stringify(body),
    });
  async function proposed(body: Json): Promise<string> {
    const answer = await ok<{ change_id: string }>(
      call(propose, post("/api/v1/region/subprocessors", EU.providerAdmin, body)),
      201,
    );
    return answer.change_id;
  }
  async function decided(verb: "approve" | "withdraw", id: string, body: Json = {}): Promise<Json> {
    const email = verb === "approve" ? EU.compliance : EU.providerAdmin;
    const handler = verb === "approve" ? approve : withdraw;
    return ok(call(handler, post(`/api/v1/region/subprocessor-changes/${id}/${verb}`, email, body), { id }));
  }
  const noticeDays = (days: number) =>
    ok(
      call(
        putSettings,
        post(
          "/api/v1/region/subprocessor-settings",
          EU.providerAdmin,
          { notice_days: days, objection_days: 30 },
          "PUT",
        ),
      ),
    );
  const get = (handler: Handler, p: string, params: Record<string, string> = {}) => call(handler, request(p), params);
  async function publicJson(): Promise<PublicRegisterView> {
    return publicRegisterView.parse(await ok(get(getRegister, "/api/v1/subprocessors")));
  }

  /** Every tenant's and person's name and e-mail of the region, and the staff-only texts. */
  async function privateWords(): Promise<string[]> {
    const tenants = await world.prisma.tenant.findMany({ select: { name: true, slug: true } });
    const users = await world.prisma.user.findMany({ select: { name: true, email: true } });
    return [
      ...tenants.flatMap((t) => [t.name, t.slug]),
      ...users.flatMap((u) => [u.name, u.email]),
      SECRET_NOTE,
      SECRET_URGENT,
      SECRET_OBJECTION,
    ].filter((w): w is string => Boolean(w && w.length > 3));
  }

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), "terrane-subprocessors-public-"));
    // With no notice, an approved addition takes effect at once.
    await noticeDays(0);
    ids.mailAdd = await proposed(entry("Mailgrid"));
    await decided("approve", ids.mailAdd, { note: SECRET_NOTE });
    ids.cloudAdd = await proposed(entry("Cloudhost", { service: "Compute and storage", locations: ["DE"] }));
    await decided("approve", ids.cloudAdd);
    await noticeDays(30);
    // Announced, in their notice period: a new one, and a change to Mailgrid (a new country).
    ids.deskAdd = await proposed(
      entry("Ticketly <b>&]]>", { service: "Support desk", purpose: "Keeps <script>support</script> tickets." }),
    );
    await decided("approve", ids.deskAdd);
    ids.mailChange = await proposed({ ...entry("Mailgrid"), id: "mailgrid", locations: ["DE", "US", "IE"] });
    await decided("approve", ids.mailChange);
    // Announced and then withdrawn, and a retirement (no notice needed: in effect at once).
    ids.payAdd = await proposed(entry("Payflow", { service: "Payments" }));
    await decided("approve", ids.payAdd);
    await decided("withdraw", ids.payAdd);
    ids.cloudRetire = await proposed({ id: "cloudhost", status: "retired" });
    await decided("approve", ids.cloudRetire);
    // Rows the public side must never show: a proposal nobody reviewed, an urgent reason, an objection.
    ids.pending = await proposed(
      entry("Analytix", {
        service: "Product analytics",
        effective_at: new Date(Date.now() + 86_400_000).toISOString(),
        urgent_reason: SECRET_URGENT,
      }),
    );
    const tenant = await world.prisma.tenant.findFirstOrThrow({ select: { id: true } });
    await world.prisma.subprocessorObjection.create({
      data: {
        tenantId: tenant.id,
        changeId: ids.deskAdd,
        subprocessorId: "ticketly-b",
        raisedById: await world.userId(EU.northwindAdmin),
        reason: SECRET_OBJECTION,
        dueAt: new Date(Date.now() + 30 * 86_400_000),
      },
    });
  }, 180_000);

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("JSON: the entries in force and the announced changes, valid against the zod schema and its JSON Schema", async () => {
    const view = await publicJson();
    expect(view.region).toBe("eu-central-1");
    const active = await world.prisma.subprocessor.findMany({ where: { status: "active" }, select: { id: true } });
    expect(view.subprocessors.map((s) => s.id).sort()).toEqual(active.map((a) => a.id).sort());
    expect(view.subprocessors.map((s) => s.id)).toContain("mailgrid");
    // Retired, withdrawn and announced-but-new entries are not in force.
    expect(view.subprocessors.map((s) => s.id)).not.toContain("cloudhost");
    expect(view.subprocessors.map((s) => s.id)).not.toContain("payflow");
    expect(view.subprocessors.every((s) => s.status === "active")).toBe(true);
    // Mailgrid in force is still the entry before its announced change.
    expect(view.subprocessors.find((s) => s.id === "mailgrid")?.locations).toEqual(["DE", "US"]);

    const upcoming = new Map(view.upcoming.map((u) => [u.change_id, u]));
    expect([...upcoming.keys()].sort()).toEqual([ids.deskAdd, ids.mailChange].sort());
    const desk = upcoming.get(ids.deskAdd)!;
    expect(desk).toMatchObject({ kind: "add", status: "active", name: "Ticketly <b>&]]>", notice_days: 30 });
    const row = await world.prisma.subprocessorChange.findUniqueOrThrow({ where: { id: ids.deskAdd } });
    expect(desk.effective_at).toBe(row.effectiveAt!.toISOString());
    expect(desk.announced_at).toBe(row.reviewedAt!.toISOString());
    expect(new Date(desk.effective_at).getTime() - new Date(desk.announced_at!).getTime()).toBe(30 * 86_400_000);
    const change = upcoming.get(ids.mailChange)!;
    expect(change.kind).toBe("change");
    expect(change.locations).toEqual(["DE", "US", "IE"]);
    expect(change.diff).toEqual([expect.objectContaining({ field: "locations", added: ["IE"], removed: [] })]);

    // The contract's fields, on every entry.
    const contract = ["id", "name", "legal_entity", "purpose", "data_classes", "locations", "transfer_mechanism"];
    for (const e of [...view.subprocessors, ...view.upcoming])
      expect(Object.keys(e)).toEqual(expect.arrayContaining([...contract, "status", "effective_at"]));
    // The same schema as JSON Schema (what the OpenAPI document publishes) requires them too.
    const schema = z.toJSONSchema(publicRegisterView, { target: "draft-2020-12", io: "output" }) as {
      required: string[];
      properties: Record<string, { items: { required: string[] } }>;
    };
    expect(schema.required).toEqual(expect.arrayContaining(["region", "subprocessors", "upcoming"]));
    expect(schema.properties.subprocessors!.items.required).toEqual(
      expect.arrayContaining([...contract, "status", "effective_at"]),
    );
    expect(schema.properties.upcoming!.items.required).toEqual(
      expect.arrayContaining([...contract, "status", "effective_at", "change_id", "diff", "announced_at"]),
    );
    expect(view.snapshot?.url).toMatch(/\/api\/v1\/subprocessors\/snapshots\/\d+$/);

    // Concurrent readers share one read; each answer is whole, and the same.
    const answers = await Promise.all(Array.from({ length: 5 }, () => get(getRegister, "/api/v1/subprocessors")));
    const texts = await Promise.all(answers.map((a) => a.text()));
    expect(answers.map((a) => a.headers.get("content-type"))).toEqual(Array(5).fill("application/json"));
    expect(answers.every((a) => a.headers.get("x-terrane-region") === "eu-central-1")).toBe(true);
    expect(new Set(texts.map((t) => JSON.stringify(publicRegisterView.parse(JSON.parse(t)).subprocessors))).size).toBe(
      1,
    );
  });

  it("no public answer names a tenant, a person, an objection or a staff note", async () => {
    const words = await privateWords();
    const bodies = [
      await (await get(getRegister, "/api/v1/subprocessors")).text(),
      await (await get(getRegister, "/api/v1/subprocessors?format=csv")).text(),
      await (await get(getAtom, "/subprocessors.atom")).text(),
      await (await get(getTrust, "/api/v1/trust")).text(),
    ];
    const snapshots = await world.prisma.subprocessorSnapshot.findMany({ select: { envelope: true } });
    for (const s of snapshots)
      bodies.push(Buffer.from((s.envelope as { payload: string }).payload, "base64").toString("utf8"));
    for (const body of bodies) {
      const lower = body.toLowerCase();
      for (const word of words)
        expect(lower, `a public answer contains ${JSON.stringify(word)}`).not.toContain(word.toLowerCase());
      expect(body).not.toMatch(/reviewer|objection/i);
    }
    // The feed's one author is the region, never a person.
    const feed = parseFeed(bodies[2]!);
    expect(feed.authors.map((a) => a.name)).toEqual(["Terrane Europe (Frankfurt)"]);
    expect(
      feed.items.flatMap((i) => i.authors.map((a) => a.name)).every((n) => n === "Terrane Europe (Frankfurt)"),
    ).toBe(true);
  });

  it("CSV: a header row and one row per subprocessor and per upcoming change, which read back as the JSON", async () => {
    const response = await get(getRegister, "/api/v1/subprocessors?format=csv");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toContain("eu-central-1-subprocessors.csv");
    const [header, ...rows] = parseCsv(await response.text());
    expect(header).toEqual([...CSV_COLUMNS]);
    const view = await publicJson();
    expect(rows).toHaveLength(view.subprocessors.length + view.upcoming.length);
    const records = rows.map((r) => Object.fromEntries(header!.map((h, i) => [h, r[i]!])));
    const lists = ["data_classes", "locations", "storage_regions", "certifications", "key_custody"] as const;
    const expected = [
      ...view.subprocessors.map((e) => ({ record: "current", change_id: "", change_kind: "", announced_at: "", ...e })),
      ...view.upcoming.map((u) => ({ record: "upcoming", change_kind: u.kind, ...u })),
    ];
    expect(records).toHaveLength(expected.length);
    for (const [i, want] of expected.entries()) {
      const got = records[i]!;
      expect(got.record).toBe(want.record);
      expect(got.change_id).toBe(want.change_id);
      expect(got.change_kind).toBe(want.change_kind);
      for (const f of [
        "id",
        "name",
        "legal_entity",
        "service",
        "purpose",
        "transfer_mechanism",
        "status",
        "effective_at",
      ] as const)
        expect(got[f], f).toBe(want[f]);
      for (const f of lists) expect(got[f]!.split("\n").filter(Boolean), f).toEqual(want[f]);
      expect(got.scc_module).toBe(want.scc_module === null ? "" : String(want.scc_module));
      expect(got.dpa_date).toBe(want.dpa_date ?? "");
      expect(got.website).toBe(want.website ?? "");
      expect(got.announced_at).toBe(want.announced_at ?? "");
    }
    // A certification with a ";" survives: items are one per line.
    expect(records.find((r) => r.id === "mailgrid")?.certifications).toBe("ISO/IEC 27001\nSOC 2; Type II");
    await expectProblem(await get(getRegister, "/api/v1/subprocessors?format=xml"), 400, "invalid_query");
  });

  it("Atom: parsed back by a feed parser, one entry per announced, effective or withdrawn change, newest first", async () => {
    const response = await get(getAtom, "/subprocessors.atom");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/atom+xml; charset=utf-8");
    const xml = await response.text();
    expect(xml).toContain('<feed xmlns="http://www.w3.org/2005/Atom">');
    const feed = parseFeed(xml);
    expect(feed.meta.type).toBe("atom");
    expect(feed.self).toBe("http://localhost:3000/subprocessors.atom");
    expect(feed.url).toBe("http://localhost:3000/trust");

    const changes = await world.prisma.subprocessorChange.findMany({
      where: {
        OR: [{ state: { in: ["announced", "effective"] } }, { state: "withdrawn", effectiveAt: { not: null } }],
      },
    });
    const expectedIds = changes.map((c) => `urn:terrane:subprocessor-change:eu-central-1:${c.id}`).sort();
    expect(feed.items.map((i) => i.id).sort()).toEqual(expectedIds);
    for (const mine of [ids.mailAdd, ids.cloudAdd, ids.deskAdd, ids.mailChange, ids.payAdd, ids.cloudRetire])
      expect(expectedIds).toContain(`urn:terrane:subprocessor-change:eu-central-1:${mine}`);
    // Not the proposal nobody reviewed.
    expect(feed.items.map((i) => i.id)).not.toContain(`urn:terrane:subprocessor-change:eu-central-1:${ids.pending}`);
    const updated = feed.items.map((i) => i.updated!.getTime());
    expect(updated).toEqual([...updated].sort((a, b) => b - a));

    const item = (id: string) => feed.items.find((i) => i.id?.endsWith(id))!;
    const desk = await world.prisma.subprocessorChange.findUniqueOrThrow({ where: { id: ids.deskAdd } });
    const deskItem = item(ids.deskAdd);
    // The effective moment in words, the name as text (never markup), a link to the trust page.
    expect(deskItem.title).toContain(`takes effect on ${formatDateTime(desk.effectiveAt!.toISOString())}`);
    expect(deskItem.title).toContain("Ticketly <b>&]]>");
    expect(deskItem.url).toBe(`http://localhost:3000/trust#change-${ids.deskAdd}`);
    // Text is HTML-escaped inside the html content, so a reader shows it and never runs it.
    expect(xml).toContain("Keeps &lt;script&gt;support&lt;/script&gt; tickets.");
    expect(xml).not.toContain("<script>");
    expect(deskItem.content).toContain("Keeps <script>support</script> tickets.");
    expect(deskItem.categories.map((c) => c.term)).toEqual(["announced"]);
    expect(item(ids.payAdd).title).toMatch(/^Withdrawn: Payflow/);
    expect(item(ids.payAdd).categories.map((c) => c.term)).toEqual(["withdrawn"]);
    expect(item(ids.cloudRetire).title).toMatch(/^In effect: Cloudhost \(subprocessor retired\)/);
    expect(item(ids.mailChange).content).toContain("Processing countries: added IE");
  });

  it("snapshots: one per public change, chained, RFC 8785 bytes in a DSSE envelope that openssl verifies; one byte changed fails", async () => {
    const list = snapshotList.parse(await ok(get(getSnapshots, "/api/v1/subprocessors/snapshots")));
    expect(list.payload_type).toBe(SNAPSHOT_PAYLOAD_TYPE);
    const mine = list.snapshots.filter((s) => Object.values(ids).includes(s.change_id ?? ""));
    expect(mine.map((s) => [s.change_id, s.reason]).reverse()).toEqual([
      [ids.mailAdd, "effective"],
      [ids.cloudAdd, "effective"],
      [ids.deskAdd, "announced"],
      [ids.mailChange, "announced"],
      [ids.payAdd, "announced"],
      [ids.payAdd, "withdrawn"],
      [ids.cloudRetire, "effective"],
    ]);

    // One more, recorded directly in a transaction as the lifecycle does.
    const signer = await attestationSigner();
    const recorded = await world.prisma.$transaction((tx) =>
      recordSnapshot(tx, signer, { changeId: null, reason: "effective" }),
    );

    const jwk = (await regionJwks()).keys.find((k) => k.terrane_purpose === "attestation")!;
    const pem = createPublicKey({ key: { kty: "OKP", crv: "Ed25519", x: jwk.x }, format: "jwk" })
      .export({ type: "spki", format: "pem" })
      .toString();
    const all = snapshotList.parse(await ok(get(getSnapshots, "/api/v1/subprocessors/snapshots?limit=1000"))).snapshots;
    expect(all[0]).toMatchObject({ seq: recorded.seq, sha256: recorded.sha256, change_id: null });
    let previous: { seq: number; sha256: string } | null = null;
    for (const summary of [...all].reverse()) {
      const envelope = dsseEnvelopeView.parse(
        await ok(get(getSnapshot, `/api/v1/subprocessors/snapshots/${summary.seq}`, { seq: String(summary.seq) })),
      );
      expect(envelope.payloadType).toBe(SNAPSHOT_PAYLOAD_TYPE);
      expect(envelope.signatures[0]!.keyid).toBe(jwk.kid);
      expect(list.signing_kid).toBe(jwk.kid);
      const payload = Buffer.from(envelope.payload, "base64");
      expect(createHash("sha256").update(payload).digest("hex")).toBe(summary.sha256);
      expect(isCanonicalJson(payload.toString("utf8"))).toBe(true);
      const doc = signedRegister.parse(JSON.parse(payload.toString("utf8")));
      expect(doc.snapshot).toMatchObject({ seq: summary.seq, reason: summary.reason, change_id: summary.change_id });
      expect(doc.snapshot.previous).toEqual(previous);
      expect(doc.generated_at).toBe(summary.taken_at);
      previous = { seq: summary.seq, sha256: summary.sha256 };
    }

    // The last one states the register as the JSON does now.
    const latest = dsseEnvelopeView.parse(
      await ok(get(getSnapshot, `/api/v1/subprocessors/snapshots/${recorded.seq}`, { seq: String(recorded.seq) })),
    );
    const payload = Buffer.from(latest.payload, "base64");
    const doc = signedRegister.parse(JSON.parse(payload.toString("utf8")));
    const view = await publicJson();
    expect(doc.subprocessors).toEqual(view.subprocessors);
    expect(doc.upcoming).toEqual(view.upcoming);

    if (hasOpenssl) {
      const sig = Buffer.from(latest.signatures[0]!.sig, "base64");
      expect(opensslVerifies(dir, pem, preAuthEncoding(latest.payloadType, payload), sig)).toBe(true);
      const tampered = Buffer.from(payload);
      const at = tampered.indexOf("mailgrid");
      tampered[at] = tampered[at]! ^ 0x01;
      expect(opensslVerifies(dir, pem, preAuthEncoding(latest.payloadType, tampered), sig)).toBe(false);
      // The same bytes under another payload type do not verify either: the PAE binds the type.
      expect(opensslVerifies(dir, pem, preAuthEncoding("application/json", payload), sig)).toBe(false);
      expect(execFileSync("openssl", ["version"]).toString()).toMatch(/^OpenSSL 3/);
    }
    if (hasOpenssl && hasJq) {
      // The steps docs/subprocessors.md gives a customer, run as written.
      const jwks = await regionJwks();
      const run = (envelope: unknown) => {
        writeFileSync(path.join(dir, "snapshot.dsse.json"), JSON.stringify(envelope));
        writeFileSync(path.join(dir, "jwks.json"), JSON.stringify(jwks));
        return spawnSync("sh", ["-c", documentedSteps()], { cwd: dir, encoding: "utf8" });
      };
      const good = run(latest);
      expect(good.status, good.stderr).toBe(0);
      expect(good.stdout).toContain("Signature Verified Successfully");
      expect(good.stdout).toContain(createHash("sha256").update(payload).digest("hex"));
      const tampered = Buffer.from(payload);
      const at = tampered.indexOf("mailgrid");
      tampered[at] = tampered[at]! ^ 0x01;
      const bad = run({ ...latest, payload: tampered.toString("base64") });
      expect(bad.status).not.toBe(0);
      expect(bad.stdout).not.toContain("Signature Verified Successfully");
    }

    await expectProblem(
      await get(getSnapshot, "/api/v1/subprocessors/snapshots/999999", { seq: "999999" }),
      404,
      "snapshot_not_found",
    );
    await expectProblem(
      await get(getSnapshot, "/api/v1/subprocessors/snapshots/-1", { seq: "-1" }),
      400,
      "invalid_path",
    );
  });

  it("?at= answers the snapshot in force at that instant; before the first, a 404", async () => {
    const all = snapshotList.parse(await ok(get(getSnapshots, "/api/v1/subprocessors/snapshots?limit=1000"))).snapshots;
    const ascending = [...all].reverse();
    for (const [i, s] of ascending.entries()) {
      const next = ascending[i + 1];
      // Just before the next one: this one is in force.
      const at = next ? new Date(new Date(next.taken_at).getTime() - 1) : new Date(Date.now() + 86_400_000);
      if (next && next.taken_at === s.taken_at) continue;
      const found = snapshotList.parse(
        await ok(get(getSnapshots, `/api/v1/subprocessors/snapshots?at=${encodeURIComponent(at.toISOString())}`)),
      );
      expect(found.snapshots.map((x) => x.seq)).toEqual([s.seq]);
    }
    const before = new Date(new Date(ascending[0]!.taken_at).getTime() - 1).toISOString();
    await expectProblem(
      await get(getSnapshots, `/api/v1/subprocessors/snapshots?at=${encodeURIComponent(before)}`),
      404,
      "no_snapshot_at",
    );
    await expectProblem(await get(getSnapshots, "/api/v1/subprocessors/snapshots?at=yesterday"), 400, "invalid_query");
    // Pages: newest first, `before` for the next.
    const first = snapshotList.parse(await ok(get(getSnapshots, "/api/v1/subprocessors/snapshots?limit=2")));
    expect(first.snapshots.map((s) => s.seq)).toEqual(all.slice(0, 2).map((s) => s.seq));
    const second = snapshotList.parse(
      await ok(get(getSnapshots, `/api/v1/subprocessors/snapshots?limit=2&before=${first.next_before}`)),
    );
    expect(second.snapshots.map((s) => s.seq)).toEqual(all.slice(2, 4).map((s) => s.seq));
  });

  it("trust.json: every URL it lists is answered by a route of this app", async () => {
    const doc = trustDocument.parse(await ok(get(getTrust, "/api/v1/trust")));
    expect(doc.region).toMatchObject({ id: "eu-central-1", url: "http://localhost:3000" });
    expect(doc.subprocessors.snapshot_payload_type).toBe(SNAPSHOT_PAYLOAD_TYPE);
    const jwks = await regionJwks();
    expect(jwks.keys.map((k) => k.kid)).toContain(doc.keys.attestation_kid);
    expect(jwks.keys.find((k) => k.terrane_purpose === "audit-log")?.terrane_verifier_key).toBe(
      doc.audit_log.verifier_key,
    );

    const config = (await import(/* @vite-ignore */ path.join(process.cwd(), "next.config.mjs"))) as {
      default: { rewrites(): Promise<{ source: string; destination: string }[]> };
    };
    const rewrites = await config.default.rewrites();
    const found = inventory();
    const urls: string[] = [];
    const collect = (v: unknown) => {
      if (typeof v === "string" && v.startsWith("http://localhost:3000/")) urls.push(v);
      else if (v && typeof v === "object") Object.values(v).forEach(collect);
    };
    collect(doc);
    expect(urls.length).toBeGreaterThanOrEqual(9);
    for (const url of urls) {
      const u = new URL(url);
      const target = rewrites.find((r) => r.source === u.pathname)?.destination ?? u.pathname;
      // The route Next would serve it with (static segments before dynamic ones, the catch-all last).
      const route = apiRouteFor(target);
      const handler = found.handlers.find((h) => h.method === "GET" && h.path === route?.pattern);
      if (!handler) {
        // Not a route handler: a page (the public trust page), which must exist in app/.
        expect(found.pages, url).toContain(target);
        continue;
      }
      const module = (await import(/* @vite-ignore */ path.join(process.cwd(), handler.file))) as Record<
        string,
        Handler
      >;
      const response = await call(module.GET!, request(`${target}${u.search}`));
      expect(response.status, `${url} → ${target}`).toBe(200);
      await response.arrayBuffer();
    }
  }, 60_000);

  it("the feed and trust.json are answered like the API by proxy.ts: no sign-in, data CSP, 405 as a problem", async () => {
    for (const p of ["/subprocessors.atom", "/.well-known/trust.json", "/api/v1/subprocessors"]) {
      const res = proxy(new NextRequest(`http://localhost${p}`));
      expect(res.headers.get("x-middleware-next"), p).toBe("1");
      expect(res.headers.get("location"), p).toBeNull();
      expect(res.headers.get("content-security-policy"), p).toBe("default-src 'none'; frame-ancestors 'none'");
      const post = proxy(new NextRequest(`http://localhost${p}`, { method: "POST" }));
      await expectProblem(post, 405, "method_not_allowed");
    }
  });
});
