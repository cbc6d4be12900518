import "server-only";
/**
 * The readable PDF of a residency attestation: the predicate's facts as tables, with the digests
 * and commands an auditor needs to check the signed envelope it renders. The PDF is not itself
 * signed; the envelope is the attestation. Without a watermark the same input gives the same
 * bytes, so a stored rendering can be compared with a fresh one.
 */
import { PDFDocument, rgb } from "pdf-lib";
import type { ResidencyPredicate } from "@/modules/attestations/domain/predicate";
import { findRegion } from "@/platform/region/registry";
import { TIERS } from "@/platform/region/tier";
import { tierSchema } from "@/platform/region/tier-schema";
import { TERRANE_VERSION } from "@/platform/version";
import { PdfFlow, type Column } from "@/modules/attestations/server/pdf-layout";
import { custodyKind, custodyLabel, custodyShortfall } from "@/modules/keys/domain/custody";

export interface AttestationPdfInput {
  predicate: ResidencyPredicate;
  envelopeSha256: string;
  subjectSha256: string;
  kid: string;
  periodName: string;
  issuedAt: Date;
  state: string;
  watermark?: { name: string; email: string; at: Date; downloadId: string };
}

type Flow = ResidencyPredicate["flows"][number];
type Destination = Flow["to"];

/** An instant as ISO 8601 with its zone spelled out, e.g. 2026-11-01T00:00:00 UTC. */
function utc(value: Date | string): string {
  const at = new Date(value);
  if (Number.isNaN(at.getTime())) return String(value);
  return at.toISOString().replace(/(\.000)?Z$/, " UTC");
}

const dash = "—";
const int = (n: number | null) => (n === null ? dash : String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ","));
const list = (xs: string[]) => (xs.length === 0 ? dash : xs.join(", "));
const orDash = (s: string | null) => s ?? dash;

function bytes(n: number | null): string {
  if (n === null) return dash;
  const units = ["B", "KiB", "MiB", "GiB", "TiB", "PiB"];
  let v = n;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) [v, u] = [v / 1024, u + 1];
  return u === 0 ? `${n} B` : `${v.toFixed(1)} ${units[u]}`;
}

const duration = (ms: number | null) => (ms === null ? dash : ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`);

function destination(d: Destination | null): string {
  if (!d) return dash;
  if (d.kind === "region") return `region ${d.id}`;
  return `subprocessor ${d.id}${d.region ? ` (in ${d.region})` : ""}`;
}

function regionName(id: string): string {
  const r = findRegion(id);
  return r ? `${id} · ${r.name}` : id;
}

const VERDICTS: Record<Flow["verdict"], string> = {
  allowed: "allowed",
  allowed_with_condition: "allowed with condition",
  violation: "VIOLATION",
  unknown_region: "UNKNOWN REGION",
};

const col = (header: string, width: number, extra: Partial<Column> = {}): Column => ({ header, width, ...extra });
const right = { align: "right" as const };
const mono = { font: "mono" as const };
const KV: Column[] = [col("", 1), col("", 3)];

export async function renderAttestationPdf(input: AttestationPdfInput): Promise<Uint8Array> {
  const p = input.predicate;
  const title = `Residency attestation — ${p.tenant.name}, ${input.periodName}`;

  // Default metadata would stamp the current time, and the same input must give the same bytes.
  const doc = await PDFDocument.create({ updateMetadata: false });
  doc.setTitle(title);
  doc.setSubject(`Where ${p.tenant.name}'s data was, ${utc(p.period.from)} to ${utc(p.period.to)}`);
  doc.setAuthor(p.verification.verifier.id);
  doc.setCreator("Terrane");
  doc.setProducer(`Terrane ${TERRANE_VERSION} (pdf-lib)`);
  doc.setCreationDate(input.issuedAt);
  doc.setModificationDate(input.issuedAt);
  const f = await PdfFlow.create(doc);
  f.paragraph(title, { font: "bold", size: 16 });
  f.paragraph(
    `Tenant ${p.tenant.slug} · period ${utc(p.period.from)} to ${utc(p.period.to)} (end exclusive) · ` +
      `issued ${utc(input.issuedAt)} by ${p.verification.verifier.id} (Terrane ${p.verification.verifier.version}) · state ${input.state}`,
    { size: 8.5, color: rgb(0.35, 0.35, 0.35) },
  );
  drawVerdictAndTenant(f, p);
  drawResidency(f, p);
  drawFlowsAndDecisions(f, p);
  drawCustodyAndAccess(f, p);
  drawVerification(f, input);
  stamp(f, input);
  return doc.save();
}

