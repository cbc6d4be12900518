/**
 * The audit-log page's filters as they travel in its URL (so a filtered view can be shared),
 * parsed once for the server render and the client's refreshes. Pure: no server modules.
 *
 * URL parameters: `action` (exact action or a prefix ending in "."), `actor` (actor id), `who`
 * (`people`: users and their API tokens; `system`: the data plane and Terrane's own jobs),
 * `from` / `to` (UTC; `2026-11-22T10:00`, with or without seconds, or any ISO time with an
 * offset), `cursor` (a `next_cursor`). `action_code` is what the form sends without
 * JavaScript for a typed action; it wins over `action`.
 */

import { AUDIT_WHO, type AuditWho } from "@/modules/audit/domain/audit-who";

export const AUDIT_PAGE_SIZE = 50;

/** Same rule as the API (`/api/v1/tenants/{tenant}/audit`). */
const ACTION = /^[a-z_]+(\.[a-z_]+)*\.?$/;
const CURSOR = /^[0-9]{1,19}$/;
const LOCAL_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?$/;
const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/** What the form shows: the text as typed (times as `YYYY-MM-DDTHH:mm[:ss]`, UTC). */

export interface AuditFilterValues {
  action: string;
  actor: string;
  /** "" for everyone. */
  who: string;
  from: string;
  to: string;
}

/** The query the API takes, with times as ISO strings. */
export interface AuditQuery {
  action?: string;
  actor?: string;
  who?: AuditWho;
  from?: string;
  to?: string;
  cursor?: string;
  limit: number;
}

export interface ParsedAuditFilter {
  values: AuditFilterValues;
  cursor: string | null;
  /** Null when a value is invalid: nothing is read until it is fixed. */
  query: AuditQuery | null;
  errors: Partial<Record<keyof AuditFilterValues | "cursor", string>>;
  /** Whether any filter (not the cursor) is set. */
  filtered: boolean;
}

type SearchParams = Record<string, string | string[] | undefined>;

function first(params: SearchParams, key: string): string {
  const value = params[key];
  return (Array.isArray(value) ? value[0] : value)?.trim() ?? "";
}

/** The date and time as written exist (no 30 February, no 24:00), whatever the offset. */
function calendarValid(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?/.exec(text);
  if (!m) return false;
  const [year, month, day, hour, minute, second] = m.slice(1).map((v) => Number(v ?? 0)) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth && hour <= 23 && minute <= 59 && second <= 59;
}

/** A time typed in UTC (or with an explicit offset) as an ISO instant, or null when it is not one. */
export function utcInstant(text: string): string | null {
  if (!calendarValid(text)) return null;
  let iso: string;
  if (LOCAL_TIME.test(text)) iso = `${text.length === 16 ? `${text}:00` : text}Z`;
  else if (ISO_WITH_OFFSET.test(text)) iso = text;
  else return null;
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/** An ISO instant as a `datetime-local` value in UTC, to the second. */
export function utcInputValue(iso: string): string {
  return iso.slice(0, 19);
}

export function parseAuditSearch(params: SearchParams): ParsedAuditFilter {
  const values: AuditFilterValues = {
    action: first(params, "action_code") || first(params, "action"),
    actor: first(params, "actor"),
    who: first(params, "who"),
    from: first(params, "from"),
    to: first(params, "to"),
  };
  const cursor = first(params, "cursor") || null;
  const errors: ParsedAuditFilter["errors"] = {};
  if (values.action && (values.action.length > 100 || !ACTION.test(values.action))) {
    errors.action = "Use an action code such as api_token.created, or a prefix ending in a dot such as api_token.";
  }
  if (values.actor.length > 200) errors.actor = "An actor id is at most 200 characters.";
  const who = AUDIT_WHO.find((w) => w === values.who);
  if (values.who && !who) errors.who = "Choose everyone, people, or the system and data plane.";
  const from = values.from ? utcInstant(values.from) : undefined;
  const to = values.to ? utcInstant(values.to) : undefined;
  if (from === null) errors.from = "Enter a date and time, such as 2026-11-22T09:30 (UTC).";
  if (to === null) errors.to = "Enter a date and time, such as 2026-11-22T17:00 (UTC).";
  if (from && to && from >= to) errors.to = "The end of the range must be after its start.";
  if (cursor && !CURSOR.test(cursor))
    errors.cursor = "This page link is not valid any more; start again from the newest entries.";
  const filtered = Boolean(values.action || values.actor || values.who || values.from || values.to);
  if (Object.keys(errors).length > 0) return { values, cursor, query: null, errors, filtered };
  const query: AuditQuery = { limit: AUDIT_PAGE_SIZE };
  if (values.action) query.action = values.action;
  if (values.actor) query.actor = values.actor;
  if (who) query.who = who;
  if (from) query.from = from;
  if (to) query.to = to;
  if (cursor) query.cursor = cursor;
  return { values, cursor, query, errors, filtered };
}

/** The page URL's query for these filters (empty ones left out), optionally at a cursor. */
export function auditSearchString(values: AuditFilterValues, cursor?: string | null): string {
  const params = new URLSearchParams();
  for (const key of ["action", "actor", "who", "from", "to"] as const) if (values[key]) params.set(key, values[key]);
  if (cursor) params.set("cursor", cursor);
  const text = params.toString();
  return text ? `?${text}` : "";
}

/** The API's query string for a parsed filter. */
export function auditApiQuery(query: AuditQuery): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined) params.set(key, String(value));
  return params.toString();
}
