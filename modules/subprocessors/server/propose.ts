import "server-only";
import { openReviewItem } from "@/modules/reviews/server/items";
import type { Actor } from "@/platform/auth/actor";
import { withRegion } from "@/platform/access/with-region";
import { prisma } from "@/platform/db/db";
import { databaseNow } from "@/platform/db/db-time";
import type { Prisma, Tx } from "@/platform/db/transaction";
import { BadRequestError, ConflictError, NotFoundError } from "@/platform/errors";
import { appendAudit } from "@/modules/audit/server/append";
import type { ProposeBody } from "@/modules/subprocessors/api-schemas/register";
import { diffEntries } from "@/modules/subprocessors/domain/diff";
import { slugFor, type ChangeKind, type SubprocessorEntry } from "@/modules/subprocessors/domain/model";
import { effectiveDate, needsNotice } from "@/modules/subprocessors/domain/notice";
import { entryFromRow, fieldsOf, type ChangeRow } from "@/modules/subprocessors/server/rows";
import { registerSettings } from "@/modules/subprocessors/server/settings";
import { checkAgainstRegion } from "@/modules/subprocessors/server/validate";
import { changeViews } from "@/modules/subprocessors/server/views";
import type { ChangeView } from "@/modules/subprocessors/api-schemas/register";

/** Postgres' unique violation, as Prisma reports it from a raw or typed write. */
function isUniqueViolation(err: unknown): boolean {
  const code = (err as { code?: string } | null)?.code;
  return code === "P2002" || code === "23505" || /unique constraint/i.test(String((err as Error)?.message ?? ""));
}

async function freeId(tx: Tx, name: string): Promise<string> {
  const base = slugFor(name);
  const taken = new Set(
    (await tx.subprocessor.findMany({ where: { id: { startsWith: base } }, select: { id: true } })).map((r) => r.id),
  );
  const pending = await tx.subprocessorChange.findMany({
    where: { subprocessorId: { startsWith: base } },
    select: { subprocessorId: true },
  });
  for (const p of pending) taken.add(p.subprocessorId);
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}

/** Refuses a name another entry (or a pending new one) of the region already has, whatever its case. */
async function assertNameFree(tx: Tx, region: string, name: string, exceptId: string | null): Promise<void> {
  const clash = await tx.$queryRaw<{ id: string }[]>`
    SELECT id FROM subprocessors WHERE region = ${region} AND lower(name) = lower(${name}) AND id IS DISTINCT FROM ${exceptId}
    UNION ALL
    SELECT subprocessor_id FROM subprocessor_changes
     WHERE region = ${region} AND kind = 'add' AND state IN ('proposed', 'announced') AND lower(after->>'name') = lower(${name})
       AND subprocessor_id IS DISTINCT FROM ${exceptId}
    LIMIT 1`;
  if (clash.length > 0)
    throw new ConflictError(
      `The register already has a subprocessor named "${name}" (${clash[0]!.id}). Propose a change to it instead.`,
      "name_taken",
    );
}

interface Proposal {
  kind: ChangeKind;
  subprocessorId: string;
  before: SubprocessorEntry | null;
  after: SubprocessorEntry;
}

async function planProposal(tx: Tx, region: string, body: ProposeBody, now: Date): Promise<Proposal> {
  if (!body.id) {
    if (body.status === "retired")
      throw new BadRequestError("A retirement names the subprocessor's id.", "id_required");
    const { id: _id, status: _status, effective_at: _e, urgent_reason: _u, ...fields } = body;
    await assertNameFree(tx, region, fields.name, null);
    const id = await freeId(tx, fields.name);
    return {
      kind: "add",
      subprocessorId: id,
      before: null,
      after: { ...fields, id, status: "active", effective_at: now.toISOString() },
    };
  }
  const row = await tx.subprocessor.findFirst({ where: { id: body.id, region } });
  if (!row)
    throw new NotFoundError(`The register of ${region} has no subprocessor ${body.id}.`, "subprocessor_not_found");
  const before = entryFromRow(row);
  if (before.status === "retired")
    throw new ConflictError(`${before.name} is retired; propose it as a new subprocessor instead.`, "retired");
  if (before.status === "announced")
    throw new ConflictError(
      `${before.name} is announced and not active yet; withdraw its announcement and propose again.`,
      "not_active",
    );
  if (body.status === "retired")
    return { kind: "retire", subprocessorId: row.id, before, after: { ...before, status: "retired" } };
  const { id: _id, status: _status, effective_at: _e, urgent_reason: _u, ...fields } = body;
  if (fields.name.toLowerCase() !== before.name.toLowerCase()) await assertNameFree(tx, region, fields.name, row.id);
  const after: SubprocessorEntry = { ...fields, id: row.id, status: "active", effective_at: before.effective_at };
  if (diffEntries(fieldsOf(before), fieldsOf(after)).length === 0)
    throw new BadRequestError(`The proposal changes nothing about ${before.name}.`, "no_change");
  return { kind: "change", subprocessorId: row.id, before, after };
}

