import type { Metadata } from "next";
import Link from "next/link";
import { connection } from "next/server";
import { RegionBadge } from "@/components/shell/region-badge";
import { ThemeToggle } from "@/components/shell/theme-toggle";
import { currentRegion } from "@/platform/region/registry";
import { subscriptionLink } from "@/modules/subprocessors/server/subscriptions";
import { SubscriptionAction } from "@/modules/subprocessors/ui/subscription-action";
import { subscriptionPageWords } from "@/modules/subprocessors/domain/subscription-page-words";

export const metadata: Metadata = {
  title: "E-mail about the subprocessor register",
  robots: { index: false, follow: false },
  // The URL carries the link's secret: never send it on as a referrer.
  referrer: "no-referrer",
};

const one = (v: string | string[] | undefined) => (typeof v === "string" ? v : null);

/**
 * Where a subscriber's links land: it says what the link is for and offers the button that
 * does it. Opening it changes nothing, so a mail scanner that fetches links confirms or
 * unsubscribes nobody.
 */
export default async function SubscriptionPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await connection();
  const query = await searchParams;
  const confirm = one(query.confirm);
  const unsubscribe = one(query.unsubscribe);
  const kind = confirm && !unsubscribe ? "confirm" : unsubscribe && !confirm ? "unsubscribe" : null;
  const token = (kind === "confirm" ? confirm : unsubscribe) ?? "";
  const link = kind ? await subscriptionLink(kind, token) : null;
  const region = currentRegion();
  const words = subscriptionPageWords(kind, link?.state ?? "unknown", region.name);
  return (
    <div className="mx-auto max-w-lg px-4 py-8 sm:px-6">
      <div className="flex items-center justify-between gap-2">
        <RegionBadge region={region} />
        <ThemeToggle />
      </div>
      <main id="main" className="mt-10">
        <h1 className="text-2xl font-semibold">{words.heading}</h1>
        <p className="mt-3 text-slate-700 dark:text-slate-300">{words.text}</p>
        {link?.address && words.action && (
          <p className="mt-2 text-sm text-slate-600 dark:text-slate-400">
            Address: <span className="font-medium text-slate-900 dark:text-slate-100">{link.address}</span>
          </p>
        )}
        {kind && words.action && <SubscriptionAction kind={kind} token={token} />}
        <p className="mt-8 text-sm">
          <Link href="/trust" className="font-medium text-brand-700 underline underline-offset-2 dark:text-brand-100">
            The region&apos;s trust page and subprocessor list
          </Link>
        </p>
      </main>
    </div>
  );
}
