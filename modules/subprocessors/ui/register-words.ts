/**
 * The register page's words and rules without a browser: how a change's diff reads, what an
 * approval announces to whom and from when, what a withdrawal tells customers, and the state
 * words and tones. Pure, so tests read them as people would.
 */
import { formatDateTime, formatDay } from "@/platform/format";
import { countryName } from "@/platform/region/countries";
import {
  CHANGE_STATE_LABELS,
  KEY_CUSTODY_LABELS,
  type KEY_CUSTODY,
  TRANSFER_MECHANISM_LABELS,
  type ChangeState,
  type SubprocessorStatus,
  type TransferMechanism,
} from "@/modules/subprocessors/domain/vocabulary";
import { effectiveDate } from "@/modules/subprocessors/domain/notice";
import type { RegisterChange, RegisterEntry, RegisterSettings } from "@/modules/subprocessors/client";

export type Tone = "neutral" | "info" | "success" | "warning" | "danger";

export const CHANGE_STATE_TONES: Record<ChangeState, Tone> = {
  proposed: "warning",
  announced: "info",
  effective: "success",
  rejected: "danger",
  withdrawn: "neutral",
};

export const ENTRY_STATUS_WORDS: Record<SubprocessorStatus, string> = {
  announced: "Announced, not active yet",
  active: "Active",
  retired: "Retired",
};

export const ENTRY_STATUS_TONES: Record<SubprocessorStatus, Tone> = {
  announced: "info",
  active: "success",
  retired: "neutral",
};

export const SCC_MODULE_LABELS: Record<number, string> = {
  1: "Module 1: controller to controller",
  2: "Module 2: controller to processor",
  3: "Module 3: processor to processor",
  4: "Module 4: processor to controller",
};

export const KEY_CUSTODY_WORDS: Record<(typeof KEY_CUSTODY)[number], string> = {
  byok: `${KEY_CUSTODY_LABELS.byok} (BYOK)`,
  hyok: `${KEY_CUSTODY_LABELS.hyok} (HYOK)`,
};

export function changeStateWords(state: ChangeState): string {
  return CHANGE_STATE_LABELS[state];
}

/** Names for the keys the register stores: data classes from the catalogue, regions from the registry. */
export interface RegisterNames {
  dataClasses: ReadonlyMap<string, string>;
  regions: ReadonlyMap<string, string>;
}

export function dataClassWords(key: string, names: RegisterNames): string {
  const name = names.dataClasses.get(key);
  return name ? `${name} (${key})` : key;
}

export function countryWords(code: string): string {
  const name = countryName(code);
  return name === code ? code : `${name} (${code})`;
}

export function regionWords(id: string, names: RegisterNames): string {
  const name = names.regions.get(id);
  return name ? `${id} (${name})` : id;
}

export function mechanismWords(mechanism: TransferMechanism, sccModule: number | null): string {
  const words = TRANSFER_MECHANISM_LABELS[mechanism];
  return mechanism === "sccs" && sccModule
    ? `${words}, ${SCC_MODULE_LABELS[sccModule] ?? `module ${sccModule}`}`
    : words;
}

/** "14 December 2026" for a contract's calendar date (YYYY-MM-DD). */
export function dayWords(day: string): string {
  return formatDay(day);
}

/** One item of a list field in words. */
export function itemWords(field: string, item: string, names: RegisterNames): string {
  switch (field) {
    case "data_classes":
      return dataClassWords(item, names);
    case "locations":
      return countryWords(item);
    case "storage_regions":
      return regionWords(item, names);
    case "key_custody":
      return KEY_CUSTODY_WORDS[item as keyof typeof KEY_CUSTODY_WORDS] ?? item;
    default:
      return item;
  }
}

/** One value of a single-valued field in words. */
export function valueWords(field: string, value: string | null): string | null {
  if (value === null) return null;
  switch (field) {
    case "transfer_mechanism":
      return TRANSFER_MECHANISM_LABELS[value as TransferMechanism] ?? value;
    case "scc_module":
      return SCC_MODULE_LABELS[Number(value)] ?? value;
    case "dpa_date":
      return dayWords(value);
    default:
      return value;
  }
}

export type DiffRow =
  | { field: string; label: string; kind: "list"; added: string[]; removed: string[] }
  | { field: string; label: string; kind: "value"; before: string | null; after: string | null };

/** The server's field diff in words: list items added (+) and removed (−), values before → after. */
export function diffRows(diff: RegisterChange["diff"], names: RegisterNames): DiffRow[] {
  return diff.map((d) =>
    d.added || d.removed
      ? {
          field: d.field,
          label: d.label,
          kind: "list",
          added: (d.added ?? []).map((x) => itemWords(d.field, x, names)),
          removed: (d.removed ?? []).map((x) => itemWords(d.field, x, names)),
        }
      : {
          field: d.field,
          label: d.label,
          kind: "value",
          before: valueWords(d.field, d.before),
          after: valueWords(d.field, d.after),
        },
  );
}

/** A diff row as one line of text (what a screen reader and a test read). */
export function diffLine(row: DiffRow): string {
  if (row.kind === "list")
    return [`${row.label}:`, ...row.added.map((x) => `+ ${x}`), ...row.removed.map((x) => `− ${x}`)].join(" ");
  if (row.before === null) return `${row.label}: + ${row.after ?? ""}`;
  if (row.after === null) return `${row.label}: − ${row.before}`;
  return `${row.label}: ${row.before} → ${row.after}`;
}

