/**
 * Every event Terrane notifies people and webhooks of, with its words. Adding an event is one
 * line here; the API, the webhook event filter and the UI all read this list. Pure.
 */
export const NOTIFICATION_EVENTS = [
  { event: "support_access.request_created", label: "Support access requested" },
  { event: "support_access.approval_needed", label: "Support access needs your approval" },
  { event: "support_access.request_approved", label: "Support access approved" },
  { event: "support_access.request_denied", label: "Support access denied" },
  { event: "support_access.grant_expiring", label: "Support access ends within the hour" },
  { event: "support_access.grant_revoked", label: "Support access revoked" },
  { event: "support_access.break_glass_opened", label: "Emergency (break-glass) access opened" },
  { event: "support_access.outside_grant_access", label: "Access outside any grant" },
  { event: "evidence.auditor_invited", label: "Auditor invited (or engagement changed)" },
  { event: "evidence.scope_requested", label: "An auditor asks for more access" },
  { event: "evidence.scope_approved", label: "Auditor's request for more access approved" },
  { event: "evidence.scope_denied", label: "Auditor's request for more access denied" },
  { event: "subprocessor.change_announced", label: "Subprocessor change announced (notice period started)" },
  { event: "subprocessor.change_effective", label: "Subprocessor change in effect (active or retired)" },
  { event: "subprocessor.change_withdrawn", label: "Announced subprocessor change withdrawn" },
  { event: "subprocessor.unallowed_transfer", label: "A subprocessor change would receive data no decision allows" },
  { event: "subprocessor.objection_raised", label: "Objection to a subprocessor change" },
  { event: "subprocessor.objection_resolved", label: "Objection to a subprocessor change resolved" },
  { event: "lawful_access.request_recorded", label: "A government request concerning your data was recorded" },
  { event: "lawful_access.request_closed", label: "A government request concerning your data was closed" },
  { event: "drill.completed", label: "Residency drill completed (signed report)" },
  { event: "drill.failed", label: "Residency drill failed" },
  { event: "review.item_overdue", label: "A review item is past its due date" },
  { event: "webhook.endpoint_disabled", label: "Webhook endpoint disabled after repeated failure" },
  { event: "webhook.test", label: "Webhook test ping" },
] as const;

export type NotificationEvent = (typeof NOTIFICATION_EVENTS)[number]["event"];

/** The event names, for zod enums. */
export const NOTIFICATION_EVENT_NAMES = NOTIFICATION_EVENTS.map((e) => e.event) as [
  NotificationEvent,
  ...NotificationEvent[],
];

/** Events an endpoint may subscribe to: every event but the test ping, which goes to the endpoint asked. */
export const SUBSCRIBABLE_EVENTS = NOTIFICATION_EVENTS.filter((e) => e.event !== "webhook.test");

const LABELS: ReadonlyMap<string, string> = new Map(NOTIFICATION_EVENTS.map((e) => [e.event, e.label]));

export function isNotificationEvent(event: string): event is NotificationEvent {
  return LABELS.has(event);
}

/** The event in words; an event no longer known (a row written by a later version) says its name. */
export function eventLabel(event: string): string {
  return LABELS.get(event) ?? event;
}
