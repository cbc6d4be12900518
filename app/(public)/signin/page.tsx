import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { RegionBadge } from "@/components/shell/region-badge";
import { SignInForm } from "@/modules/identity/ui/sign-in-form";
import { sessionActor } from "@/modules/identity/server/current-actor";
import { oidcConfigured } from "@/modules/identity/server/auth-options";
import { safeReturnPath } from "@/platform/auth/return-path";
import { currentRegion } from "@/platform/region/registry";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const query = await searchParams;
  // Only same-origin paths: a sign-in link must not send anyone elsewhere.
  const callbackUrl = safeReturnPath(query.callbackUrl, "/t");
  if ((await sessionActor()).type === "user") redirect(callbackUrl);
  const region = currentRegion();
  const error = typeof query.error === "string" ? query.error : null;
  return (
    <main id="main" className="mx-auto flex min-h-screen max-w-sm flex-col justify-center px-6">
      <div className="mb-6 flex flex-col items-start gap-3">
        <span className="text-lg font-semibold text-brand-700 dark:text-brand-100">Terrane</span>
        <RegionBadge region={region} />
      </div>
      <h1 className="text-2xl font-semibold">Sign in to {region.id}</h1>
      <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
        Accounts are per region: use the account of this region.
      </p>
      <SignInForm callbackUrl={callbackUrl} oidc={oidcConfigured()} initialError={error} />
    </main>
  );
}
