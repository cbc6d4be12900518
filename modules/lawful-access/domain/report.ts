/**
 * The transparency report's content: counts of the region's lawful-access requests received in a
 * period, by kind, by disposition and by notification, and nothing else. Pure, so the counts can
 * be tested against a register stated in the test, and so what is signed is decided here, in one
 * place: no tenant, no person, no authority, no free text.
 */
import {
  DISPOSITIONS,
  NOTIFICATION_STATES,
  REQUEST_KINDS,
  notificationState,
  type Disposition,
  type NotificationFacts,
  type NotificationState,
  type Period,
  type RequestKind,
} from "@/modules/lawful-access/domain/model";

export const REPORT_PAYLOAD_TYPE = "application/vnd.terrane.transparency-report+json";
export const REPORT_TYPE = "https://terrane.dev/transparency-report/v1";

export interface CountedRequest extends NotificationFacts {
  kind: RequestKind;
  disposition: Disposition;
}

export interface ReportCounts {
  total: number;
  by_kind: Record<RequestKind, number>;
  by_disposition: Record<Disposition, number>;
  by_notification: Record<NotificationState, number>;
}

function zeros<K extends string>(keys: readonly K[]): Record<K, number> {
  return Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
}

/** Counts `requests` (those received in the period), with notification states as of `now`. */
export function countRequests(requests: readonly CountedRequest[], now: Date): ReportCounts {
  const counts: ReportCounts = {
    total: 0,
    by_kind: zeros(REQUEST_KINDS),
    by_disposition: zeros(DISPOSITIONS),
    by_notification: zeros(NOTIFICATION_STATES),
  };
  for (const r of requests) {
    counts.total += 1;
    counts.by_kind[r.kind] += 1;
    counts.by_disposition[r.disposition] += 1;
    counts.by_notification[notificationState(r, now)] += 1;
  }
  return counts;
}

/** The signed document: every key fixed here, so nothing identifying can slip in through a spread. */
export interface TransparencyReportDocument {
  type: typeof REPORT_TYPE;
  region: string;
  period: { label: string; start: string; end: string };
  /** 1 for the first issue of the period; each re-issue supersedes the one before. */
  version: number;
  supersedes: { id: string; sha256: string } | null;
  issued_at: string;
  counts: ReportCounts;
}

export function reportDocument(input: {
  region: string;
  period: Period;
  version: number;
  supersedes: { id: string; sha256: string } | null;
  issuedAt: Date;
  counts: ReportCounts;
}): TransparencyReportDocument {
  return {
    type: REPORT_TYPE,
    region: input.region,
    period: {
      label: input.period.label,
      start: input.period.start.toISOString(),
      end: input.period.end.toISOString(),
    },
    version: input.version,
    supersedes: input.supersedes,
    issued_at: input.issuedAt.toISOString(),
    counts: input.counts,
  };
}