function drawVerdictAndTenant(f: PdfFlow, p: ResidencyPredicate): void {
  const passed = p.verification.result === "PASSED";
  f.heading("Verdict");
  f.paragraph(p.verification.result, {
    font: "bold",
    size: 20,
    color: passed ? rgb(0, 0.5, 0.2) : rgb(0.75, 0.1, 0.1),
  });
  f.paragraph(
    `Verified at ${utc(p.verification.time_verified)} against the sharing decisions in force at the period's end.`,
  );
  if (p.verification.exceptions.length === 0) f.paragraph("No exceptions: nothing in the period broke residency.");
  else
    f.table(
      [col("Exception", 2), col("Count", 1, right), col("What it means", 5)],
      p.verification.exceptions.map((e) => [e.kind, int(e.count), e.detail]),
    );

  f.heading("Tenant");
  f.table(
    KV,
    [
      ["Tenant", `${p.tenant.name} (${p.tenant.slug}, ${p.tenant.id})`],
      ["Organisation", `${p.tenant.organisation.name} (${p.tenant.organisation.id})`],
      ["Home region", regionName(p.tenant.home_region)],
      ["Tier", tierWords(p.tenant.tier)],
    ],
    { header: false, size: 8.5 },
  );
}

/** A predicate's tier (the API's spelling) in the portal's words; a name Terrane does not know, as it is. */
function tierWords(tier: string): string {
  const known = tierSchema.safeParse(tier);
  return known.success ? TIERS[known.data].label : tier;
}

/** The map, then the stores: where the tenant's data is, by region. */
function drawResidency(f: PdfFlow, p: ResidencyPredicate): void {
  f.heading("Where the data is");
  const points = p.residency.regions
    .filter((r) => r.stores.length > 0 || (r.datasets ?? 0) > 0 || r.home)
    .flatMap((r) => {
      const known = findRegion(r.region);
      return known ? [{ label: r.region, latitude: known.latitude, longitude: known.longitude, home: r.home }] : [];
    });
  const unplaced = p.residency.regions
    .filter((r) => (r.stores.length > 0 || (r.datasets ?? 0) > 0) && !findRegion(r.region))
    .map((r) => r.region);
  f.worldMap(points);
  if (unplaced.length > 0)
    f.paragraph(`Not on the map (not in the region registry): ${unplaced.join(", ")}.`, { size: 8 });
  f.table(
    [
      col("Region", 2.2),
      col("Store", 2.2),
      col("Engine", 1.2),
      col("Data classes", 2.6),
      col("Records", 1.1, right),
      col("Size", 1, right),
    ],
    p.residency.regions.flatMap((r) => {
      const where = `${r.region}${r.home ? " (home)" : ""}${r.tier ? `, ${tierWords(r.tier)} tier` : ""}`;
      const datasets = r.datasets ?? 0;
      const lineage = `${datasets} dataset${datasets === 1 ? "" : "s"} (lineage)`;
      if (r.stores.length === 0) return [[where, datasets > 0 ? `no stores; ${lineage}` : "no stores", "", "", "", ""]];
      return r.stores.map((s) => [
        where,
        `${s.name} (${s.id})`,
        s.engine,
        list(s.data_classes),
        int(s.records),
        bytes(s.bytes),
      ]);
    }),
  );
}

