import * as cedar from "@cedar-policy/cedar-wasm/nodejs";
import { SHARING_SCHEMA, type CompiledPolicy } from "@/modules/sharing/domain/compile";
import type { FlowForm } from "@/modules/sharing/domain/model";

const SCHEMA_ID = "terrane-sharing";
let schemaReady = false;

/** A compiled policy loaded into the Cedar engine under one id per tenant (reloading replaces it). */
export interface LoadedPolicy {
  setId: string;
  compiled: CompiledPolicy;
}

export function loadPolicy(tenantId: string, compiled: CompiledPolicy): LoadedPolicy {
  if (!schemaReady) {
    const parsed = cedar.preparseSchema(SCHEMA_ID, SHARING_SCHEMA);
    if (parsed.type === "failure")
      throw new Error(`Sharing schema does not parse: ${parsed.errors.map((e) => e.message).join("; ")}`);
    schemaReady = true;
  }
  // One id per tenant, so the engine holds one policy set per tenant however often it changes.
  const setId = `sharing:${tenantId}`;
  const parsed = cedar.preparsePolicySet(setId, { staticPolicies: compiled.policies });
  if (parsed.type === "failure")
    throw new Error(`Sharing policy does not parse: ${parsed.errors.map((e) => e.message).join("; ")}`);
  return { setId, compiled };
}

export interface TransferAnswer {
  allowed: boolean;
  /** The policy ids that decided: the permit that allowed, or an explicit forbid that denied. */
  policies: string[];
}

/** May `dataClass` go to `destination` (its key) at `at`, in `form`? Anything unclear is a deny. */
export function askTransfer(
  policy: LoadedPolicy,
  dataClass: string,
  destination: string,
  form: FlowForm,
  at: Date,
): TransferAnswer {
  const answer = cedar.statefulIsAuthorized({
    principal: { type: "TerraneSharing::DataClass", id: dataClass },
    action: { type: "TerraneSharing::Action", id: "transfer" },
    resource: { type: "TerraneSharing::Destination", id: destination },
    context: { at: { __extn: { fn: "datetime", arg: at.toISOString() } }, form },
    entities: [],
    preparsedPolicySetId: policy.setId,
    preparsedSchemaName: SCHEMA_ID,
    validateRequest: true,
  });
  if (answer.type === "failure") return { allowed: false, policies: [] };
  const { decision, diagnostics } = answer.response;
  if (diagnostics.errors.length > 0) return { allowed: false, policies: [] };
  return { allowed: decision === "allow", policies: diagnostics.reason };
}
