/**
 * Every audit action the product writes, in one place: its words, its category and what kind of
 * subject it is about. `appendAudit` takes only these (the type system checks each call site, and
 * a run-time check refuses anything else), the audit page's filter offers them, and the action
 * table in docs/audit-log.md is generated from them (`npm run docs:audit-actions`). Pure: the
 * browser, the server and the docs script all import it.
 *
 * An action is `<category>.<event>`: the category is the action's prefix, so "every key action"
 * is the filter prefix `key.`.
 */

/** The categories, in the order the filter and the docs list them. */
export const AUDIT_CATEGORIES = {
  access: "Refused requests",
  residency: "Residency",
  contacts: "Contact people",
  key: "Tenant keys",
  sharing_decision: "Sharing decisions",
  data_class: "Data classes",
  lineage: "Lineage",
  support: "Support access",
  attestation: "Attestations",
  evidence: "Auditors and evidence",
  subprocessor: "Subprocessor register",
  drill: "Residency drills",
  lawful_access: "Lawful access",
  review: "Review queue",
  ingest: "Data-plane ingest",
  webhook: "Webhooks",
  api_token: "API tokens",
  ingest_token: "Ingest tokens",
  sign_in: "Sign-ins",
  session: "Sessions",
  user: "Accounts",
  signing_key: "Region signing keys",
  demo: "Demo data",
} as const;

export type AuditCategory = keyof typeof AUDIT_CATEGORIES;

/** What an entry's `subject` (`kind:id`) can name. */
export const SUBJECT_KINDS = {
  tenant: "Tenant",
  key: "Key",
  sharing_decision: "Sharing decision",
  data_class: "Data class",
  lineage_alert: "Lineage alert",
  support_request: "Support-access request",
  support_grant: "Support-access grant",
  attestation: "Residency attestation",
  auditor: "Auditor engagement",
  subprocessor: "Subprocessor",
  subprocessor_change: "Subprocessor register change",
  subprocessor_objection: "Objection to a subprocessor change",
  drill: "Residency drill",
  drill_consent: "Consent to residency drills",
  drill_schedule: "Residency drill schedule",
  lawful_access_request: "Lawful-access request",
  transparency_report: "Transparency report",
  review_item: "Review-queue item",
  webhook: "Webhook endpoint",
  api_token: "API token",
  ingest_token: "Ingest token",
  user: "User",
  account: "Unknown account",
  address: "Client address",
  oidc: "OIDC identity",
  signing_key: "Signing key",
} as const;

export type SubjectKind = keyof typeof SUBJECT_KINDS;

/** Whether entries of an action carry a tenant, and so appear on that tenant's audit page. */
export type TenantScope = "always" | "sometimes" | "never";

export interface AuditActionSpec {
  /** The action in words, as the audit page shows it. */
  label: string;
  category: AuditCategory;
  /** The subject kinds an entry of this action names; empty when it has no subject. */
  subjects: readonly SubjectKind[];
  tenant: TenantScope;
  /** When it is written, and the details worth knowing (for the docs). */
  when: string;
}

