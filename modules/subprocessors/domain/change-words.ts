/**
 * A register change in words, for the notifications, webhooks and e-mails that tell people of
 * it: what moved, which subprocessor, what it processes where, and from when (always in UTC,
 * saying so). Pure, so tests read the words as people would.
 */
import { formatDateTime } from "@/platform/format";
import { countryName } from "@/platform/region/countries";
import type { ChangeKind, SubprocessorEntry } from "@/modules/subprocessors/domain/model";

export type ChangeMoment = "announced" | "effective" | "withdrawn";

export interface ChangeFacts {
  moment: ChangeMoment;
  kind: ChangeKind;
  /** The entry as the change leaves it (its `after`). */
  entry: Pick<SubprocessorEntry, "name" | "legal_entity" | "service" | "data_classes" | "locations">;
  /** When it takes (or took) effect; null for a withdrawal of a change never announced. */
  effectiveAt: Date | null;
}

const when = (at: Date | null) => (at ? formatDateTime(at.toISOString()) : "no date set");

const list = (items: readonly string[]) => (items.length > 0 ? items.join(", ") : "none");

/** "Acme Mail" processes … in …: the same sentence in every message. */
function whatItDoes(entry: ChangeFacts["entry"]): string {
  return (
    `${entry.name} (${entry.legal_entity}, ${entry.service}) processes these data classes: ` +
    `${list(entry.data_classes)}; in ${list(entry.locations.map(countryName))}.`
  );
}

/** The title (one line, at most 200 characters) and body of a change's message. */
export function changeWords(facts: ChangeFacts): { title: string; body: string } {
  const { entry, kind, moment } = facts;
  const at = when(facts.effectiveAt);
  const titles: Record<ChangeMoment, Record<ChangeKind, string>> = {
    announced: {
      add: `New subprocessor announced: ${entry.name}, from ${at}`,
      change: `Change to subprocessor ${entry.name} announced, in effect from ${at}`,
      retire: `Subprocessor ${entry.name} to be retired on ${at}`,
    },
    effective: {
      add: `${entry.name} is now a subprocessor (since ${at})`,
      change: `Change to subprocessor ${entry.name} in effect (since ${at})`,
      retire: `${entry.name} is no longer a subprocessor (retired ${at})`,
    },
    withdrawn: {
      add: `Announced subprocessor ${entry.name} withdrawn: it will not start`,
      change: `Announced change to subprocessor ${entry.name} withdrawn`,
      retire: `Announced retirement of subprocessor ${entry.name} withdrawn: it stays`,
    },
  };
  const lead: Record<ChangeMoment, string> = {
    announced:
      kind === "retire"
        ? `It stops processing data on ${at}.`
        : `The change takes effect on ${at}; until then it is in its notice period.`,
    effective: kind === "retire" ? `It stopped processing data on ${at}.` : `In effect since ${at}.`,
    withdrawn: "The change was withdrawn before it took effect; the register stays as it was.",
  };
  const title = titles[moment][kind];
  return {
    title: title.length <= 200 ? title : `${title.slice(0, 199)}…`,
    body: `${lead[moment]} ${whatItDoes(entry)}`,
  };
}

/** The flag raised to a tenant (and compliance) when a change would receive classes no decision allows. */
export function unallowedWords(input: {
  entry: ChangeFacts["entry"];
  tenantName: string;
  dataClasses: readonly string[];
  effectiveAt: Date | null;
}): { title: string; body: string } {
  const title = `${input.entry.name} would receive ${input.tenantName}'s data that no sharing decision allows`;
  return {
    title: title.length <= 200 ? title : `${title.slice(0, 199)}…`,
    body:
      `From ${when(input.effectiveAt)}, ${input.entry.name} would receive these data classes of ` +
      `${input.tenantName} that no sharing decision allows: ${list(input.dataClasses)}. ` +
      `It processes in ${list(input.entry.locations.map(countryName))}. Record a decision, or object ` +
      `to the change before it takes effect.`,
  };
}
