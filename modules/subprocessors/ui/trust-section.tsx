import type { ReactNode } from "react";

/** One section of the trust page: a heading, an optional line under it, its content; kept whole on paper when short. */
export function TrustSection({
  id,
  title,
  intro,
  children,
}: {
  id: string;
  title: string;
  intro?: ReactNode;
  children: ReactNode;
}) {
  return (
    <section aria-labelledby={id} className="mt-10 print:mt-6">
      <h2 id={id} className="text-lg font-semibold">
        {title}
      </h2>
      {intro && <p className="mt-1 max-w-3xl text-sm text-slate-600 dark:text-slate-400">{intro}</p>}
      <div className="mt-3">{children}</div>
    </section>
  );
}

/** A term and its value in a definition list, on one row from 640 px, stacked on a phone. */
export function Fact({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div className="sm:grid sm:grid-cols-[11rem_1fr] sm:gap-3">
      <dt className="font-medium text-slate-700 dark:text-slate-300">{term}</dt>
      <dd className="min-w-0">{children}</dd>
    </div>
  );
}