export const AUDIT_ACTIONS = {
  "access.denied": {
    label: "Refused attempt to change the tenant",
    category: "access",
    subjects: ["tenant"],
    tenant: "always",
    when: "a signed-in caller's request to change a tenant is refused (403, or 404 for a tenant that exists here); at most one per actor, tenant and attempted action a minute; written in its own transaction (`details.attempted_action`, `status`, `surface`, `path`)",
  },
  "residency.cross_region_refused": {
    label: "Cross-region request refused",
    category: "residency",
    subjects: ["tenant"],
    tenant: "always",
    when: "a request for a tenant homed in another region is refused (with a `cross_region_attempts` row)",
  },
  "contacts.read_by_provider": {
    label: "Provider staff read your security contacts",
    category: "contacts",
    subjects: ["tenant"],
    tenant: "always",
    when: "provider staff (a compliance officer) read the tenant's designated security and privacy contacts, in the read's transaction (`details.purposes`, `count`; `failure` with `key_state` when the key refused)",
  },
  "key.created": {
    label: "Key created",
    category: "key",
    subjects: ["key"],
    tenant: "always",
    when: "the region provisions a tenant's key (system `key-manager` on start-up for every tenant without one; `demo-seed` in the demo)",
  },
  "key.disabled": {
    label: "Key disabled",
    category: "key",
    subjects: ["key"],
    tenant: "always",
    when: "a customer admin disables a key (`details.from_state`, `to_state`; a revocation receipt is opened)",
  },
  "key.enabled": {
    label: "Key enabled",
    category: "key",
    subjects: ["key"],
    tenant: "always",
    when: "a customer admin enables a disabled key",
  },
  "key.deletion_scheduled": {
    label: "Key deletion scheduled",
    category: "key",
    subjects: ["key"],
    tenant: "always",
    when: "a customer admin schedules a key's destruction (`details.days`)",
  },
  "key.deletion_cancelled": {
    label: "Key deletion cancelled",
    category: "key",
    subjects: ["key"],
    tenant: "always",
    when: "a customer admin cancels a scheduled destruction",
  },
  "key.rotation_period_changed": {
    label: "Key rotation period changed",
    category: "key",
    subjects: ["key"],
    tenant: "always",
    when: "a customer admin changes how often a key rotates (`details.rotation_period_days`)",
  },
  "key.rotated": {
    label: "Key rotation started",
    category: "key",
    subjects: ["key"],
    tenant: "always",
    when: "a key gets a new version, by a customer admin or on schedule",
  },
  "key.rotation_completed": {
    label: "Key rotation completed",
    category: "key",
    subjects: ["key"],
    tenant: "always",
    when: "the background rotation has re-wrapped everything under the new version (system `key-rotation`)",
  },
  "key.destroyed": {
    label: "Key destroyed",
    category: "key",
    subjects: ["key"],
    tenant: "always",
    when: "a key's scheduled destruction is carried out (system `key-deletion`)",
  },
  "key.revocation_receipt": {
    label: "Key revocation receipt signed",
    category: "key",
    subjects: ["key"],
    tenant: "always",
    when: "every live instance has confirmed it can no longer use a disabled or destroyed key, or the wait ran out (`failure`); system `revocation-prober` (`details.receipt_id`, `max_ms`, `missing`)",
  },
  "sharing_decision.created": {
    label: "Sharing decision drafted",
    category: "sharing_decision",
    subjects: ["sharing_decision"],
    tenant: "always",
    when: "a sharing decision is created as a draft (`details.version`, `version_id`, `role`)",
  },
  "sharing_decision.edited": {
    label: "Sharing decision edited",
    category: "sharing_decision",
    subjects: ["sharing_decision"],
    tenant: "always",
    when: "a draft version is edited",
  },
  "sharing_decision.version_created": {
    label: "New version of a sharing decision",
    category: "sharing_decision",
    subjects: ["sharing_decision"],
    tenant: "always",
    when: "an edit of a decision that has no open version starts a new one",
  },
  "sharing_decision.submitted": {
    label: "Sharing decision submitted for review",
    category: "sharing_decision",
    subjects: ["sharing_decision"],
    tenant: "always",
    when: "a draft is submitted for compliance review (`details.from_status`, `to_status`, `content_digest`)",
  },
  "sharing_decision.approved": {
    label: "Sharing decision approved in review",
    category: "sharing_decision",
    subjects: ["sharing_decision"],
    tenant: "always",
    when: "a compliance officer who did not write it approves a version (four eyes)",
  },
  "sharing_decision.review_rejected": {
    label: "Sharing decision sent back in review",
    category: "sharing_decision",
    subjects: ["sharing_decision"],
    tenant: "always",
    when: "a reviewer sends a version back to draft (`details.reason`)",
  },
  "sharing_decision.accepted": {
    label: "Sharing decision accepted",
    category: "sharing_decision",
    subjects: ["sharing_decision"],
    tenant: "always",
    when: "the tenant's customer admin accepts an approved version",
  },
  "sharing_decision.rejected": {
    label: "Sharing decision rejected",
    category: "sharing_decision",
    subjects: ["sharing_decision"],
    tenant: "always",
    when: "the tenant's customer admin sends an approved version back to draft (`details.reason`)",
  },
  "sharing_decision.withdrawn": {
    label: "Sharing decision withdrawn",
    category: "sharing_decision",
    subjects: ["sharing_decision"],
    tenant: "always",
    when: "its drafters withdraw a version",
  },
  "sharing_decision.seeded": {
    label: "Sharing decision seeded",
    category: "sharing_decision",
    subjects: ["sharing_decision"],
    tenant: "always",
    when: "the demo seed writes a decision (system `demo-seed`)",
  },
  "data_class.created": {
    label: "Data class created",
    category: "data_class",
    subjects: ["data_class"],
    tenant: "always",
    when: "a tenant-specific data class is added",
  },
  "lineage.reevaluated": {
    label: "Lineage evaluated again",
    category: "lineage",
    subjects: ["tenant"],
    tenant: "always",
    when: "the tenant's lineage edges are judged again against the decisions in force (after an acceptance)",
  },
  "lineage.alert_raised": {
    label: "Lineage alert raised",
    category: "lineage",
    subjects: ["lineage_alert"],
    tenant: "always",
    when: "a flow breaks the tenant's sharing decisions (`details.on`)",
  },
  "lineage.alert_resolved": {
    label: "Lineage alert resolved",
    category: "lineage",
    subjects: ["lineage_alert"],
    tenant: "always",
    when: "a flow that raised an alert is allowed now or gone, or a compliance officer resolves it from the review queue (`details.on`, `reason`)",
  },
  "lineage.alert_acknowledged": {
    label: "Lineage alert acknowledged",
    category: "lineage",
    subjects: ["lineage_alert"],
    tenant: "always",
    when: "a compliance officer takes the alert's item in the review queue: someone is on it",
  },
  "ingest.openlineage": {
    label: "Lineage events received from the data plane",
    category: "ingest",
    subjects: ["ingest_token"],
    tenant: "always",
    when: "a batch of OpenLineage events from the data plane is stored, one entry per tenant it touches (system `ingest-token:<id>`; `details.attributed_by`: how many events named the tenant by facet, by the token's binding, by a job-namespace rule)",
  },
  "ingest.key_usage": {
    label: "Key usage received from the data plane",
    category: "ingest",
    subjects: ["ingest_token"],
    tenant: "never",
    when: "a batch of key-usage aggregates from the data plane is stored (`details.aggregates`, `tenants`)",
  },
  "webhook.created": {
    label: "Webhook endpoint added",
    category: "webhook",
    subjects: ["webhook"],
    tenant: "always",
    when: "a customer admin adds a webhook endpoint (`details.url`, `events`; never its secret)",
  },
  "webhook.disabled": {
    label: "Webhook endpoint disabled",
    category: "webhook",
    subjects: ["webhook"],
    tenant: "always",
    when: "a customer admin disables a webhook endpoint: nothing more is sent to it until it is enabled",
  },
  "webhook.enabled": {
    label: "Webhook endpoint enabled",
    category: "webhook",
    subjects: ["webhook"],
    tenant: "always",
    when: "a customer admin enables a disabled webhook endpoint (its failure count starts again)",
  },
  "webhook.auto_disabled": {
    label: "Webhook endpoint disabled after repeated failure",
    category: "webhook",
    subjects: ["webhook"],
    tenant: "always",
    when: "the delivery worker gives up a message to an endpoint that has failed every attempt for at least 24 hours, or that answered 410 Gone (system `webhook-delivery`; `details.reason`, `failing_since`)",
  },
  "webhook.test_sent": {
    label: "Webhook test ping queued",
    category: "webhook",
    subjects: ["webhook"],
    tenant: "always",
    when: "a customer admin queues a `webhook.test` ping to an endpoint (`details.message_id`)",
  },
  "api_token.created": {
    label: "API token created",
    category: "api_token",
    subjects: ["api_token"],
    tenant: "sometimes",
    when: "a personal API token is created (the token's tenant; none for provider-scope tokens)",
  },
  "api_token.revoked": {
    label: "API token revoked",
    category: "api_token",
    subjects: ["api_token"],
    tenant: "sometimes",
    when: "a personal API token is revoked (the token's tenant; none for provider-scope tokens)",
  },
  "ingest_token.created": {
    label: "Ingest token created",
    category: "ingest_token",
    subjects: ["ingest_token"],
    tenant: "sometimes",
    when: "a provider admin creates a data-plane ingest token (`details.name`, `prefix`, `tenant`: the tenant a bound token reports for, whose log the entry is in; null when unbound)",
  },
  "ingest_token.revoked": {
    label: "Ingest token revoked",
    category: "ingest_token",
    subjects: ["ingest_token"],
    tenant: "sometimes",
    when: "a provider admin revokes a data-plane ingest token (`details.tenant` as when created; in the bound tenant's log)",
  },
  "sign_in.succeeded": {
    label: "Signed in",
    category: "sign_in",
    subjects: ["user"],
    tenant: "never",
    when: "a password or OIDC sign-in succeeds (`details.method`; `identity_linked` when an OIDC identity is linked by email)",
  },
  "sign_in.failed": {
    label: "Sign-in failed",
    category: "sign_in",
    subjects: ["user", "account", "oidc"],
    tenant: "never",
    when: "a password or OIDC sign-in fails",
  },
  "sign_in.throttled": {
    label: "Sign-in throttled",
    category: "sign_in",
    subjects: ["user", "account", "address"],
    tenant: "never",
    when: "a sign-in attempt is refused because of too many recent failures for the account or address",
  },
  "session.started": {
    label: "Session started",
    category: "session",
    subjects: ["user"],
    tenant: "never",
    when: "a browser session begins after a sign-in",
  },
  "session.revoked": {
    label: "Session ended",
    category: "session",
    subjects: ["user"],
    tenant: "never",
    when: "a session is ended by its user, an admin, a password change or a disabled account",
  },
  "user.password_changed": {
    label: "Password changed",
    category: "user",
    subjects: ["user"],
    tenant: "never",
    when: "a user changes their password (their other sessions end)",
  },
  "user.disabled": {
    label: "Account disabled",
    category: "user",
    subjects: ["user"],
    tenant: "never",
    when: "an account is disabled (its sessions end and its API tokens stop working)",
  },
  "signing_key.created": {
    label: "Region signing key created",
    category: "signing_key",
    subjects: ["signing_key"],
    tenant: "never",
    when: "the region creates its audit-log or witness key (`details.verifier_key` is the public key)",
  },
  "signing_key.rewrapped": {
    label: "Region signing key re-wrapped",
    category: "signing_key",
    subjects: ["signing_key"],
    tenant: "never",
    when: "a region signing key sealed before the region had a KMS (or under another KMS key) is wrapped again under the configured one; the key itself does not change",
  },
  "demo.seeded": {
    label: "Demo data seeded",
    category: "demo",
    subjects: [],
    tenant: "never",
    when: "the demo seed (written by `prisma/seed/seed-region.ts` directly, not through `appendAudit`)",
  },
  "subprocessor.change_proposed": {
    label: "Subprocessor change proposed",
    category: "subprocessor",
    subjects: ["subprocessor_change"],
    tenant: "never",
    when: "a provider admin proposes a new subprocessor, a change to one or its retirement (`details.subprocessor_id`, `kind`, `requested_effective_at`, `urgent_reason`, `diff`)",
  },
  "subprocessor.change_approved": {
    label: "Subprocessor change announced",
    category: "subprocessor",
    subjects: ["subprocessor_change"],
    tenant: "never",
    when: "a compliance officer who did not propose it approves a change, which is announced: its notice period starts (`details.subprocessor_id`, `kind`, `effective_at`, `notice_days`, `shortened`, `urgent_reason`, `note`)",
  },
  "subprocessor.change_rejected": {
    label: "Subprocessor change rejected",
    category: "subprocessor",
    subjects: ["subprocessor_change"],
    tenant: "never",
    when: "a compliance officer who did not propose it rejects a change (`details.subprocessor_id`, `note`)",
  },
  "subprocessor.change_withdrawn": {
    label: "Subprocessor change withdrawn",
    category: "subprocessor",
    subjects: ["subprocessor_change"],
    tenant: "never",
    when: "a provider admin withdraws a proposed or announced change before it takes effect (`details.subprocessor_id`, `was`, `note`)",
  },
  "subprocessor.change_effective": {
    label: "Subprocessor change in effect",
    category: "subprocessor",
    subjects: ["subprocessor_change"],
    tenant: "never",
    when: "the job queue applies an announced change at its effective date, on the database's clock: the entry becomes active, changes or is retired (`details.subprocessor_id`, `kind`, `status`, `effective_at`)",
  },
  "subprocessor.settings_changed": {
    label: "Subprocessor notice settings changed",
    category: "subprocessor",
    subjects: [],
    tenant: "never",
    when: "a provider admin changes the region's notice period or objection deadline (`details.notice_days`, `objection_days`, and the values before)",
  },
  "subprocessor.unallowed_transfer_flagged": {
    label: "Subprocessor change flagged: no decision allows it",
    category: "subprocessor",
    subjects: ["subprocessor_change"],
    tenant: "always",
    when: "an announced change would let a subprocessor receive one of the tenant's data classes that no sharing decision allows (`details.subprocessor_id`, `data_classes`, `locations`)",
  },
  "subprocessor.objection_raised": {
    label: "Objection to a subprocessor change",
    category: "subprocessor",
    subjects: ["subprocessor_objection"],
    tenant: "always",
    when: "a customer admin objects to an announced change during its notice period (`details.change_id`, `subprocessor_id`, `reason`, `due_at`)",
  },
  "subprocessor.objection_resolved": {
    label: "Objection to a subprocessor change resolved",
    category: "subprocessor",
    subjects: ["subprocessor_objection"],
    tenant: "always",
    when: "a compliance officer resolves a customer's objection with a written outcome (`details.change_id`, `outcome`, `resolution`)",
  },
  "lawful_access.request_recorded": {
    label: "Lawful-access request recorded",
    category: "lawful_access",
    subjects: ["lawful_access_request"],
    tenant: "sometimes",
    when: "a compliance officer records a government or law-enforcement request: one entry in the region's log (`details.kind`, `jurisdiction`, `authority`, `legal_instrument`, `data_classes`, `tenant_ids`, `notification`, `prohibition_basis`) and one in each affected tenant's log, unless a legal prohibition holds (`details` then name no other tenant and no prohibition)",
  },
  "lawful_access.request_updated": {
    label: "Lawful-access request updated",
    category: "lawful_access",
    subjects: ["lawful_access_request"],
    tenant: "sometimes",
    when: "a compliance officer edits an open request (`details.changed`: the fields changed); in the region's log, and in each affected tenant's log unless a prohibition holds — the first entry a tenant gets when a prohibition is lifted",
  },
  "lawful_access.request_closed": {
    label: "Lawful-access request closed",
    category: "lawful_access",
    subjects: ["lawful_access_request"],
    tenant: "sometimes",
    when: "a compliance officer who did not record it closes a request (`details.disposition`, `rationale` in the region's log; the tenant's entry has the disposition only), as for the recording",
  },
  "lawful_access.report_issued": {
    label: "Transparency report issued",
    category: "lawful_access",
    subjects: ["transparency_report"],
    tenant: "never",
    when: "a compliance officer issues (or re-issues) the region's signed transparency report of a period (`details.period`, `version`, `sha256`, `supersedes`, `total`)",
  },
  "attestation.issued": {
    label: "Residency attestation issued",
    category: "attestation",
    subjects: ["attestation"],
    tenant: "always",
    when: "a residency attestation is signed, on demand by a customer admin or compliance officer or monthly by the job queue (`details.period`, `from`, `to`, `envelope_sha256`, `subject_sha256`, `result`, `kid`)",
  },
  "attestation.drafted": {
    label: "Quarterly attestation drafted for review",
    category: "attestation",
    subjects: ["attestation"],
    tenant: "always",
    when: "a quarter's attestation is signed as a draft (by the job queue after the quarter ends, or on demand) and waits for a compliance officer's review (`details` as for `attestation.issued`)",
  },
  "attestation.published": {
    label: "Quarterly attestation published after review",
    category: "attestation",
    subjects: ["attestation"],
    tenant: "always",
    when: "a region compliance officer who did not ask for the draft reviews it and publishes it (`details.period`, `envelope_sha256`, `note`)",
  },
  "attestation.rejected": {
    label: "Quarterly attestation rejected in review",
    category: "attestation",
    subjects: ["attestation"],
    tenant: "always",
    when: "a region compliance officer rejects a quarterly draft with a written reason; it is never shown to auditors (`details.period`, `envelope_sha256`, `note`)",
  },
  "attestation.refused": {
    label: "Residency attestation not issued",
    category: "attestation",
    subjects: ["tenant"],
    tenant: "always",
    when: "an attestation could not be issued because the region's signing key (its KMS) was unavailable; nothing was signed (`details.period`, `reason`)",
  },
  "evidence.auditor_invited": {
    label: "Auditor invited",
    category: "evidence",
    subjects: ["auditor"],
    tenant: "always",
    when: "a customer admin or compliance officer invites an auditor, or changes an engagement by inviting the same person again (`details.email`, `access`, `scope_from`, `scope_to`, `expires_at`)",
  },
  "evidence.auditor_revoked": {
    label: "Auditor access revoked",
    category: "evidence",
    subjects: ["auditor"],
    tenant: "always",
    when: "a customer admin or compliance officer ends an auditor's engagement; access ends at once (`details.email`)",
  },
  "evidence.nda_changed": {
    label: "NDA text changed",
    category: "evidence",
    subjects: ["tenant"],
    tenant: "always",
    when: "the tenant's non-disclosure agreement gets a new version; every auditor accepts it again before reading more (`details.version`, `sha256`, `auditors_to_accept_again`)",
  },
  "evidence.nda_accepted": {
    label: "NDA accepted by an auditor",
    category: "evidence",
    subjects: ["auditor"],
    tenant: "always",
    when: "an auditor accepts the tenant's NDA (`details.version`, `sha256`, `ip`)",
  },
  "evidence.scope_requested": {
    label: "Auditor asked for more access",
    category: "evidence",
    subjects: ["auditor"],
    tenant: "always",
    when: "an auditor with an open engagement asks for more periods or full evidence (`details.request_id`, `access`, `scope_from`, `scope_to`, `reason`, and the engagement's `current_access`, `current_from`, `current_to`)",
  },
  "evidence.scope_approved": {
    label: "Auditor's request for more access approved",
    category: "evidence",
    subjects: ["auditor"],
    tenant: "always",
    when: "a customer admin or compliance officer approves an auditor's request; the engagement's scope is widened in the same transaction, its expiry unchanged (`details.request_id`, `email`, `access`, `scope_from`, `scope_to` as now in force, `expires_at`, `note`)",
  },
  "evidence.scope_denied": {
    label: "Auditor's request for more access denied",
    category: "evidence",
    subjects: ["auditor"],
    tenant: "always",
    when: "a customer admin or compliance officer denies an auditor's request; the engagement is unchanged (`details.request_id`, `email`, `note`)",
  },
  "evidence.viewed": {
    label: "Evidence viewed or downloaded",
    category: "evidence",
    subjects: ["attestation", "tenant"],
    tenant: "always",
    when: "an auditor lists the attestations, or anyone downloads an attestation, its PDF or an evidence package (`details.kind`, `sha256` of the bytes served, `download_id`)",
  },
  "support.request_created": {
    label: "Support access requested",
    category: "support",
    subjects: ["support_request"],
    tenant: "always",
    when: "a support engineer asks for access (`details.reason`, `ticket`, `scope`, `duration_minutes`, the requester’s `employer`, `office_country`, `location_country`)",
  },
  "support.request_refused": {
    label: "Support access request refused",
    category: "support",
    subjects: ["tenant"],
    tenant: "always",
    when: "a request is refused before it exists because the tenant’s sharing decisions do not allow the requester’s location for a requested data class, or its policy denies the reason or read-write access; written in its own transaction (`details.code`, `reason`, `location_country`, `missing`)",
  },
  "support.approval_recorded": {
    label: "Support access approved by one approver",
    category: "support",
    subjects: ["support_request"],
    tenant: "always",
    when: "a customer admin approves a request (or an extension) that needs more approvals (`details.round`, `approvals`, `approvals_required`, `duration_minutes`)",
  },
  "support.grant_issued": {
    label: "Support access granted",
    category: "support",
    subjects: ["support_grant"],
    tenant: "always",
    when: "the last of the M approvals (or the second provider person of a break-glass) makes the grant (`details.request_id`, `not_before`, `expires_at`, `approvers`)",
  },
  "support.request_denied": {
    label: "Support access denied",
    category: "support",
    subjects: ["support_request"],
    tenant: "always",
    when: "a customer admin denies a request or its extension (`details.round`, `reason`)",
  },
  "support.request_withdrawn": {
    label: "Support access request withdrawn",
    category: "support",
    subjects: ["support_request"],
    tenant: "always",
    when: "the requester withdraws a request, ending any grant it made",
  },
  "support.request_expired": {
    label: "Support access request expired",
    category: "support",
    subjects: ["support_request"],
    tenant: "always",
    when: "no decision came within the tenant’s request lifetime (system `support-timer`, on the database’s clock)",
  },
  "support.grant_activated": {
    label: "Support access grant started",
    category: "support",
    subjects: ["support_grant"],
    tenant: "always",
    when: "a grant’s start time arrives (system `support-timer`)",
  },
  "support.grant_ended": {
    label: "Support access grant ended",
    category: "support",
    subjects: ["support_grant"],
    tenant: "always",
    when: "a grant’s time is up (system `support-timer`)",
  },
  "support.grant_revoked": {
    label: "Support access grant revoked",
    category: "support",
    subjects: ["support_grant"],
    tenant: "always",
    when: "a customer admin revokes a grant, or the region does because the tenant’s key was disabled or the requester’s account was disabled (`details.cause`)",
  },
  "support.extension_requested": {
    label: "Support access extension requested",
    category: "support",
    subjects: ["support_request"],
    tenant: "always",
    when: "the requester asks for longer access, which needs the same approval again (`details.minutes`, `round`)",
  },
  "support.grant_extended": {
    label: "Support access grant extended",
    category: "support",
    subjects: ["support_grant"],
    tenant: "always",
    when: "the approvals of an extension are complete (`details.from`, `to`, `round`)",
  },
  "support.break_glass_requested": {
    label: "Break-glass access requested",
    category: "support",
    subjects: ["support_request"],
    tenant: "always",
    when: "a support engineer asks for emergency access to answer a production alert (needs a second provider person)",
  },
  "support.break_glass_reviewed": {
    label: "Break-glass access reviewed",
    category: "support",
    subjects: ["support_request"],
    tenant: "always",
    when: "a compliance officer who neither asked for nor opened the emergency access reviews it (`details.rationale`)",
  },
  "support.policy_updated": {
    label: "Support access policy changed",
    category: "support",
    subjects: ["tenant"],
    tenant: "always",
    when: "a customer admin changes the approval policy (`details.before`, `after`)",
  },
  "support.token_issued": {
    label: "Support grant token issued",
    category: "support",
    subjects: ["support_grant"],
    tenant: "always",
    when: "the requester fetches a signed grant token (`details.expires_at`, `kid`)",
  },
  "support.authorize_refused": {
    label: "Support access refused by the region",
    category: "support",
    subjects: ["support_grant", "tenant"],
    tenant: "sometimes",
    when: "the access broker asked whether a token allows an access and the region refused (no tenant when the token itself does not verify; `details.code`, `principal`, `store`, `data_class`, `operation`)",
  },
  "support.access_outside_grant": {
    label: "Access outside any grant",
    category: "support",
    subjects: ["tenant"],
    tenant: "always",
    when: "the data plane reports an access by provider staff that no active grant covers (`details.event_id`, `principal`, `code`); the tenant’s admins and the region’s compliance officers are notified",
  },
  "review.item_assigned": {
    label: "Review item assigned",
    category: "review",
    subjects: ["review_item"],
    tenant: "sometimes",
    when: "a compliance officer assigns or claims an item of the region's review queue, or takes it back (`details.kind`, `source_id`, `assignee_id`, `previous_assignee_id`); in the tenant's log when the item is about a tenant, in the region's otherwise",
  },
  "review.item_closed": {
    label: "Review item resolved or dismissed",
    category: "review",
    subjects: ["review_item"],
    tenant: "sometimes",
    when: "a compliance officer resolves or dismisses a finding (lineage alert, outside-grant accesses) from the review queue, alone or in bulk (`details.kind`, `source_id`, `state`, `outcome`, `rationale`); items with a workflow of their own are recorded by that workflow's entry (e.g. `subprocessor.change_approved`)",
  },
  "review.sla_changed": {
    label: "Review deadline changed",
    category: "review",
    subjects: [],
    tenant: "never",
    when: "a compliance officer sets the review queue's deadline for a kind of item (`details.kind`, `hours`, `previous_hours`); items opened afterwards are due by the new deadline",
  },
  "drill.started": {
    label: "Residency drill started",
    category: "drill",
    subjects: ["drill"],
    tenant: "always",
    when: "a customer admin, a compliance officer with the customer's consent, or a due schedule starts a drill (`details.kind`, `consent_id`, `schedule_id`)",
  },
  "drill.step": {
    label: "Residency drill step",
    category: "drill",
    subjects: ["drill"],
    tenant: "always",
    when: "a drill finishes one step: the drill key disabled or enabled, the KMS cut off or restored, a region asked (`details.step`, `outcome`, `ms`)",
  },
  "drill.completed": {
    label: "Residency drill completed",
    category: "drill",
    subjects: ["drill"],
    tenant: "always",
    when: "a drill ends with the previous state restored and its report signed (`details.kind`, `passed`, `report_sha256`)",
  },
  "drill.failed": {
    label: "Residency drill failed",
    category: "drill",
    subjects: ["drill"],
    tenant: "always",
    when: "a drill stops on an error; when it could not restore the previous state, `details.left_to_do` says exactly what a person must do (the tenant's admins and compliance officers are notified)",
  },
  "drill.consent_granted": {
    label: "Consent to residency drills given",
    category: "drill",
    subjects: ["drill_consent"],
    tenant: "always",
    when: "a customer admin lets the region's compliance officers run drills of some kinds until a date (`details.kinds`, `expires_at`); it replaces any earlier consent",
  },
  "drill.consent_revoked": {
    label: "Consent to residency drills withdrawn",
    category: "drill",
    subjects: ["drill_consent"],
    tenant: "always",
    when: "a customer admin withdraws the consent before it expires",
  },
  "drill.schedule_set": {
    label: "Residency drill schedule set",
    category: "drill",
    subjects: ["drill_schedule"],
    tenant: "always",
    when: "a recurring drill is set or changed (`details.kind`, `every_days`, `next_run_at`)",
  },
  "drill.schedule_removed": {
    label: "Residency drill schedule removed",
    category: "drill",
    subjects: ["drill_schedule"],
    tenant: "always",
    when: "a recurring drill is stopped: no drill of that kind runs on a schedule any more; drills already run and their reports stay (`details.kind`, `every_days`, `next_run_at`)",
  },
  "drill.schedule_skipped": {
    label: "Scheduled residency drill not started",
    category: "drill",
    subjects: ["drill_schedule"],
    tenant: "always",
    when: "a scheduled drill came due but could not start: no consent covers it, another drill or a key operation is running (`details.reason`)",
  },
} as const satisfies Record<string, AuditActionSpec>;

