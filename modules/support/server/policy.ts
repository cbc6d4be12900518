import "server-only";
import type { z } from "zod";
import type { Actor } from "@/platform/auth/actor";
import { withTenant, type RequestOrigin, type TenantScope } from "@/platform/access/with-tenant";
import { databaseNow } from "@/platform/db/db-time";
import { BadRequestError } from "@/platform/errors";
import { appendAudit } from "@/modules/audit/server/append";
import type { SupportPolicyInput, supportPolicyView } from "@/modules/support/api-schemas";
import { countApprovers, loadSupportPolicy } from "@/modules/support/server/policy-store";
import { maybePerson, peopleById } from "@/modules/support/server/people";

type PolicyView = z.infer<typeof supportPolicyView>;

async function view(scope: TenantScope): Promise<PolicyView> {
  const p = await loadSupportPolicy(scope.db, scope.tenant.id);
  const people = await peopleById(scope.db, [p.updatedById]);
  return {
    approvals_required: p.approvalsRequired,
    request_lifetime_hours: p.requestLifetimeHours,
    max_grant_hours: p.maxGrantHours,
    denied_reasons: p.deniedReasons,
    allow_read_write: p.allowReadWrite,
    updated_at: p.updatedAt?.toISOString() ?? null,
    updated_by: maybePerson(people, p.updatedById),
    customer_admins: await countApprovers(scope.db, scope.tenant.id, await databaseNow(scope.db)),
    allowed_actions: scope.allowed(["support.policy.manage"] as const),
  };
}

export function getSupportPolicy(actor: Actor, tenantSlug: string, origin: RequestOrigin): Promise<PolicyView> {
  return withTenant(actor, tenantSlug, "support.requests.read", origin, view);
}

/** Customer admins set how support access is approved; M can never exceed the admins there are. */
export function putSupportPolicy(
  actor: Actor,
  tenantSlug: string,
  input: SupportPolicyInput,
  origin: RequestOrigin,
): Promise<PolicyView> {
  return withTenant(actor, tenantSlug, "support.policy.manage", origin, async (scope) => {
    await scope.db.$transaction(async (tx) => {
      const now = await databaseNow(tx);
      const admins = await countApprovers(tx, scope.tenant.id, now);
      if (input.approvals_required > admins)
        throw new BadRequestError(
          `approvals_required: ${scope.tenant.name} has ${admins} customer admin${admins === 1 ? "" : "s"}; no request could ever get ${input.approvals_required} approvals.`,
          "not_enough_approvers",
        );
      const before = await loadSupportPolicy(tx, scope.tenant.id);
      const data = {
        approvalsRequired: input.approvals_required,
        requestLifetimeHours: input.request_lifetime_hours,
        maxGrantHours: input.max_grant_hours,
        deniedReasons: [...new Set(input.denied_reasons)],
        allowReadWrite: input.allow_read_write,
        updatedAt: now,
        updatedById: scope.actor.userId,
      };
      await tx.supportPolicy.upsert({
        where: { tenantId: scope.tenant.id },
        create: { tenantId: scope.tenant.id, ...data },
        update: data,
        select: { tenantId: true },
      });
      await appendAudit(tx, {
        actor: scope.actor,
        tenantId: scope.tenant.id,
        action: "support.policy_updated",
        subject: `tenant:${scope.tenant.id}`,
        outcome: "success",
        details: {
          before: {
            approvals_required: before.approvalsRequired,
            request_lifetime_hours: before.requestLifetimeHours,
            max_grant_hours: before.maxGrantHours,
            denied_reasons: before.deniedReasons,
            allow_read_write: before.allowReadWrite,
          },
          after: input,
        },
      });
    });
    return view(scope);
  });
}