/**
 * `POST /api/v1/region/subprocessors`: a provider admin proposes a new subprocessor, a change to
 * one or its retirement. Nothing reaches customers until a compliance officer approves it; a
 * date inside the notice period is refused here unless the proposal gives an urgent reason.
 */
export function proposeChange(
  actor: Actor,
  body: ProposeBody,
): Promise<{ change_id: string; state: "proposed"; change: ChangeView }> {
  return withRegion(actor, "region.subprocessors.manage", async ({ actor, region }) => {
    if ("data_classes" in body) await checkAgainstRegion(body);
    const db = await prisma();
    let change: ChangeRow;
    try {
      change = await db.$transaction(async (tx) => {
        const now = await databaseNow(tx);
        const settings = await registerSettings(tx, region.id);
        const plan = await planProposal(tx, region.id, body, now);
        const notice = needsNotice(plan.kind, plan.before && fieldsOf(plan.before), fieldsOf(plan.after));
        const requested = body.effective_at ?? null;
        const urgentReason = body.urgent_reason ?? null;
        const when = effectiveDate({
          now,
          noticeDays: settings.notice_days,
          needsNotice: notice,
          requested,
          urgentReason,
        });
        if (!when.ok)
          throw new BadRequestError(
            `The effective date is inside the region's ${settings.notice_days}-day notice period; the earliest is ${when.earliest.toISOString()}. An urgent replacement may shorten it only with a reason (urgent_reason) that a compliance officer approves.`,
            "inside_notice_period",
            { earliest: when.earliest.toISOString() },
          );
        if (urgentReason && !when.shortened)
          throw new BadRequestError(
            "urgent_reason is only for an effective date inside the notice period; this date needs none.",
            "urgent_reason_not_needed",
          );
        const row = await tx.subprocessorChange.create({
          data: {
            region: region.id,
            subprocessorId: plan.subprocessorId,
            kind: plan.kind,
            before: (plan.before ?? undefined) as Prisma.InputJsonObject | undefined,
            after: plan.after as unknown as Prisma.InputJsonObject,
            authorId: actor.userId,
            requestedEffectiveAt: requested,
            urgentReason,
          },
        });
        await appendAudit(tx, {
          actor,
          action: "subprocessor.change_proposed",
          subject: `subprocessor_change:${row.id}`,
          outcome: "success",
          details: {
            subprocessor_id: plan.subprocessorId,
            kind: plan.kind,
            requested_effective_at: requested?.toISOString() ?? null,
            urgent_reason: urgentReason,
            diff: diffEntries(
              plan.before && fieldsOf(plan.before),
              fieldsOf(plan.after),
            ) as unknown as Prisma.InputJsonArray,
          },
        });
        const kindWord = { add: "Add", change: "Change", retire: "Retire" }[plan.kind];
        await openReviewItem(tx, {
          kind: "subprocessor_change",
          tenantId: null,
          sourceId: row.id,
          title: `${kindWord} ${plan.after.name}${urgentReason ? " (urgent)" : ""}`,
          authorId: actor.userId,
        });
        return row;
      });
    } catch (err) {
      if (isUniqueViolation(err))
        throw new ConflictError(
          "This subprocessor already has a change proposed or announced; withdraw it or wait until it takes effect.",
          "change_pending",
        );
      throw err;
    }
    const [view] = await changeViews(db, actor, [change]);
    return { change_id: change.id, state: "proposed" as const, change: view! };
  });
}
