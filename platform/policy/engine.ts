import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import * as cedar from "@cedar-policy/cedar-wasm/nodejs";
import type { RoleName } from "@/platform/policy/roles";

/**
 * Every action asked of a tenant, and whether granting it lets the caller change something
 * ("change") or only see something ("read"). withTenant records a refused change in the
 * tenant's audit log (someone tried to act on the tenant and was stopped); a refused read is
 * not recorded. A new action in the schema must be classified here, or it does not type-check
 * (and tests/policy/tenant-actions.test.ts fails when the two lists disagree).
 */
export const TENANT_ACTIONS = {
  "tenant.read": "read",
  "map.read": "read",
  "lineage.read": "read",
  "keys.read": "read",
  "keys.manage": "change",
  "decisions.read": "read",
  "decisions.accept": "change",
  "subprocessors.read": "read",
  "subprocessors.object": "change",
  "attestations.read": "read",
  "attestations.issue": "change",
  "attestations.review": "change",
  "evidence.download": "read",
  "support.read": "read",
  "support.approve": "change",
  "support.requests.read": "read",
  "support.request": "change",
  "support.policy.manage": "change",
  "support.break_glass.confirm": "change",
  "support.break_glass.review": "change",
  "audit.read": "read",
  "contacts.read": "read",
  "data_classes.read": "read",
  "data_classes.manage": "change",
  "decisions.draft": "change",
  "decisions.review": "change",
  "webhooks.read": "read",
  "webhooks.manage": "change",
  "auditors.read": "read",
  "auditors.manage": "change",
  "nda.accept": "change",
  "engagement.scope.request": "change",
  "lawful_access.read": "read",
  "reviews.read": "read",
  "governance.read": "read",
  "drills.read": "read",
  "drills.start": "change",
  "drills.consent.manage": "change",
} as const satisfies Record<string, "read" | "change">;

export type TenantAction = keyof typeof TENANT_ACTIONS;

/** Whether `action` changes the tenant's state (see TENANT_ACTIONS). */
export function changesState(action: TenantAction): boolean {
  return TENANT_ACTIONS[action] === "change";
}
export type RegionAction =
  | "region.tenants.read"
  | "region.reviews.read"
  | "region.integrity.read"
  | "region.support.request"
  | "region.ingest.manage"
  | "region.subprocessors.manage"
  | "region.subprocessors.read"
  | "region.subprocessors.review"
  | "region.subprocessor_objections.resolve"
  | "region.lawful_access.read"
  | "region.lawful_access.manage"
  | "region.lawful_access.close"
  | "region.reviews.resolve"
  | "region.reviews.configure"
  | "region.governance.read"
  | "region.drills.read";
export type UserAction =
  | "token.list"
  | "token.create"
  | "token.revoke"
  | "user.password.change"
  | "user.disable"
  | "notifications.read"
  | "notifications.manage";
export type Action = TenantAction | RegionAction | UserAction;

/** Who is asking, with the roles they hold *for the resource in question*. */
export interface PolicyPrincipal {
  userId: string;
  email: string;
  roles: RoleName[];
  via: "session" | "token";
  tokenScope: "tenant" | "provider" | null;
  tokenTenantId: string | null;
  /** An auditor's engagement with the tenant asked about (modules/evidence): the NDA and the access granted. */
  auditor?: AuditorFacts;
}

export interface AuditorFacts {
  /** Accepted the tenant's current NDA text. */
  ndaAccepted: boolean;
  /** "attestations" (the signed statements only) or "evidence" (everything an auditor reads). */
  access: "attestations" | "evidence";
}

export type PolicyResource =
  | { type: "Tenant"; id: string; region: string; tier: string; organisationId: string }
  | { type: "Region"; id: string }
  | { type: "User"; id: string }
  /** A sharing-decision version, with the users who drafted or edited it. */
  | { type: "DecisionVersion"; id: string; tenantId: string; contributors: string[] }
  /** A proposed change to the region's subprocessor register, with who proposed it. */
  | { type: "SubprocessorChange"; id: string; region: string; author: string }
  /** An item of the region's review queue, with whose work it is (four eyes: none of them resolves it). */
  | { type: "ReviewItem"; id: string; region: string; authors: string[] }
  /** A drill about to start on a tenant, and whether the customer's active consent covers its kind. */
  | { type: "Drill"; id: string; tenantId: string; kind: string; consented: boolean }
  /** A request in the lawful-access register, with who recorded it. */
  | { type: "LawfulAccessRequest"; id: string; region: string; recorder: string }
  /** A quarterly attestation awaiting review, with who asked for it. */
  | { type: "AttestationDraft"; id: string; tenantId: string; requesters: string[] }
  /** One of a tenant's contact people, with its purpose ("security", "privacy", …). */
  | { type: "Contact"; id: string; tenantId: string; purpose: string }
  /** A support-access request, with its requester, this round's approvers and who opened it (break-glass). */
  | {
      type: "SupportRequest";
      id: string;
      tenantId: string;
      requester: string;
      approvers: string[];
      confirmers: string[];
    };

