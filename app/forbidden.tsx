import Link from "next/link";

export default function Forbidden() {
  return (
    <main className="mx-auto max-w-xl px-6 py-24 text-center">
      <p className="text-sm font-semibold uppercase tracking-wide text-amber-700 dark:text-amber-400">403</p>
      <h1 className="mt-2 text-2xl font-semibold">Your role does not allow this</h1>
      <p className="mt-3 text-slate-600 dark:text-slate-400">
        Ask a customer admin of the tenant, or your compliance team, if you need this access.
      </p>
      <Link
        href="/t"
        className="mt-6 inline-block rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700"
      >
        Back to your tenants
      </Link>
    </main>
  );
}
