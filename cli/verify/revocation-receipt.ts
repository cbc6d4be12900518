/**
 * Verifying a revocation receipt offline: the region's Ed25519 signature over the RFC 8785
 * canonical JSON of the receipt's body, under a log key the user trusts (--key), never under
 * the key the receipt itself names.
 */
import { verify as edVerify } from "node:crypto";
import { canonicalJsonBytes } from "../../modules/audit/domain/canonical-json";
import { ed25519PublicKeyFromRaw } from "../../modules/audit/domain/ed25519";
import { parseVerifierKey } from "../../modules/audit/domain/keys";
import { strs } from "../args";
import { UsageError, VerificationError } from "../errors";
import { keyLabel, loadAllKeys } from "../keys";
import type { CommandResult } from "../report";
import type { FileVerifier, VerifyContext } from "./index";

export const RECEIPT_TYPE = "terrane.revocation-receipt/v1";

interface ReceiptFile {
  body: {
    type: string;
    region?: string;
    tenant_id?: string;
    key_id?: string;
    disabled_at?: string;
    max_ms?: number | null;
    complete?: boolean;
    instances?: { instance: string; failed_at: string; ms: number }[];
    missing?: string[];
    /** Since receipts of 2026-12: instances that had died before the disable (not waited for). */
    instances_gone?: { instance: string; last_heartbeat_at: string }[];
  };
  signature: { alg: string; key: string; value: string };
}

function parseReceipt(bytes: Buffer): ReceiptFile | null {
  try {
    const doc = JSON.parse(bytes.toString("utf8")) as Partial<ReceiptFile>;
    if (
      doc?.body?.type !== RECEIPT_TYPE ||
      typeof doc.signature?.value !== "string" ||
      typeof doc.signature.key !== "string"
    )
      return null;
    return doc as ReceiptFile;
  } catch {
    return null;
  }
}

function verify(ctx: VerifyContext): CommandResult {
  const keySpecs = strs(ctx.values.key);
  if (keySpecs.length === 0)
    throw new UsageError("bad_arguments", "verify needs the region's key: --key <verifier key | key file | JWKS file>");
  const keys = loadAllKeys(keySpecs, "log", { flag: "--key" });
  const receipt = parseReceipt(ctx.bytes)!;
  if (receipt.signature.alg !== "Ed25519")
    throw new VerificationError(
      "bad_signature",
      `verification failed: unsupported signature algorithm ${receipt.signature.alg}`,
    );
  let named: ReturnType<typeof parseVerifierKey>;
  try {
    named = parseVerifierKey(receipt.signature.key);
  } catch {
    throw new VerificationError("bad_signature", "verification failed: the receipt's signature names no valid key");
  }
  const trusted = keys.find((k) => k.name === named.name && k.keyId === named.keyId);
  if (!trusted) {
    throw new VerificationError(
      "wrong_key",
      `verification failed: the receipt is signed by ${keyLabel(named)}, not by ${keys.map(keyLabel).join(" or ")}`,
    );
  }
  const publicKey = ed25519PublicKeyFromRaw(parseVerifierKey(trusted.vkey).publicKey);
  const ok = edVerify(
    null,
    canonicalJsonBytes(receipt.body),
    publicKey,
    Buffer.from(receipt.signature.value, "base64"),
  );
  if (!ok)
    throw new VerificationError(
      "bad_signature",
      "verification failed: bad signature (the receipt or its signature was altered)",
    );
  const b = receipt.body;
  const seconds = typeof b.max_ms === "number" ? `${(b.max_ms / 1000).toFixed(2)} s` : "unknown";
  return {
    summary: `verified: key ${b.key_id} of tenant ${b.tenant_id} in ${b.region} was revoked ${b.complete ? "everywhere" : "on the reporting instances"} in ${seconds}, signed by ${keyLabel(trusted)}`,
    details: [
      `disabled at: ${b.disabled_at}`,
      ...(b.instances ?? []).map((i) => `instance ${i.instance}: decrypt failed at ${i.failed_at} (${i.ms} ms)`),
      ...(b.missing?.length ? [`instances that did not report: ${b.missing.join(", ")}`] : []),
      ...(b.instances_gone ?? []).map(
        (g) =>
          `instance ${g.instance}: gone since its last heartbeat at ${g.last_heartbeat_at}, before the disable (a dead process holds no keys; not waited for)`,
      ),
    ],
    json: { type: "revocation-receipt", key: keyLabel(trusted), receipt: b },
  };
}

export const revocationReceiptVerifier: FileVerifier = {
  type: "revocation-receipt",
  detect: (bytes) => bytes.subarray(0, 1).toString() === "{" && parseReceipt(bytes) !== null,
  verify,
};
