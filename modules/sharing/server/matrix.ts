import "server-only";
import type { Actor } from "@/platform/auth/actor";
import { effectiveDataClasses } from "@/modules/sharing/server/data-classes";
import { databaseNow } from "@/platform/db/db-time";
import { sharingPolicy } from "@/modules/sharing/server/policy";
import { inForceAt, loadDecisions, openVersion, stateOf } from "@/modules/sharing/server/store";
import { destinationView, type DestinationView } from "@/modules/sharing/server/views";
import { withTenant, type RequestOrigin } from "@/platform/access/with-tenant";
import { listRegions } from "@/platform/region/registry";
import { destinationKey } from "@/modules/sharing/domain/destination";
import type { LegalBasis, SharingOutcome, VersionState } from "@/modules/sharing/domain/model";

export interface MatrixCell {
  destination: string;
  outcome: SharingOutcome;
  /** True when no decision is in force: the DPA's default deny applies. */
  default: boolean;
  decision_id: string | null;
  version: number | null;
  legal_basis: LegalBasis | null;
  in_force_until: string | null;
  /** A version in the workflow for this cell, if any. */
  pending: { decision_id: string; version: number; state: VersionState } | null;
}

const KIND_ORDER = { region: 0, partner: 1, subprocessor: 2 } as const;

/**
 * `GET …/decisions/matrix`: every data class of the tenant × every destination (each region
 * of the registry but home, and each partner and subprocessor a decision names), with the
 * outcome in force at `at` (default now) — deny unless a decision says otherwise.
 */
export function sharingMatrix(actor: Actor, tenantSlug: string, at: Date | undefined, request: RequestOrigin) {
  return withTenant(actor, tenantSlug, "decisions.read", request, async ({ db, tenant }) => {
    const when = at ?? (await databaseNow(db));
    const classes = await effectiveDataClasses(db, tenant.id);
    const decisions = await loadDecisions(db, tenant.id);

    const destinations = new Map<string, DestinationView>();
    for (const r of listRegions()) {
      if (r.id === tenant.homeRegion) continue;
      const d = { kind: "region" as const, id: r.id, location: r.id };
      destinations.set(destinationKey(d), { ...d, key: destinationKey(d), label: `${r.id} (${r.name})` });
    }
    for (const d of decisions)
      if (!destinations.has(d.destinationKey)) destinations.set(d.destinationKey, destinationView(d));
    const columns = [...destinations.values()].sort(
      (a, b) => KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || (a.kind === "region" ? 0 : a.label.localeCompare(b.label)),
    );

    const byCell = new Map(decisions.map((d) => [`${d.dataClassKey}|${d.destinationKey}`, d]));
    const rows = classes.map((c) => ({
      data_class: c.key,
      cells: columns.map((col): MatrixCell => {
        const d = byCell.get(`${c.key}|${col.key}`);
        const current = d ? inForceAt(d, when) : null;
        const open = d ? openVersion(d) : null;
        return {
          destination: col.key,
          outcome: current?.outcome ?? "deny",
          default: !current,
          decision_id: d?.id ?? null,
          version: current?.version ?? null,
          legal_basis: current?.legalBasis ?? null,
          in_force_until: current ? (d!.windows.get(current.id)?.until?.toISOString() ?? null) : null,
          pending: d && open ? { decision_id: d.id, version: open.version, state: stateOf(d, open, when) } : null,
        };
      }),
    }));
    return {
      tenant: tenant.slug,
      home_region: tenant.homeRegion,
      at: when.toISOString(),
      default_outcome: "deny",
      data_classes: classes,
      destinations: columns,
      rows,
    };
  });
}

/** `GET …/decisions/policy`: the Cedar text the region evaluates flows with, as the customer reads it. */
export function sharingPolicyText(actor: Actor, tenantSlug: string, request: RequestOrigin) {
  return withTenant(
    actor,
    tenantSlug,
    "decisions.read",
    request,
    async ({ db, tenant }) => (await sharingPolicy(db, tenant.id)).compiled.text,
  );
}
