import Link from "next/link";

export default function NotFound() {
  return (
    <main className="mx-auto max-w-xl px-6 py-24 text-center">
      <p className="text-sm font-semibold uppercase tracking-wide text-brand-600">404</p>
      <h1 className="mt-2 text-2xl font-semibold">Nothing here for you</h1>
      <p className="mt-3 text-slate-600 dark:text-slate-400">
        This page does not exist, or it belongs to a tenant you are not a member of.
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
