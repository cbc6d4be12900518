import Link from "next/link";
import type { ReactNode } from "react";
import type { TrustPage } from "@/modules/subprocessors/server/trust-page";
import { TrustFeeds } from "@/modules/subprocessors/ui/trust-feeds";
import { TrustIntegrity } from "@/modules/subprocessors/ui/trust-integrity";
import { TrustMap } from "@/modules/subprocessors/ui/trust-map";
import { TrustRegionFacts } from "@/modules/subprocessors/ui/trust-region";
import { TrustRegister } from "@/modules/subprocessors/ui/trust-register";
import { TrustUpcoming } from "@/modules/subprocessors/ui/trust-upcoming";
import { trustNames } from "@/modules/subprocessors/ui/trust-words";
import { TrustTransparency } from "@/modules/lawful-access/ui/trust-transparency";
import { ThemeToggle } from "@/components/shell/theme-toggle";
import { Time } from "@/components/ui/time";

/**
 * Paper: no navigation or buttons, black on white whatever the theme (the `!` beats the dark
 * variants; backgrounds go, grey borders stay), and every link's address is printed as its text.
 */
const PRINT =
  "print:max-w-none print:bg-white print:p-0 print:text-black print:[&_*]:border-slate-400! print:[&_*]:bg-transparent! print:[&_*]:text-black!";

/** The region's public trust page: everything on it is public and none of it names a tenant or a person. */
export function TrustView({ page, subscribe }: { page: TrustPage; subscribe: ReactNode }) {
  const names = trustNames(page);
  const { region, register } = page;
  return (
    <div className={`mx-auto max-w-5xl px-4 py-8 sm:px-6 ${PRINT}`}>
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2 dark:focus:bg-slate-900"
      >
        Skip to content
      </a>
      <header className="flex items-center justify-between gap-2 print:hidden">
        <Link href="/" className="font-semibold tracking-tight text-brand-700 dark:text-brand-100">
          Terrane
        </Link>
        <nav aria-label="Site" className="flex items-center gap-2">
          <ThemeToggle />
          <Link
            href="/signin"
            className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700"
          >
            Sign in
          </Link>
        </nav>
      </header>
      <main id="main" className="mt-8 print:mt-0">
        <p
          className="text-sm font-semibold uppercase tracking-wide text-brand-600 dark:text-brand-100"
          data-testid="region-badge"
        >
          {region.id}
        </p>
        <h1 className="mt-1 text-3xl font-semibold">Trust: {region.name}</h1>
        <p className="mt-3 max-w-3xl text-slate-600 dark:text-slate-400">
          What the {region.name} region publishes about itself: where it runs and under which law, the companies that
          process customers&apos; data for it and the changes announced to them, and the keys and signed log that let
          anyone check its statements.
        </p>
        <p className="mt-2 text-sm text-slate-600 dark:text-slate-400">
          As of <Time iso={register.generated_at} />.
        </p>
        <TrustRegionFacts region={region} />
        <TrustRegister entries={register.subprocessors} names={names} />
        <TrustUpcoming changes={register.upcoming} names={names} />
        <TrustMap region={region} countries={page.countries} />
        <TrustFeeds snapshot={register.snapshot} subscribe={subscribe} />
        <TrustTransparency report={page.transparency} />
        <TrustIntegrity keys={page.keys} checkpoint={page.checkpoint} />
      </main>
    </div>
  );
}
