"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import { ApiProblem } from "@/platform/http/client-fetch";
import { filtersQuery, reviewsApi, type ReviewFilters, type SavedReviewView } from "@/modules/reviews/client";

/**
 * A person's saved filters: each a link to the queue filtered so (the URL is the view), the
 * current filters saved under a name, and a way to delete one.
 */
export function SavedViews({ views, current }: { views: SavedReviewView[]; current: ReviewFilters }) {
  const router = useRouter();
  const [name, setName] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState("");
  const [pending, startTransition] = useTransition();
  const currentQuery = filtersQuery(current);

  async function save() {
    setError(null);
    try {
      await reviewsApi.saveView({ name: name.trim(), filters: current });
      setStatus(`Saved the view “${name.trim()}”.`);
      setName("");
      startTransition(() => router.refresh());
    } catch (err) {
      setError(err instanceof ApiProblem ? err.message : "The server could not be reached. Try again.");
    }
  }

  async function remove(view: SavedReviewView) {
    setError(null);
    try {
      await reviewsApi.deleteView(view.id);
      setStatus(`Deleted the view “${view.name}”.`);
      startTransition(() => router.refresh());
    } catch (err) {
      setError(err instanceof ApiProblem ? err.message : "The server could not be reached. Try again.");
    }
  }

  return (
    <section aria-labelledby="saved-views" className="space-y-2 text-sm" data-testid="saved-views">
      <h2 id="saved-views" className="font-medium">
        Saved views
      </h2>
      {views.length === 0 ? (
        <p className="text-slate-600 dark:text-slate-400">None yet: filter the queue, then save it under a name.</p>
      ) : (
        <ul className="flex flex-wrap gap-2">
          {views.map((v) => {
            const q = filtersQuery(v.filters);
            return (
              <li
                key={v.id}
                className="flex items-center gap-1 rounded border border-slate-300 px-2 py-0.5 dark:border-slate-700"
              >
                <Link
                  href={`/region/reviews${q ? `?${q}` : ""}`}
                  aria-current={q === currentQuery ? "page" : undefined}
                  className="text-brand-700 underline dark:text-brand-100"
                >
                  {v.name}
                </Link>
                <Button
                  size="xs"
                  variant="ghost"
                  aria-label={`Delete the view ${v.name}`}
                  onClick={() => void remove(v)}
                >
                  ×
                </Button>
              </li>
            );
          })}
        </ul>
      )}
      <form
        className="flex flex-wrap items-end gap-2"
        onSubmit={(e) => {
          e.preventDefault();
          if (name.trim()) void save();
        }}
      >
        <label className="flex flex-col gap-1">
          <span>Save these filters as</span>
          <input
            className={inputClass}
            value={name}
            maxLength={80}
            onChange={(e) => setName(e.target.value)}
            placeholder="e.g. My overdue alerts"
          />
        </label>
        <Button type="submit" size="sm" disabled={!name.trim() || pending}>
          Save view
        </Button>
      </form>
      {error && (
        <p role="alert" className="text-red-700 dark:text-red-300">
          {error}
        </p>
      )}
      <span role="status" aria-live="polite" className="sr-only">
        {status}
      </span>
    </section>
  );
}
