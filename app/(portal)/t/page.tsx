import type { Metadata } from "next";
import Link from "next/link";
import { ExternalLink } from "lucide-react";
import { redirect } from "next/navigation";
import { listSwitcherTenants } from "@/modules/tenants/server/directory";
import { pageActor } from "@/platform/http/page";
import { ROLE_LABELS } from "@/platform/policy/roles";
import { regionNavigation } from "@/platform/policy/navigation";
import { currentRegion } from "@/platform/region/registry";

export const metadata: Metadata = { title: "Your tenants" };

/** Where sign-in lands: the tenants this user can open, here and in other regions. */
export default async function TenantsPage() {
  const actor = await pageActor();
  // A compliance officer's home is the desk (they hold no tenant memberships to list here).
  if (regionNavigation(actor, currentRegion().id).some((item) => item.key === "desk")) redirect("/region");
  const tenants = await listSwitcherTenants(actor);
  const region = currentRegion();
  return (
    <div className="mx-auto max-w-4xl space-y-6 p-6">
      <div>
        <h1 className="text-2xl font-semibold">Welcome, {actor.name}</h1>
        <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
          {actor.providerRole
            ? `You are signed in to ${region.id} as ${ROLE_LABELS[actor.providerRole]} of the provider.`
            : `You are signed in to ${region.id}.`}
        </p>
      </div>
      {tenants.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 p-6 text-sm text-slate-600 dark:border-slate-700 dark:text-slate-400">
          {actor.providerRole
            ? "Provider staff work from the region navigation."
            : "You are not a member of any tenant in this region. Ask your customer admin for an invitation."}
        </p>
      ) : (
        <ul
          className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white dark:divide-slate-800 dark:border-slate-800 dark:bg-slate-900"
          aria-label="Your tenants"
        >
          {tenants.map((t) => (
            <li key={t.slug} className="flex items-center justify-between gap-4 px-4 py-3">
              <div>
                <div className="font-medium">{t.slug}</div>
                <div className="text-sm text-slate-500">
                  {t.organisation} · homed in {t.home_region}
                  {t.role ? ` · ${ROLE_LABELS[t.role]}` : ""}
                </div>
              </div>
              {t.local ? (
                <Link
                  href={t.url}
                  className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700"
                >
                  Open<span className="sr-only"> {t.slug}</span>
                </Link>
              ) : (
                <a
                  href={t.url}
                  className="inline-flex items-center gap-1 rounded-md border border-slate-300 px-3 py-1.5 text-sm hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800"
                >
                  Open on {t.home_region} <ExternalLink aria-hidden className="size-3.5" />
                  <span className="sr-only"> ({t.slug})</span>
                </a>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