export interface Decision {
  allowed: boolean;
  /** Ids of the policies that decided it (for the audit log and for debugging a denial). */
  policies: string[];
}

export interface PolicyDocument {
  file: string;
  text: string;
}

const POLICY_DIR = path.join(process.cwd(), "platform/policy/policies");
const POLICY_SET_ID = "terrane";
const SCHEMA_ID = "terrane";

let loaded: PolicyDocument[] | undefined;

/** The policy files exactly as written: customers and auditors can read them. */
export function policyDocuments(): PolicyDocument[] {
  if (loaded) return loaded;
  const files = readdirSync(POLICY_DIR)
    .filter((f) => f.endsWith(".cedar") || f.endsWith(".cedarschema"))
    .sort();
  const documents = files.map((file) => ({ file, text: readFileSync(path.join(POLICY_DIR, file), "utf8") }));
  const schema = documents
    .filter((d) => d.file.endsWith(".cedarschema"))
    .map((d) => d.text)
    .join("\n");
  const policies = documents
    .filter((d) => d.file.endsWith(".cedar"))
    .map((d) => d.text)
    .join("\n");

  const validation = cedar.validate({ schema, policies: { staticPolicies: policies } });
  if (validation.type === "failure") throw new Error(`Cedar policies do not parse: ${messages(validation.errors)}`);
  if (validation.validationErrors.length > 0) {
    throw new Error(
      `Cedar policies do not validate: ${validation.validationErrors.map((e) => `${e.policyId}: ${e.error.message}`).join("; ")}`,
    );
  }
  const parsed = cedar.preparsePolicySet(POLICY_SET_ID, { staticPolicies: namedPolicies(policies) });
  if (parsed.type === "failure") throw new Error(`Cedar policies do not parse: ${messages(parsed.errors)}`);
  const parsedSchema = cedar.preparseSchema(SCHEMA_ID, schema);
  if (parsedSchema.type === "failure") throw new Error(`Cedar schema does not parse: ${messages(parsedSchema.errors)}`);
  loaded = documents;
  return documents;
}

/** Keys each policy by its @id annotation, so decisions name the policy a reader can find. */
function namedPolicies(text: string): Record<string, string> {
  const parts = cedar.policySetTextToParts(text);
  if (parts.type === "failure") throw new Error(`Cedar policies do not parse: ${messages(parts.errors)}`);
  const named: Record<string, string> = {};
  parts.policies.forEach((policy, index) => {
    const id = /@id\("([^"]+)"\)/.exec(policy)?.[1] ?? `policy${index}`;
    if (named[id]) throw new Error(`Two Cedar policies share the id ${id}`);
    named[id] = policy;
  });
  return named;
}

function messages(errors: { message: string }[]): string {
  return errors.map((e) => e.message).join("; ");
}

function uid(type: string, id: string) {
  return { type: `Terrane::${type}`, id };
}