export type AuditAction = keyof typeof AUDIT_ACTIONS;

/** The events of a category: `AuditEvent<"key">` is "created" | "disabled" | … */
export type AuditEvent<C extends AuditCategory> = AuditAction extends infer A
  ? A extends `${C}.${infer E}`
    ? E
    : never
  : never;

const REGISTERED: ReadonlySet<string> = new Set(Object.keys(AUDIT_ACTIONS));

export function isAuditAction(action: string): action is AuditAction {
  return REGISTERED.has(action);
}

export function auditActionSpec(action: string): AuditActionSpec | null {
  return isAuditAction(action) ? AUDIT_ACTIONS[action] : null;
}

export interface AuditActionGroup {
  category: AuditCategory;
  /** The filter prefix for the whole category, e.g. "key.". */
  prefix: string;
  label: string;
  actions: { action: AuditAction; label: string }[];
}

/**
 * The actions grouped by category, in registry order. `tenantLog` keeps only those that can
 * appear on a tenant's audit page (the filter offers nothing it could never find).
 */
export function auditActionGroups({ tenantLog = false }: { tenantLog?: boolean } = {}): AuditActionGroup[] {
  const groups: AuditActionGroup[] = [];
  for (const category of Object.keys(AUDIT_CATEGORIES) as AuditCategory[]) {
    const actions = (Object.entries(AUDIT_ACTIONS) as [AuditAction, AuditActionSpec][])
      .filter(([, spec]) => spec.category === category && !(tenantLog && spec.tenant === "never"))
      .map(([action, spec]) => ({ action, label: spec.label }));
    if (actions.length > 0)
      groups.push({ category, prefix: `${category}.`, label: AUDIT_CATEGORIES[category], actions });
  }
  return groups;
}
