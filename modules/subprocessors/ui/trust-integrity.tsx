import type { TrustCheckpoint, TrustKey } from "@/modules/subprocessors/server/trust-page";
import { Fact, TrustSection } from "@/modules/subprocessors/ui/trust-section";
import { keyPurposeWords } from "@/modules/subprocessors/ui/trust-words";
import { Time } from "@/components/ui/time";
import { formatCount } from "@/platform/format";

const link = "text-brand-700 underline underline-offset-2 dark:text-brand-100";

/** The region's public keys (what /.well-known/jwks.json serves) and its audit log's latest signed checkpoint. */
export function TrustIntegrity({ keys, checkpoint }: { keys: TrustKey[]; checkpoint: TrustCheckpoint | null }) {
  return (
    <TrustSection
      id="trust-integrity"
      title="Keys and the signed audit log"
      intro="What anyone can use to check this region's signatures: its public keys, and the latest checkpoint of its append-only audit log, cosigned by other regions as witnesses."
    >
      <h3 className="font-semibold">Latest signed checkpoint</h3>
      {checkpoint ? (
        <dl className="mt-2 space-y-2 text-sm" data-testid="trust-checkpoint">
          <Fact term="Log">
            <code className="font-mono">{checkpoint.origin}</code>
          </Fact>
          <Fact term="Tree size">{formatCount(checkpoint.size)} entries</Fact>
          <Fact term="Root hash (SHA-256)">
            <code className="font-mono break-all">{checkpoint.root_hex}</code>
          </Fact>
          <Fact term="Signed">
            <Time iso={checkpoint.signed_at} fallback="time not recorded" />
          </Fact>
          <Fact term="Witnesses">
            {checkpoint.witnesses === 0
              ? "Not cosigned yet"
              : `Cosigned by ${checkpoint.witnesses} witness${checkpoint.witnesses === 1 ? "" : "es"}`}
          </Fact>
          <Fact term="Signed note">
            <a href="/api/v1/audit/checkpoint" className={link}>
              /api/v1/audit/checkpoint
            </a>
          </Fact>
        </dl>
      ) : (
        <p className="mt-2 text-sm" role="status">
          The audit log&apos;s checkpoint could not be read just now; it is always at{" "}
          <a href="/api/v1/audit/checkpoint" className={link}>
            /api/v1/audit/checkpoint
          </a>
          .
        </p>
      )}
      <h3 className="mt-6 font-semibold">Public keys</h3>
      <ul className="mt-2 space-y-3" data-testid="trust-keys">
        {keys.map((k) => (
          <li
            key={k.kid}
            className="break-inside-avoid rounded-lg border border-slate-200 bg-white p-3 text-sm dark:border-slate-800 dark:bg-slate-900"
          >
            <p className="font-medium">{keyPurposeWords(k.purpose)}</p>
            <dl className="mt-2 space-y-1">
              <Fact term="Key id (kid)">
                <code className="font-mono break-all">{k.kid}</code>
              </Fact>
              <Fact term="Ed25519 key (x)">
                <code className="font-mono break-all">{k.x}</code>
              </Fact>
            </dl>
          </li>
        ))}
      </ul>
      <p className="mt-2 text-sm">
        As a JWKS:{" "}
        <a href="/.well-known/jwks.json" className={link}>
          /.well-known/jwks.json
        </a>
      </p>
    </TrustSection>
  );
}
