import "server-only";
import { Feed } from "feed";
import type { PrismaClient } from "@/platform/db/transaction";
import { databaseNow } from "@/platform/db/db-time";
import { formatDateTime } from "@/platform/format";
import { countryName } from "@/platform/region/countries";
import { currentRegion } from "@/platform/region/registry";
import { TRANSFER_MECHANISM_LABELS } from "@/modules/subprocessors/domain/model";
import { upcomingFromChange } from "@/modules/subprocessors/server/public-register";
import type { ChangeRow } from "@/modules/subprocessors/server/rows";
import type { UpcomingChange } from "@/modules/subprocessors/api-schemas/public";

/** Enough for any reader polling daily; the full history is in the snapshots. */
export const FEED_ENTRIES = 100;

type FeedState = "announced" | "effective" | "withdrawn";

/**
 * The feed's text goes into CDATA sections of type "html": escaped as HTML (a name is never
 * markup, and "]]>" can never close the CDATA), without the code points XML 1.0 forbids.
 */
function html(text: string): string {
  return text
    .replace(/[\uFFFE\uFFFF]/g, "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

/** "12 Jan 2027, 00:00 UTC": the effective moment, as every page writes a moment. */
export function inWords(iso: string): string {
  return formatDateTime(iso);
}

function title(state: FeedState, c: UpcomingChange): string {
  const what = `${c.name} (${c.kind_label.toLowerCase()})`;
  if (state === "announced") return `Announced: ${what}, takes effect on ${inWords(c.effective_at)}`;
  if (state === "effective") return `In effect: ${what}, since ${inWords(c.effective_at)}`;
  return `Withdrawn: ${what}, was to take effect on ${inWords(c.effective_at)}`;
}

function content(state: FeedState, c: UpcomingChange, trustUrl: string): string {
  const when =
    state === "announced"
      ? `Takes effect on ${inWords(c.effective_at)}${c.announced_at ? `; announced ${formatDateTime(c.announced_at)}` : ""}.`
      : state === "effective"
        ? `Took effect on ${inWords(c.effective_at)}.`
        : `Withdrawn before it took effect (it was to take effect on ${inWords(c.effective_at)}).`;
  const facts = [
    ["Legal entity", c.legal_entity],
    ["Service", c.service],
    ["Purpose", c.purpose],
    ["Data classes processed", c.data_classes.join(", ")],
    ["Processing countries", c.locations.map(countryName).join(", ")],
    ["Transfer mechanism", TRANSFER_MECHANISM_LABELS[c.transfer_mechanism]],
  ];
  const diff = c.diff.map((d) => {
    if (d.added || d.removed) {
      const parts = [
        d.added?.length ? `added ${d.added.join(", ")}` : null,
        d.removed?.length ? `removed ${d.removed.join(", ")}` : null,
      ].filter(Boolean);
      return `<li>${html(d.label)}: ${html(parts.join("; "))}</li>`;
    }
    return `<li>${html(d.label)}: ${html(d.before ?? "none")} → ${html(d.after ?? "none")}</li>`;
  });
  return [
    `<p>${html(c.kind_label)}: <strong>${html(c.name)}</strong>. ${html(when)}</p>`,
    `<ul>${facts.map(([k, v]) => `<li>${html(k!)}: ${html(v!)}</li>`).join("")}</ul>`,
    c.kind === "change" && diff.length ? `<p>What changes:</p><ul>${diff.join("")}</ul>` : "",
    `<p>The register and how to object: <a href="${html(trustUrl)}">${html(trustUrl)}</a></p>`,
  ].join("");
}

/** The changes the feed shows (announced, in effect, withdrawn after announcement), newest event first. */
async function feedChanges(db: PrismaClient, region: string): Promise<{ row: ChangeRow; updated: Date }[]> {
  // When each change last moved: announced when reviewed, effective when applied, withdrawn
  // when its snapshot was taken (no column records a withdrawal's time).
  const picked = await db.$queryRaw<{ id: string; updated: Date }[]>`
    WITH withdrawn AS (
      SELECT change_id, max(taken_at) AS at FROM subprocessor_snapshots
      WHERE region = ${region} AND reason = 'withdrawn' AND change_id IS NOT NULL
      GROUP BY change_id
    )
    SELECT c.id,
      CASE c.state
        WHEN 'effective' THEN COALESCE(c.applied_at, c.effective_at)
        WHEN 'announced' THEN COALESCE(c.reviewed_at, c.created_at)
        ELSE COALESCE(w.at, c.reviewed_at, c.created_at)
      END AS updated
    FROM subprocessor_changes c LEFT JOIN withdrawn w ON w.change_id = c.id
    WHERE c.region = ${region}
      AND (c.state IN ('announced', 'effective') OR (c.state = 'withdrawn' AND c.effective_at IS NOT NULL))
    ORDER BY updated DESC, c.id DESC
    LIMIT ${FEED_ENTRIES}`;
  const rows = await db.subprocessorChange.findMany({ where: { id: { in: picked.map((p) => p.id) } } });
  const byId = new Map(rows.map((r) => [r.id, r]));
  return picked.flatMap((p) => {
    const row = byId.get(p.id);
    return row ? [{ row, updated: p.updated }] : [];
  });
}

/** `GET /subprocessors.atom`: an Atom 1.0 feed of the register's changes, built with the `feed` package. */
export async function subprocessorsAtom(db: PrismaClient): Promise<string> {
  const region = currentRegion();
  const trustUrl = `${region.url}/trust`;
  const changes = await feedChanges(db, region.id);
  const feed = new Feed({
    id: `${region.url}/subprocessors.atom`,
    title: `Subprocessor changes: ${region.name} (${region.id})`,
    description: `New, changed and retired subprocessors of Terrane's ${region.name} region, ${region.jurisdiction}, with their effective dates.`,
    link: trustUrl,
    feed: `${region.url}/subprocessors.atom`,
    language: "en",
    updated: changes[0]?.updated ?? (await databaseNow(db)),
    generator: "Terrane",
    author: { name: `Terrane ${region.name}`, link: trustUrl },
    copyright: `Published by the operator of Terrane's ${region.name} region.`,
  });
  for (const { row, updated } of changes) {
    const state = row.state as FeedState;
    const change = upcomingFromChange(row);
    feed.addItem({
      id: `urn:terrane:subprocessor-change:${region.id}:${row.id}`,
      title: html(title(state, change)),
      link: `${trustUrl}#change-${row.id}`,
      date: updated,
      published: row.reviewedAt ?? undefined,
      content: content(state, change, trustUrl),
      category: [{ term: state, name: state }],
    });
  }
  return feed.atom1();
}