function drawFlowsAndDecisions(f: PdfFlow, p: ResidencyPredicate): void {
  f.heading("Border-crossing flows");
  if (p.flows.length === 0) f.paragraph("No data crossed a border in the period.");
  else
    f.table(
      [
        col("From", 1.3),
        col("To", 1.6),
        col("Data classes", 1.6),
        col("Verdict", 1.1),
        col("Runs", 0.6, right),
        col("Seen", 2.1),
        col("Decisions applied", 2.8),
      ],
      p.flows.map((fl) => [
        orDash(fl.from_region),
        destination(fl.to),
        list(fl.data_classes),
        VERDICTS[fl.verdict],
        int(fl.runs),
        `${utc(fl.first_seen)}\nto ${utc(fl.last_seen)}`,
        fl.decisions.length === 0
          ? "none"
          : fl.decisions.map((d) => `${d.id} v${d.version} sha256:${d.content_sha256}`).join("\n"),
      ]),
      { size: 7 },
    );

  f.heading("Violations");
  f.paragraph(`Open at the period's end: ${int(p.violations.open)} · resolved: ${int(p.violations.resolved)}.`);
  if (p.violations.alerts.length > 0)
    f.table(
      [
        col("Alert", 1.2),
        col("Kind", 1.5),
        col("Status", 0.9),
        col("From", 1.1),
        col("To", 1.4),
        col("Data classes", 1.3),
        col("Raised", 2.3),
        col("Resolved", 2.3),
      ],
      p.violations.alerts.map((a) => [
        a.id,
        a.kind,
        a.status,
        orDash(a.from_region),
        destination(a.to),
        list(a.data_classes),
        utc(a.raised_at),
        a.resolved_at ? utc(a.resolved_at) : dash,
      ]),
      { size: 7 },
    );

  f.heading("Sharing decisions in force at the period's end");
  f.paragraph(`Policy ${p.verification.policy.uri}, sha256:${p.verification.policy.digest.sha256}`, { size: 8 });
  if (p.decisions_in_force.length === 0) f.paragraph("No sharing decision was in force.");
  else
    f.table(
      [
        col("Decision", 1.5),
        col("Data class", 1.2),
        col("Destination", 1.6),
        col("Outcome", 1.1),
        col("Legal basis", 1.3),
        col("Effective", 2.2),
        col("Content sha256", 2.2, mono),
      ],
      p.decisions_in_force.map((d) => [
        `${d.id} v${d.version}`,
        d.data_class,
        destination(d.destination),
        d.outcome,
        orDash(d.legal_basis),
        `from ${utc(d.effective_from)}${d.effective_to ? `\nto ${utc(d.effective_to)}` : ""}`,
        d.content_sha256,
      ]),
      { size: 7 },
    );
}

function drawCustodyAndAccess(f: PdfFlow, p: ResidencyPredicate): void {
  f.heading("Key custody");
  const keys = p.key_custody.keys;
  if (keys.length === 0) f.paragraph("The tenant had no keys in the period.");
  else {
    // Held in: the same words as the keys page (modules/keys/domain/custody.ts), from the provider and tier.
    const held = keys.map((k) => ({ key: k, kind: custodyKind(k.provider, p.tenant.tier) }));
    f.table(
      [
        col("Key", 2),
        col("Held in", 1.4),
        col("Key reference", 2.6),
        col("Versions", 0.8, right),
        col("State at end", 1.1),
      ],
      held.map(({ key: k, kind }) => [
        `${k.alias} (${k.id})`,
        custodyLabel(kind, k.provider),
        k.key_ref,
        int(k.versions),
        k.state_at_end,
      ]),
    );
    for (const { key: k, kind } of held) {
      const shortfall = custodyShortfall(kind, k.provider, p.tenant.tier);
      if (shortfall) f.paragraph(`${k.alias}: ${shortfall}`, { size: 8 });
    }
    const rotations = keys.flatMap((k) =>
      k.rotations.map((r) => [k.alias, utc(r.at), `v${r.from_version} to v${r.to_version}`, r.trigger]),
    );
    f.paragraph(rotations.length === 0 ? "No rotations in the period." : "Rotations", { font: "bold", size: 8.5 });
    if (rotations.length > 0)
      f.table([col("Key", 1.5), col("At", 1.8), col("Versions", 1.2), col("Trigger", 2)], rotations);
    const disables = keys.flatMap((k) =>
      k.disables.map((d) => [
        k.alias,
        utc(d.at),
        orDash(d.receipt_status),
        duration(d.time_to_revoke_ms),
        d.receipt_sha256 ?? dash,
      ]),
    );
    f.paragraph(disables.length === 0 ? "No disables in the period." : "Disables and their revocation receipts", {
      font: "bold",
      size: 8.5,
    });
    if (disables.length > 0)
      f.table(
        [
          col("Key", 1.3),
          col("At", 1.8),
          col("Receipt", 1),
          col("Time to revoke", 1),
          col("Receipt sha256", 3.4, mono),
        ],
        disables,
      );
  }

  f.heading("Support access");
  const s = p.support_access;
  f.table(
    KV,
    [
      ["Requests", int(s.requests)],
      ["Grants", int(s.grants)],
      ["Accesses within a grant", int(s.accesses_within_grant)],
      ["Accesses outside any grant", int(s.accesses_outside_grant)],
      ["Break-glass grants", `${int(s.break_glass.opened)} opened, ${int(s.break_glass.reviewed)} reviewed`],
    ],
    { header: false, size: 8.5 },
  );

  f.heading("Audit-log checkpoint");
  f.table(
    KV,
    [
      ["Origin", p.audit_log.origin],
      ["Tree size", int(p.audit_log.tree_size)],
      ["Root hash (base64)", p.audit_log.root_hash],
    ],
    { header: false, size: 8.5 },
  );
  f.paragraph("The signed note (C2SP tlog-checkpoint): every entry of the period is in this tree.", { size: 8 });
  f.paragraph(p.audit_log.checkpoint, { font: "mono", size: 7 });
}