const list = (items: string[]) =>
  items.length <= 1 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`;

/** What an approval announces, in one sentence. */
export function announcementWords(change: RegisterChange, names: RegisterNames): string {
  const a = change.after;
  if (change.kind === "add")
    return `${a.name} (${a.legal_entity}) becomes a subprocessor for ${a.service}, processing ${list(
      a.data_classes.map((k) => dataClassWords(k, names)),
    )} in ${list(a.locations.map(countryWords))}, under ${mechanismWords(a.transfer_mechanism, a.scc_module)}.`;
  if (change.kind === "retire") return `${a.name} is retired: it stops processing customers' data for this region.`;
  return `${a.name} changes as follows:`;
}

export interface EffectiveWords {
  /** The date an approval now gives it. */
  effectiveAt: Date;
  text: string;
}

/**
 * When an approval now makes the change take effect: the requested date, the end of the region's
 * notice period, at once (no notice needed), or the shortened date with its urgent reason.
 * `now` is the server's clock (the page's `now`, moved on by the time since it was read).
 */
export function effectiveWords(change: RegisterChange, settings: RegisterSettings, now: Date): EffectiveWords {
  const requested = change.requested_effective_at ? new Date(change.requested_effective_at) : null;
  const days = settings.notice_days;
  const when = effectiveDate({
    now,
    noticeDays: days,
    needsNotice: change.needs_notice,
    requested,
    urgentReason: change.urgent_reason,
  });
  // A date far enough away when proposed but not any more moves to the end of the notice period.
  if (!when.ok)
    return {
      effectiveAt: when.earliest,
      text: `It takes effect on ${formatDateTime(when.earliest.toISOString())}, at the end of the region's ${days}-day notice period: the date asked for, ${formatDateTime(change.requested_effective_at)}, is inside it now.`,
    };
  const at = formatDateTime(when.effectiveAt.toISOString());
  if (when.shortened)
    return {
      effectiveAt: when.effectiveAt,
      text: `It takes effect on ${at}: sooner than the region's ${days}-day notice period, an urgent replacement. Customers read the reason given: “${change.urgent_reason}”.`,
    };
  if (!change.needs_notice && !requested)
    return {
      effectiveAt: when.effectiveAt,
      text: `It takes effect at once, on ${at}: it gives the subprocessor no more data than before, so no notice period applies.`,
    };
  if (requested && when.effectiveAt.getTime() > now.getTime())
    return {
      effectiveAt: when.effectiveAt,
      text: change.needs_notice
        ? `It takes effect on ${at}, the date asked for (after the region's ${days}-day notice period).`
        : `It takes effect on ${at}, the date asked for.`,
    };
  if (!change.needs_notice)
    return { effectiveAt: when.effectiveAt, text: `It takes effect at once, on ${at}: the date asked for has passed.` };
  return {
    effectiveAt: when.effectiveAt,
    text: `It takes effect on ${at}, at the end of the region's ${days}-day notice period.`,
  };
}

/** Who an announcement reaches. */
export function audienceWords(change: RegisterChange, regionName: string): string {
  const reach = `The admins of every tenant homed in ${regionName} are told (in the app and through their webhooks), as are the register's e-mail subscribers; the public trust page, its JSON and its Atom feed show it`;
  if (!change.needs_notice) return `${reach}.`;
  return `${reach} as upcoming. Customer admins may object until it takes effect; a tenant whose data classes it would receive without a sharing decision allowing it is flagged to its admins and to compliance.`;
}

/** What withdrawing tells whom. */
export function withdrawWords(change: RegisterChange, regionName: string): string {
  if (change.state === "proposed")
    return `The proposal is closed and nothing changes in the register. It was never announced, so no customer is told.`;
  const objections =
    change.open_objections === 0
      ? ""
      : ` ${change.open_objections} open objection${change.open_objections === 1 ? "" : "s"} to it stay in the objection queue to be resolved.`;
  return `Customers are told the announced change is withdrawn: the admins of every tenant homed in ${regionName}, the register's e-mail subscribers, and the public trust page and feeds. It will not take effect.${objections}`;
}

/** What a retirement's proposal leads to. */
export function retireWords(entry: RegisterEntry, regionName: string): string {
  return `Once a compliance officer approves it, ${entry.name} is retired from the register of ${regionName}: it stops processing customers' data for this region, customers and subscribers are told, and the public list shows it as retired. A retirement needs no notice period, so it takes effect on approval unless you name a later date.`;
}

/** The review buttons a viewer gets, from the server's `allowed_actions`, and the four-eyes note. */
export function reviewSteps(change: Pick<RegisterChange, "allowed_actions" | "four_eyes">): {
  steps: RegisterChange["allowed_actions"];
  fourEyes: string | null;
} {
  const order = ["approve", "reject", "withdraw"] as const;
  return {
    steps: order.filter((s) => change.allowed_actions.includes(s)),
    fourEyes: change.four_eyes ? FOUR_EYES_WORDS : null,
  };
}

export const FOUR_EYES_WORDS = "You proposed this change, so another compliance officer must review it (four eyes).";

/** The server's clock now: the page's `now`, moved on by the time spent on the page since. */
export function serverNow(pageNow: string, loadedAt: number, clientNow: number): Date {
  return new Date(Date.parse(pageNow) + (clientNow - loadedAt));
}
