/**
 * Why a key is in its state, and its revocation receipts as past or present events, in words.
 * Pure: the components render the `{ time }` parts with `<Time>` (the same "3 Dec 2026, 10:04
 * UTC" that `wordsText` writes), and tests read the sentences with `wordsText`.
 */
import type { KeySummary, ReceiptView } from "@/modules/keys/client";
import { formatDateTime, formatMillis } from "@/platform/format";

/** A sentence: text, and instants shown as times with their zone. */
export type Words = (string | { time: string })[];

export function wordsText(words: Words): string {
  return words.map((w) => (typeof w === "string" ? w : formatDateTime(w.time))).join("");
}

type KeyFacts = Pick<KeySummary, "state" | "state_change" | "state_changed_at">;

const by = (change: NonNullable<KeySummary["state_change"]>) => (change.by ? ` by ${change.by.name}` : "");

/** One sentence under the state's title: since when, why (the event that set it) and by whom. */
export function stateReason(key: KeyFacts): Words {
  const change = key.state_change;
  if (!change) return ["In this state since ", { time: key.state_changed_at }, "."];
  const at = { time: change.at };
  switch (change.reason) {
    case "created":
      return ["Enabled since the key was created on ", at, `${by(change)}.`];
    case "enabled":
      return ["Enabled since ", at, `${by(change)}.`];
    case "disabled":
      return ["Disabled since ", at, `${by(change)}; enable it to use it again.`];
    case "deletion_cancelled":
      return [
        "Disabled since ",
        at,
        ` — the scheduled deletion was cancelled${by(change)} on `,
        at,
        "; a cancelled deletion leaves the key disabled, so enable it to use it again.",
      ];
    case "deletion_scheduled":
      return ["Deletion scheduled on ", at, `${by(change)}; cancel it before the date to keep the key.`];
    case "destroyed":
      return ["Destroyed on ", at, `${by(change)}.`];
  }
}

/** When the key was enabled again after this receipt's revocation; null while that revocation holds. */
export function enabledAgainSince(receipt: Pick<ReceiptView, "disabled_at">, key: KeyFacts): string | null {
  if (key.state !== "enabled") return null;
  const since = key.state_change?.at ?? key.state_changed_at;
  return new Date(since).getTime() >= new Date(receipt.disabled_at).getTime() ? since : null;
}

export interface ReceiptTitle {
  /** `current`: the revocation still holds (the key is not enabled); `past`: it has been undone since. */
  tense: "current" | "past";
  words: Words;
}

function outcome(receipt: ReceiptView): string {
  if (receipt.status === "complete" && receipt.max_ms !== null)
    return `every instance refused within ${formatMillis(receipt.max_ms)}`;
  if (receipt.status === "pending") return "still being confirmed";
  return `not confirmed everywhere${receipt.max_ms !== null ? ` (the instances that reported refused within ${formatMillis(receipt.max_ms)})` : ""}`;
}

/**
 * A receipt's title. The newest one, while the key is still not enabled, is the present state
 * (`current`: the panel shows "Revoked everywhere in 0.01 s"). Otherwise it is a past event:
 * "Last revocation on 3 Dec 2026, 10:04 UTC: every instance refused within 0.01 s — enabled
 * again since 3 Dec 2026, 10:06 UTC." Earlier receipts read "Revocation on …".
 */
export function receiptTitle(receipt: ReceiptView, key: KeyFacts, newest: boolean): ReceiptTitle {
  const since = newest ? enabledAgainSince(receipt, key) : null;
  if (newest && key.state !== "enabled") return { tense: "current", words: [] };
  return {
    tense: "past",
    words: [
      newest ? "Last revocation on " : "Revocation on ",
      { time: receipt.disabled_at },
      `: ${outcome(receipt)}`,
      ...(since ? [" — enabled again since ", { time: since }] : []),
      ".",
    ],
  };
}
