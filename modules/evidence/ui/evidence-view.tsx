import { Time } from "@/components/ui/time";
import { DownloadPackageForm } from "@/modules/evidence/ui/download-package-form";
import type { EngagementScope } from "@/modules/evidence/ui/package-period";
import { PACKAGE_CONTENTS } from "@/modules/evidence/ui/words";

/** An auditor's engagement as this page shows it: the periods it covers and when access ends. */
export interface EngagementFacts {
  scope_from: string | null;
  scope_to: string | null;
  expires_at: string | null;
}

/**
 * The tenant's Evidence section: downloading a signed evidence package for a period, what it
 * holds, and how to check it. For an auditor, the engagement's periods, which bound the download.
 */
export function EvidenceView({
  tenant,
  now,
  engagement,
}: {
  tenant: { slug: string; name: string };
  now: string;
  /** Set for an auditor of the tenant; null for the tenant's own people and compliance officers. */
  engagement: EngagementFacts | null;
}) {
  const scope: EngagementScope | null = engagement ? { from: engagement.scope_from, to: engagement.scope_to } : null;
  return (
    <div className="mx-auto max-w-6xl space-y-8 p-4 sm:p-6">
      <div className="space-y-2">
        <h1 className="text-2xl font-semibold">Evidence packages</h1>
        <p className="max-w-3xl text-sm text-slate-600 dark:text-slate-400">
          One ZIP file with what an auditor needs to examine {tenant.name}&apos;s residency for a period that has ended:
          the signed attestations, the audit log with its proofs, key custody, sharing decisions, lineage and provider
          access, each file listed with its digest in a manifest this region signs. Every download is recorded with who
          made it and the package&apos;s digest.
        </p>
      </div>

      {engagement && (
        <section aria-labelledby="evidence-engagement" className="space-y-2">
          <h2 id="evidence-engagement" className="text-lg font-semibold">
            Your engagement
          </h2>
          <dl
            className="grid max-w-2xl gap-x-4 gap-y-1 text-sm sm:grid-cols-[max-content_1fr]"
            data-testid="evidence-engagement"
          >
            <dt className="text-slate-600 dark:text-slate-400">Periods you may download</dt>
            <dd>
              {engagement.scope_from ? <Time iso={engagement.scope_from} format="date" /> : "any time"} to{" "}
              {engagement.scope_to ? <Time iso={engagement.scope_to} format="date" /> : "now"} (end not included)
            </dd>
            <dt className="text-slate-600 dark:text-slate-400">Access ends</dt>
            <dd>{engagement.expires_at ? <Time iso={engagement.expires_at} /> : "when revoked"}</dd>
          </dl>
        </section>
      )}

      <section aria-labelledby="evidence-download" className="space-y-3">
        <h2 id="evidence-download" className="text-lg font-semibold">
          Download a package
        </h2>
        <DownloadPackageForm tenant={tenant.slug} now={now} scope={scope} />
      </section>

      <section aria-labelledby="evidence-contents" className="space-y-3">
        <h2 id="evidence-contents" className="text-lg font-semibold">
          What is inside
        </h2>
        <ul className="max-w-3xl space-y-1 text-sm" data-testid="evidence-contents">
          {PACKAGE_CONTENTS.map((item) => (
            <li key={item.path}>
              <code className="font-medium">{item.path}</code>: {item.what}
            </li>
          ))}
        </ul>
        <p className="max-w-3xl text-sm text-slate-600 dark:text-slate-400">
          Each package&apos;s <code>README.txt</code> lists every file and what it holds. The format, file by file, is
          in Terrane&apos;s documentation: <code>docs/evidence.md</code>, section &ldquo;Evidence packages&rdquo;.
        </p>
      </section>

      <section aria-labelledby="evidence-verify" className="space-y-3">
        <h2 id="evidence-verify" className="text-lg font-semibold">
          How to check one
        </h2>
        <ol className="max-w-3xl list-decimal space-y-2 pl-5 text-sm">
          <li>
            Unzip it and run <code>sh verify.sh</code> in its folder. With <code>sha256sum</code>, <code>openssl</code>{" "}
            and a POSIX shell it checks the manifest&apos;s signature, every file&apos;s size and SHA-256, the
            attestations&apos; signatures, the audit log&apos;s signed checkpoints and each list&apos;s row count.
          </li>
          <li>
            Or, with Terrane&apos;s command line from a clone:{" "}
            <code className="break-all">
              npx terrane verify {tenant.slug}-evidence-{"<period>"}.zip --jwks {"<this region>"}/.well-known/jwks.json
            </code>{" "}
            checks the same without unzipping, and also the audit log&apos;s inclusion and consistency proofs, and
            re-draws the sample from its seed.
          </li>
          <li>
            <code>verify.sh</code> trusts the keys inside the package (<code>keys/</code>): compare them with the keys
            this region publishes at{" "}
            <a className="underline" href="/.well-known/jwks.json">
              /.well-known/jwks.json
            </a>{" "}
            (the script prints the attestation key&apos;s <code>x</code>).
          </li>
        </ol>
      </section>
    </div>
  );
}
