import Link from "next/link";
import { connection } from "next/server";
import { TierBadge } from "@/modules/tenants/ui/tier-badge";
import { TIERS } from "@/platform/region/tier";
import { ThemeToggle } from "@/components/shell/theme-toggle";
import { currentRegion, listRegions } from "@/platform/region/registry";

/** Public landing page of this regional instance. */
export default async function RegionLandingPage() {
  await connection();
  const region = currentRegion();
  const others = listRegions().filter((r) => r.id !== region.id);
  return (
    <div className="mx-auto max-w-4xl px-6 py-12">
      <div className="flex items-center justify-between">
        <span className="font-semibold tracking-tight text-brand-700 dark:text-brand-100">Terrane</span>
        <div className="flex items-center gap-2">
          <ThemeToggle />
          <Link
            href="/signin"
            className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700"
          >
            Sign in
          </Link>
        </div>
      </div>
      <main id="main" className="mt-12">
        <p
          className="text-sm font-semibold uppercase tracking-wide text-brand-600 dark:text-brand-100"
          data-testid="region-badge"
        >
          {region.id}
        </p>
        <h1 className="mt-1 text-3xl font-semibold">{region.name}</h1>
        <p className="mt-3 max-w-2xl text-slate-600 dark:text-slate-400">
          This is the residency trust portal of the {region.name} region. It runs in {region.city}, serves only data
          homed here, and is governed by <strong>{region.jurisdiction}</strong>.
        </p>
        <section aria-labelledby="tiers" className="mt-10">
          <h2 id="tiers" className="text-lg font-semibold">
            Residency tiers offered here
          </h2>
          <ul className="mt-3 grid gap-3 sm:grid-cols-3">
            {region.tiers.map((tier) => (
              <li
                key={tier}
                className="rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900"
              >
                <TierBadge tier={tier} />
                <p className="mt-2 text-sm text-slate-600 dark:text-slate-400">{TIERS[tier].description}.</p>
              </li>
            ))}
          </ul>
        </section>
        <section aria-labelledby="regions" className="mt-10">
          <h2 id="regions" className="text-lg font-semibold">
            Other regions
          </h2>
          <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
            Each region runs its own instance and keeps its data to itself.
          </p>
          <ul className="mt-3 divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white dark:divide-slate-800 dark:border-slate-800 dark:bg-slate-900">
            {others.map((r) => (
              <li key={r.id} className="flex flex-wrap items-center justify-between gap-2 px-4 py-3 text-sm">
                <span>
                  <span className="font-medium">{r.name}</span>{" "}
                  <span className="font-mono text-slate-500 dark:text-slate-400">{r.id}</span>
                  <span className="block text-slate-500 dark:text-slate-400">{r.jurisdiction}</span>
                </span>
                {r.instance ? (
                  <a href={r.url} className="text-brand-700 underline-offset-2 hover:underline dark:text-brand-100">
                    Open {r.id}
                  </a>
                ) : (
                  <span className="text-slate-500 dark:text-slate-400">No portal instance yet</span>
                )}
              </li>
            ))}
          </ul>
        </section>
      </main>
    </div>
  );
}