/** The digests and key id, and the commands that check the envelope against them. */
function drawVerification(f: PdfFlow, input: AttestationPdfInput): void {
  const p = input.predicate;
  const region = p.verification.verifier.id.replace(/^terrane:/, "");
  const fileName = `${p.tenant.slug}-${input.periodName.replaceAll(":", "")}.intoto.json`;
  f.heading("Signature");
  f.table(
    KV,
    [
      ["Envelope SHA-256", input.envelopeSha256],
      [
        "Subject",
        `${p.tenant.slug}/${input.periodName}, sha256:${input.subjectSha256} (the predicate's RFC 8785 digest)`,
      ],
      ["Signing key id", input.kid],
      ["Signed by", `${p.verification.verifier.id}, the region's attestation key (DSSE v1, Ed25519)`],
    ],
    { header: false, size: 8.5 },
  );

  const instance = findRegion(region)?.url ?? `https://<instance of ${region}>`;
  f.heading("How to verify");
  f.paragraph(
    `This PDF is a readable rendering and is not signed: the signed statement ${fileName} is the attestation. ` +
      "Download it, then check that its SHA-256 is the digest above (the second command prints OK):",
  );
  f.gap(3);
  f.paragraph(`sha256sum ${fileName}\necho "${input.envelopeSha256}  ${fileName}" | sha256sum -c`, {
    font: "mono",
    size: 6.5,
  });
  f.gap(3);
  f.paragraph(
    `Then check its signature against the region's published key (key id ${input.kid}) and its subject against its facts:`,
  );
  f.gap(3);
  f.paragraph(`npx terrane verify ${fileName} --jwks ${instance}/.well-known/jwks.json`, { font: "mono", size: 6.5 });
  f.gap(3);
  f.paragraph(
    "Exit status 0: verified; 1: altered, or signed by another key; 2: bad input. Without Terrane, the same checks " +
      'take openssl, sha256sum and a shell: see docs/attestations.md, "Verifying by hand".',
  );
}

/** Every page names the attestation and its place; a download also names who took it, on every page. */
function stamp(f: PdfFlow, input: AttestationPdfInput): void {
  const { predicate: p, watermark } = input;
  const stampLine = `Terrane residency attestation ${p.tenant.slug}/${input.periodName} · envelope sha256:${input.envelopeSha256.slice(0, 16)}...`;
  const clip = (s: string) => (s.length > 120 ? `${s.slice(0, 117)}...` : s);
  f.stampPages((index, count) => {
    const page = `${stampLine} · page ${index + 1} of ${count}`;
    if (!watermark) return { footer: [page] };
    const who = `${clip(watermark.name)} <${clip(watermark.email)}>`;
    return {
      footer: [`Downloaded by ${who} at ${utc(watermark.at)} · download ${clip(watermark.downloadId)}`, page],
      diagonal: `${clip(watermark.name)} · ${clip(watermark.email)} · ${utc(watermark.at)}`,
    };
  });
}
