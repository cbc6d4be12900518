import "server-only";
import type { Actor } from "@/platform/auth/actor";
import { withRegion } from "@/platform/access/with-region";
import { findRegion, peerRegions } from "@/platform/region/registry";
import { logVerifierKey } from "@/modules/audit/server/public-log";
import type { IntegrityAlert } from "@/modules/audit/server/integrity";
import { latestIntegrity, type IntegritySummary } from "@/modules/audit/server/verifier";
import { withTenant, type RequestOrigin } from "@/platform/access/with-tenant";

/**
 * What the integrity panels show, behind the policy: the tenant audit page (audit.read) and
 * the region's integrity page (region.integrity.read). Region-wide facts only — sizes, times,
 * key names, reasons — never entry content.
 */

export interface WitnessView {
  /** The witness's region, when its key name says so. */
  region: string | null;
  regionName: string | null;
  /** The witness key name (`terrane-witness/<region>`). */
  name: string;
  /** The largest size it cosigned, and when; null: not yet cosigned. */
  size: number | null;
  cosignedAt: Date | null;
}

export interface VerificationView {
  ok: boolean;
  at: Date;
  treeSize: number | null;
  brokenAt: number | null;
  reason: string | null;
}

export interface IntegrityPanelView {
  region: string;
  regionName: string;
  origin: string;
  /** The note verifier key of the region's log, for `terrane verify --key`. */
  verifierKey: string;
  treeSize: number;
  lastCheckpointAt: Date | null;
  witnesses: WitnessView[];
  lastVerification: VerificationView | null;
}

export type IntegrityAlertView = IntegrityAlert;

export interface PeerLogView {
  region: string;
  regionName: string | null;
  /** Null: this region has not witnessed that log yet. */
  size: number | null;
  checkedAt: Date | null;
}

export interface RegionIntegrityView extends IntegrityPanelView {
  alerts: IntegrityAlertView[];
  peers: PeerLogView[];
}

const WITNESS_PREFIX = "terrane-witness/";

/** Every other region running an instance is expected to witness this log; unknown names are listed too. */
function witnessesOf(summary: IntegritySummary): WitnessView[] {
  const byName = new Map(summary.witnesses.map((w) => [w.witness, w]));
  const expected = peerRegions().map((r) => `${WITNESS_PREFIX}${r.id}`);
  const names = [...new Set([...expected, ...byName.keys()])];
  return names.map((name) => {
    const cosigned = byName.get(name);
    const region = cosigned?.region ?? (name.startsWith(WITNESS_PREFIX) ? name.slice(WITNESS_PREFIX.length) : null);
    return {
      region,
      regionName: region ? (findRegion(region)?.name ?? null) : null,
      name,
      size: cosigned?.size ?? null,
      cosignedAt: cosigned?.cosignedAt ?? null,
    };
  });
}

async function panelView(summary: IntegritySummary): Promise<IntegrityPanelView> {
  return {
    region: summary.region,
    regionName: findRegion(summary.region)?.name ?? summary.region,
    origin: summary.origin,
    verifierKey: await logVerifierKey(),
    treeSize: summary.treeSize,
    lastCheckpointAt: summary.lastCheckpointAt,
    witnesses: witnessesOf(summary),
    lastVerification: summary.lastVerification,
  };
}

/** The panel on a tenant's audit-log page: for those who may read the tenant's audit entries. */
export async function tenantIntegrityPanel(
  actor: Actor,
  tenantSlug: string,
  request: RequestOrigin,
): Promise<IntegrityPanelView> {
  return withTenant(actor, tenantSlug, "audit.read", request, async () => panelView(await latestIntegrity()));
}

/** Compliance officers and provider admins: the region-wide integrity page. */
export function regionIntegrity(actor: Actor): Promise<RegionIntegrityView> {
  return withRegion(actor, "region.integrity.read", () => regionIntegrityView());
}

async function regionIntegrityView(): Promise<RegionIntegrityView> {
  const summary = await latestIntegrity();
  const witnessed = new Map(summary.witnessing.map((w) => [w.region, w]));
  const peers = [...new Set([...peerRegions().map((r) => r.id), ...witnessed.keys()])];
  return {
    ...(await panelView(summary)),
    alerts: summary.alerts,
    peers: peers.map((region) => ({
      region,
      regionName: findRegion(region)?.name ?? null,
      size: witnessed.get(region)?.size ?? null,
      checkedAt: witnessed.get(region)?.checkedAt ?? null,
    })),
  };
}
