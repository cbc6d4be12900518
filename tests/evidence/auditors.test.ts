import { beforeAll, describe, expect, it } from "vitest";
import { databaseNow } from "@/platform/db/db-time";
import { integratePending } from "@/modules/audit/server/integrator";
import { lastCompleteMonth } from "@/modules/attestations/domain/period";
import { issueAttestationOnDemand } from "@/modules/attestations/server/issue";
import { attestationEnvelope, attestationPdf, listAttestations } from "@/modules/attestations/server/reads";
import { inviteAuditor, listAuditors, revokeAuditor } from "@/modules/evidence/server/auditors";
import { acceptNda, readNda, setNda } from "@/modules/evidence/server/nda";
import { evidenceActivityCsv, listEvidenceActivity } from "@/modules/evidence/server/activity";
import { listTenantKeys as listKeys } from "@/modules/keys/server/tenant-keys";
import { DATABASE_KINDS } from "../helpers/databases";
import { pdfPages } from "../helpers/pdf-text";
import { refusal } from "../helpers/refusal";
import { EU, useSeededRegion } from "../helpers/seeded-region";

const SLUG = "northwind-eu";
const ORIGIN = { surface: "api", path: "/api/v1/test", ip: "203.0.113.7" } as const;
const DAY = 86_400_000;