function resourceEntity(resource: PolicyResource): cedar.EntityJson {
  switch (resource.type) {
    case "Tenant":
      return {
        uid: uid("Tenant", resource.id),
        attrs: { region: resource.region, tier: resource.tier },
        parents: [uid("Organisation", resource.organisationId)],
      };
    case "Region":
      return { uid: uid("Region", resource.id), attrs: {}, parents: [] };
    case "User":
      return { uid: uid("User", resource.id), attrs: { email: "" }, parents: [] };
    case "DecisionVersion":
      return {
        uid: uid("DecisionVersion", resource.id),
        attrs: { contributors: [...new Set(resource.contributors)].map((id) => ({ __entity: uid("User", id) })) },
        parents: [uid("Tenant", resource.tenantId)],
      };
    case "SubprocessorChange":
      return {
        uid: uid("SubprocessorChange", resource.id),
        attrs: { author: { __entity: uid("User", resource.author) } },
        parents: [uid("Region", resource.region)],
      };
    case "ReviewItem":
      return {
        uid: uid("ReviewItem", resource.id),
        attrs: { authors: [...new Set(resource.authors)].map((id) => ({ __entity: uid("User", id) })) },
        parents: [uid("Region", resource.region)],
      };
    case "Drill":
      return {
        uid: uid("Drill", resource.id),
        attrs: { kind: resource.kind, consented: resource.consented },
        parents: [uid("Tenant", resource.tenantId)],
      };
    case "LawfulAccessRequest":
      return {
        uid: uid("LawfulAccessRequest", resource.id),
        attrs: { recorder: { __entity: uid("User", resource.recorder) } },
        parents: [uid("Region", resource.region)],
      };
    case "AttestationDraft":
      return {
        uid: uid("AttestationDraft", resource.id),
        attrs: { requesters: [...new Set(resource.requesters)].map((id) => ({ __entity: uid("User", id) })) },
        parents: [uid("Tenant", resource.tenantId)],
      };
    case "SupportRequest": {
      const users = (ids: string[]) => [...new Set(ids)].map((id) => ({ __entity: uid("User", id) }));
      return {
        uid: uid("SupportRequest", resource.id),
        attrs: {
          requester: { __entity: uid("User", resource.requester) },
          approvers: users(resource.approvers),
          confirmers: users(resource.confirmers),
        },
        parents: [uid("Tenant", resource.tenantId)],
      };
    }
    case "Contact":
      return {
        uid: uid("Contact", resource.id),
        attrs: { purpose: resource.purpose },
        parents: [uid("Tenant", resource.tenantId)],
      };
  }
}

/** The entities and context of a request, built once for every action asked of the same pair. */
function requestParts(principal: PolicyPrincipal, resource: PolicyResource) {
  const principalEntity: cedar.EntityJson = {
    uid: uid("User", principal.userId),
    attrs: { email: principal.email },
    parents: principal.roles.map((r) => uid("Role", r)),
  };
  const entities = [principalEntity];
  const target = resourceEntity(resource);
  // A user managing their own tokens is both principal and resource: one entity, not two.
  if (!(resource.type === "User" && resource.id === principal.userId)) entities.push(target);

  const context: cedar.Context = { via: principal.via, tokenScope: principal.tokenScope ?? "" };
  if (principal.auditor)
    context.auditor = { ndaAccepted: principal.auditor.ndaAccepted, access: principal.auditor.access };
  if (principal.tokenTenantId) context.tokenTenant = { __entity: uid("Tenant", principal.tokenTenantId) };
  if (principal.tokenTenantId) {
    // Referenced entities must exist in the request; the token's tenant has no other attributes here.
    const tokenTenant = principal.tokenTenantId;
    if (!(resource.type === "Tenant" && resource.id === tokenTenant)) {
      entities.push({ uid: uid("Tenant", tokenTenant), attrs: { region: "", tier: "" }, parents: [] });
    }
  }
  return { principal: uid("User", principal.userId), resource: target.uid, context, entities };
}

function decide(parts: ReturnType<typeof requestParts>, action: Action): Decision {
  const answer = cedar.statefulIsAuthorized({
    ...parts,
    action: { type: "Terrane::Action", id: action },
    preparsedPolicySetId: POLICY_SET_ID,
    preparsedSchemaName: SCHEMA_ID,
    validateRequest: true,
  });
  if (answer.type === "failure") return { allowed: false, policies: [] };
  if (answer.response.diagnostics.errors.length > 0)
    return { allowed: false, policies: answer.response.diagnostics.reason };
  return { allowed: answer.response.decision === "allow", policies: answer.response.diagnostics.reason };
}

/**
 * The one place an authorization decision is made. Anything the policies do not permit,
 * including an unknown role or a malformed request, is denied.
 */
export function authorize(principal: PolicyPrincipal, action: Action, resource: PolicyResource): Decision {
  policyDocuments();
  return decide(requestParts(principal, resource), action);
}

/**
 * Which of `candidates` the policies permit this principal on this resource, in the order
 * given: what a read model returns as `allowed_actions`, so the UI asks instead of restating
 * the policy. The entities and context are built once for the whole list.
 */
export function allowedActions<A extends Action>(
  principal: PolicyPrincipal,
  candidates: readonly A[],
  resource: PolicyResource,
): A[] {
  policyDocuments();
  const parts = requestParts(principal, resource);
  return candidates.filter((action) => decide(parts, action).allowed);
}
