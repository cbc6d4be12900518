/**
 * The lawful-access register's vocabulary: kinds of request, dispositions, notification states,
 * and the transparency report's periods. Pure: the server, the UI, the API schemas and the docs
 * share it.
 */

/**
 * What kind of legal demand a request is. The list follows what public transparency reports of
 * cloud providers distinguish, so a region's report can be compared with theirs:
 * - `subpoena`: a demand for records without prior judicial review (subpoena, production order
 *   issued by a prosecutor or an agency);
 * - `court_order`: an order a court issued (production or disclosure order, European Production
 *   Order under Regulation (EU) 2023/1543);
 * - `warrant`: a search warrant or its equivalent, for content, issued on probable cause;
 * - `national_security`: a national-security demand (e.g. FISA orders, national security letters,
 *   intelligence-service requests), often with a non-disclosure obligation;
 * - `emergency`: an emergency disclosure request (imminent danger to life), usually followed by
 *   a legal instrument;
 * - `other`: anything else (e.g. a regulator's information request under a statute).
 */
export const REQUEST_KINDS = ["subpoena", "court_order", "warrant", "national_security", "emergency", "other"] as const;
export type RequestKind = (typeof REQUEST_KINDS)[number];

export const KIND_LABELS: Record<RequestKind, string> = {
  subpoena: "Subpoena",
  court_order: "Court order",
  warrant: "Warrant",
  national_security: "National security",
  emergency: "Emergency request",
  other: "Other",
};

/** How a closed request ended; `pending` while it is open. */
export const DISPOSITIONS = ["pending", "rejected", "challenged", "partially_disclosed", "disclosed"] as const;
export type Disposition = (typeof DISPOSITIONS)[number];
export const CLOSING_DISPOSITIONS = ["rejected", "challenged", "partially_disclosed", "disclosed"] as const;
export type ClosingDisposition = (typeof CLOSING_DISPOSITIONS)[number];

export const DISPOSITION_LABELS: Record<Disposition, string> = {
  pending: "Pending",
  rejected: "Rejected",
  challenged: "Challenged",
  partially_disclosed: "Partially disclosed",
  disclosed: "Disclosed",
};

/**
 * Whether the affected customers were told: `notified` (with the date), `prohibited` (a legal
 * prohibition is recorded, with its basis and, when it has one, the date it ends), or
 * `not_yet_notified` (neither, yet).
 */
export const NOTIFICATION_STATES = ["notified", "prohibited", "not_yet_notified"] as const;
export type NotificationState = (typeof NOTIFICATION_STATES)[number];

export const NOTIFICATION_LABELS: Record<NotificationState, string> = {
  notified: "Customer notified",
  prohibited: "Notification prohibited",
  not_yet_notified: "Not yet notified",
};

export interface NotificationFacts {
  notifiedAt: Date | null;
  prohibitionBasis: string | null;
  prohibitionUntil: Date | null;
}

/** The notification state at `now`: a prohibition whose end date has passed no longer holds. */
export function notificationState(facts: NotificationFacts, now: Date): NotificationState {
  if (facts.notifiedAt) return "notified";
  if (prohibitionHolds(facts, now)) return "prohibited";
  return "not_yet_notified";
}

/**
 * Whether a recorded legal prohibition still forbids telling the customer. A prohibition without
 * an end date holds until a compliance officer lifts it (records the notification or removes it).
 */
export function prohibitionHolds(facts: NotificationFacts, now: Date): boolean {
  if (!facts.prohibitionBasis) return false;
  return facts.prohibitionUntil === null || facts.prohibitionUntil.getTime() > now.getTime();
}

// ----- transparency-report periods -----

/** A half-year (`2026-H1`) or a quarter (`2026-Q3`), in UTC. */
export const PERIOD_PATTERN = /^(\d{4})-(H[12]|Q[1-4])$/;

export interface Period {
  label: string;
  start: Date;
  /** Exclusive. */
  end: Date;
}

/** The period named by `label`, or null when it is not one. */
export function parsePeriod(label: string): Period | null {
  const match = PERIOD_PATTERN.exec(label);
  if (!match) return null;
  const year = Number(match[1]);
  if (year < 2000 || year > 2199) return null;
  const part = match[2]!;
  const months = part.startsWith("H") ? 6 : 3;
  const index = Number(part.slice(1)) - 1;
  const start = new Date(Date.UTC(year, index * months, 1));
  const end = new Date(Date.UTC(year, (index + 1) * months, 1));
  return { label, start, end };
}

/** Whether the period is over at `now` (its last instant has passed). */
export function periodEnded(period: Period, now: Date): boolean {
  return period.end.getTime() <= now.getTime();
}

/** The most recent half-year that has ended at `now`: what the issue form offers first. */
export function lastEndedHalfYear(now: Date): string {
  const year = now.getUTCFullYear();
  return now.getUTCMonth() >= 6 ? `${year}-H1` : `${year - 1}-H2`;
}