describe.each(DATABASE_KINDS)("auditor engagements and the NDA, on %s", (kind) => {
  const world = useSeededRegion(kind, "eu-central-1", { keys: true, decisions: true, ndaPending: true });
  let lastMonth: { id: string; from: string; to: string };
  let older: { id: string };

  beforeAll(async () => {
    await integratePending();
    const admin = await world.session(EU.northwindAdmin);
    const p = lastCompleteMonth(await databaseNow(world.prisma));
    const month = { from: p.from.toISOString().slice(0, 10), to: p.to.toISOString().slice(0, 10) };
    lastMonth = { ...(await issueAttestationOnDemand(admin, SLUG, month, ORIGIN)), ...month };
    // A period before every engagement in these tests: two years ago.
    const y = p.from.getUTCFullYear() - 2;
    older = await issueAttestationOnDemand(admin, SLUG, { from: `${y}-01-01`, to: `${y}-02-01` }, ORIGIN);
  });

  it("an auditor reads nothing before accepting the NDA, and the refusal is recorded", async () => {
    const audrey = await world.session(EU.northwindAuditor);
    expect(await refusal(listAttestations(audrey, SLUG, ORIGIN))).toEqual({ status: 403, code: "nda_required" });
    expect(await refusal(listKeys(audrey, SLUG, ORIGIN))).toEqual({ status: 403, code: "nda_required" });
    expect(await refusal(attestationEnvelope(audrey, SLUG, lastMonth.id, ORIGIN))).toEqual({
      status: 403,
      code: "nda_required",
    });
    const denied = await world.prisma.auditEntry.findMany({
      where: { action: "access.denied", actorId: await world.userId(EU.northwindAuditor) },
    });
    expect(denied.map((d) => (d.details as { attempted_action: string }).attempted_action)).toContain(
      "attestations.read",
    );
  });

  it("the NDA accepted is the text shown: a stale digest is 409 and changes nothing; the record keeps who, when, where and which text", async () => {
    const audrey = await world.session(EU.northwindAuditor);
    const nda = await readNda(audrey, SLUG, ORIGIN);
    expect(nda).toMatchObject({ version: 1, accepted_at: null, allowed_actions: ["nda.accept"] });
    expect(nda.text).toContain("Northwind");

    expect(
      await refusal(acceptNda(audrey, SLUG, { sha256: "a".repeat(64) }, { ...ORIGIN, ip: "203.0.113.7" })),
    ).toEqual({
      status: 409,
      code: "nda_changed",
    });
    expect(await world.prisma.ndaAcceptance.count()).toBe(0);

    const accepted = await acceptNda(audrey, SLUG, { sha256: nda.sha256 }, { ...ORIGIN, ip: "203.0.113.7" });
    expect(accepted).toMatchObject({ version: 1, sha256: nda.sha256 });
    const record = await world.prisma.ndaAcceptance.findFirstOrThrow();
    expect(record).toMatchObject({
      name: "Audrey Mensah",
      email: EU.northwindAuditor,
      ip: "203.0.113.7",
      sha256: nda.sha256,
    });
    expect((await readNda(audrey, SLUG, ORIGIN)).accepted_at).toBe(accepted.accepted_at);

    const list = await listAttestations(audrey, SLUG, ORIGIN);
    expect(list.attestations.map((a) => a.id)).toContain(lastMonth.id);
    const audit = await world.prisma.auditEntry.findFirstOrThrow({ where: { action: "evidence.nda_accepted" } });
    expect(audit.details).toMatchObject({ sha256: nda.sha256, ip: "203.0.113.7" });
  });

  it("admins see who viewed and downloaded what, with the digest of the bytes served, as JSON and CSV", async () => {
    const audrey = await world.session(EU.northwindAuditor);
    const served = await attestationEnvelope(audrey, SLUG, lastMonth.id, ORIGIN);
    const admin = await world.session(EU.northwindAdmin);
    const { activity } = await listEvidenceActivity(admin, SLUG, ORIGIN);
    const download = activity.find((a) => a.kind === "attestation.downloaded" && a.user.name === "Audrey Mensah");
    expect(download).toMatchObject({
      subject: `attestation:${lastMonth.id}`,
      sha256: served.sha256,
      ip: "203.0.113.7",
    });
    expect(activity.map((a) => a.kind)).toEqual(expect.arrayContaining(["nda.accepted", "attestations.viewed"]));
    const csv = await evidenceActivityCsv(admin, SLUG, ORIGIN);
    expect(csv.body.split(/\r?\n/)[0]).toBe('"at_utc","name","email","kind","subject","sha256","download_id","ip"');
    expect(csv.body).toContain(served.sha256);
    expect(
      await world.prisma.auditEntry.count({
        where: { action: "evidence.viewed", subject: `attestation:${lastMonth.id}` },
      }),
    ).toBeGreaterThan(0);
    // Who viewed what is the tenant's admins' business, not the auditor's or a viewer's.
    expect((await refusal(listEvidenceActivity(audrey, SLUG, ORIGIN))).status).toBe(403);
    expect((await refusal(listEvidenceActivity(await world.session(EU.northwindViewer), SLUG, ORIGIN))).status).toBe(
      403,
    );
  });

  it("the auditor's PDF carries their name, e-mail, the time and the download id on every page; the download is recorded with its digest", async () => {
    const audrey = await world.session(EU.northwindAuditor);
    const pdf = await attestationPdf(audrey, SLUG, lastMonth.id, ORIGIN);
    const pages = pdfPages(pdf.bytes);
    expect(pages.length).toBeGreaterThan(0);
    for (const page of pages) {
      expect(page).toContain("Audrey Mensah");
      expect(page).toContain(EU.northwindAuditor);
      expect(page).toContain(pdf.downloadId);
    }
    const admin = await world.session(EU.northwindAdmin);
    const { activity } = await listEvidenceActivity(admin, SLUG, ORIGIN);
    expect(activity.find((a) => a.download_id === pdf.downloadId)).toMatchObject({
      kind: "attestation.pdf_downloaded",
      sha256: pdf.sha256,
      user: { name: "Audrey Mensah" },
    });
    // The admin's own copy is the plain one: no watermark.
    const plain = await attestationPdf(admin, SLUG, lastMonth.id, ORIGIN);
    const plainText = pdfPages(plain.bytes).join("\f");
    expect(plainText).toContain("Northwind");
    expect(plainText).not.toContain("Downloaded by");
  });

  it("an attestation outside the engagement's periods is not found for the auditor, and the attempt is recorded", async () => {
    const audrey = await world.session(EU.northwindAuditor);
    const ids = (await listAttestations(audrey, SLUG, ORIGIN)).attestations.map((a) => a.id);
    expect(ids).not.toContain(older.id);
    expect(await refusal(attestationEnvelope(audrey, SLUG, older.id, ORIGIN))).toEqual({
      status: 404,
      code: "attestation_not_found",
    });
    // The admin reads it.
    expect((await attestationEnvelope(await world.session(EU.northwindAdmin), SLUG, older.id, ORIGIN)).sha256).toMatch(
      /^[0-9a-f]{64}$/,
    );
  });

  it("invitations are checked: expiry at most 90 days, a real scope, never provider staff or an existing member; bad ones create nothing", async () => {
    const admin = await world.session(EU.northwindAdmin);
    const now = Date.now();
    const before = await world.prisma.membership.count();
    const scope = { access: "evidence" as const, from: "2026-01-01", to: "2027-01-01" };
    const cases: [Parameters<typeof inviteAuditor>[2], string][] = [
      [{ email: "x@audit.example", expires_at: new Date(now + 91 * DAY).toISOString(), scope }, "expiry_too_far"],
      [{ email: "x@audit.example", expires_at: new Date(now - DAY).toISOString(), scope }, "expiry_in_past"],
      [
        {
          email: "x@audit.example",
          expires_at: new Date(now + DAY).toISOString(),
          scope: { ...scope, to: "2025-01-01" },
        },
        "scope_empty",
      ],
      [
        {
          email: "x@audit.example",
          expires_at: new Date(now + DAY).toISOString(),
          scope: { ...scope, from: "2026-02-30" },
        },
        "scope_malformed",
      ],
      [{ email: EU.compliance, expires_at: new Date(now + DAY).toISOString(), scope }, "provider_staff"],
      [{ email: EU.northwindViewer, expires_at: new Date(now + DAY).toISOString(), scope }, "already_member"],
    ];
    for (const [input, code] of cases)
      expect((await refusal(inviteAuditor(admin, SLUG, input, ORIGIN))).code).toBe(code);
    expect(await world.prisma.membership.count()).toBe(before);
    expect(await world.prisma.user.count({ where: { email: "x@audit.example" } })).toBe(0);
    // Only admins and compliance officers invite.
    for (const who of [EU.northwindViewer, EU.northwindAuditor, EU.support])
      expect(
        (
          await refusal(
            inviteAuditor(
              await world.session(who),
              SLUG,
              { email: "y@audit.example", expires_at: new Date(now + DAY).toISOString(), scope },
              ORIGIN,
            ),
          )
        ).status,
      ).toBeGreaterThanOrEqual(403);
  });

  it("an attestations-only auditor invited by a compliance officer reads the statements and nothing else; revoking ends access at once", async () => {
    const compliance = await world.session(EU.compliance);
    const invited = await inviteAuditor(
      compliance,
      SLUG,
      {
        email: "Petra.Auditor@Audit.example",
        name: "Petra Novak",
        expires_at: new Date(Date.now() + 30 * DAY).toISOString(),
        scope: { access: "attestations", from: lastMonth.from, to: lastMonth.to },
      },
      ORIGIN,
    );
    expect(invited).toMatchObject({ name: "Petra Novak", email: "petra.auditor@audit.example", state: "awaiting_nda" });
    expect(invited.invited_by?.id).toBe(await world.userId(EU.compliance));
    const petra = await world.session("petra.auditor@audit.example");
    const nda = await readNda(petra, SLUG, ORIGIN);
    await acceptNda(petra, SLUG, { sha256: nda.sha256 }, ORIGIN);
    expect((await listAttestations(petra, SLUG, ORIGIN)).attestations.map((a) => a.id)).toEqual([lastMonth.id]);
    expect(await refusal(listKeys(petra, SLUG, ORIGIN))).toEqual({ status: 403, code: "out_of_scope" });

    const admin = await world.session(EU.northwindAdmin);
    const listed = await listAuditors(admin, SLUG, ORIGIN);
    expect(listed.auditors.find((a) => a.id === invited.id)).toMatchObject({ state: "active", access: "attestations" });
    expect(listed.allowed_actions).toEqual(["auditors.manage"]);

    const revoked = await revokeAuditor(admin, SLUG, invited.id, ORIGIN);
    expect(revoked).toMatchObject({ state: "revoked", revoked_by: { name: "Ana Ortega" } });
    expect(await refusal(listAttestations(petra, SLUG, ORIGIN))).toEqual({ status: 404, code: "tenant_not_found" });
    const refused = await world.prisma.auditEntry.findMany({
      where: { action: "access.denied", actorId: await world.userId("petra.auditor@audit.example") },
    });
    expect(refused.map((r) => r.details)).toContainEqual(
      expect.objectContaining({ attempted_action: "attestations.read", status: 404 }),
    );
    expect((await refusal(revokeAuditor(admin, SLUG, invited.id, ORIGIN))).code).toBe("already_revoked");
  });

  it("an expired engagement ends access without anyone acting", async () => {
    const audrey = await world.session(EU.northwindAuditor);
    const id = await world.userId(EU.northwindAuditor);
    const membership = await world.prisma.membership.findFirstOrThrow({
      where: { userId: id, tenant: { slug: SLUG } },
    });
    await world.prisma.membership.update({
      where: { id: membership.id },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    try {
      expect((await refusal(listAttestations(audrey, SLUG, ORIGIN))).status).toBe(404);
      const listed = await listAuditors(await world.session(EU.northwindAdmin), SLUG, ORIGIN);
      expect(listed.auditors.find((a) => a.id === membership.id)?.state).toBe("expired");
    } finally {
      await world.prisma.membership.update({ where: { id: membership.id }, data: { expiresAt: membership.expiresAt } });
    }
  });

  it("a new NDA text makes every auditor accept again before reading on", async () => {
    const admin = await world.session(EU.northwindAdmin);
    const audrey = await world.session(EU.northwindAuditor);
    const text = "Version two of the confidentiality undertaking: the auditor keeps every file confidential.";
    const shown = await readNda(audrey, SLUG, ORIGIN);
    if (!shown.accepted_at) await acceptNda(audrey, SLUG, { sha256: shown.sha256 }, ORIGIN);
    const set = await setNda(admin, SLUG, { text }, ORIGIN);
    expect(set).toMatchObject({ version: 2, text });
    expect(await refusal(listAttestations(audrey, SLUG, ORIGIN))).toEqual({ status: 403, code: "nda_required" });
    expect((await refusal(setNda(audrey, SLUG, { text: `${text} Changed by the auditor.` }, ORIGIN))).status).toBe(403);
    await acceptNda(audrey, SLUG, { sha256: set.sha256 }, ORIGIN);
    expect((await listAttestations(audrey, SLUG, ORIGIN)).attestations.length).toBeGreaterThan(0);
    const changed = await world.prisma.auditEntry.findFirstOrThrow({ where: { action: "evidence.nda_changed" } });
    expect(changed.details).toMatchObject({ version: 2, auditors_to_accept_again: 1 });
  });
});
