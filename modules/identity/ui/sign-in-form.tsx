"use client";

import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";

function describe(error: string): string {
  if (error.startsWith("throttled:")) {
    // A wait for this address (never a lock on the account): say how long, plainly.
    const seconds = Math.max(1, Number(error.split(":")[1] ?? "0") || 1);
    const wait = seconds < 120 ? `${seconds} second${seconds === 1 ? "" : "s"}` : `${Math.ceil(seconds / 60)} minutes`;
    return `Too many failed attempts from here. Try again in ${wait}.`;
  }
  if (error === "not_invited" || error === "AccessDenied")
    return "Your identity provider account has no access to this region. Ask your admin for an invitation.";
  if (error === "CredentialsSignin") return "The email or password is wrong.";
  return "Sign-in failed. Try again.";
}

export function SignInForm({
  callbackUrl,
  oidc,
  initialError,
}: {
  callbackUrl: string;
  oidc: { name: string } | null;
  initialError: string | null;
}) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(initialError ? describe(initialError) : null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setPending(true);
    setError(null);
    const form = new FormData(event.currentTarget);
    const result = await signIn("credentials", {
      redirect: false,
      email: String(form.get("email") ?? ""),
      password: String(form.get("password") ?? ""),
    });
    if (result?.error || !result?.ok) {
      setPending(false);
      setError(describe(result?.error ?? "unknown"));
      return;
    }
    router.replace(callbackUrl);
    router.refresh();
  }

  return (
    <div className="mt-6 space-y-4">
      {error && (
        <p
          role="alert"
          className="rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-800 dark:border-red-800 dark:bg-red-950 dark:text-red-200"
        >
          {error}
        </p>
      )}
      <form onSubmit={onSubmit} className="space-y-4" aria-label="Sign in with email and password">
        <div>
          <label htmlFor="email" className="block text-sm font-medium">
            Email
          </label>
          <input
            id="email"
            name="email"
            type="email"
            autoComplete="username"
            required
            className="mt-1 w-full rounded-md border border-slate-300 bg-white px-3 py-2 dark:border-slate-700 dark:bg-slate-900"
          />
        </div>
        <div>
          <label htmlFor="password" className="block text-sm font-medium">
            Password
          </label>
          <input
            id="password"
            name="password"
            type="password"
            autoComplete="current-password"
            required
            className="mt-1 w-full rounded-md border border-slate-300 bg-white px-3 py-2 dark:border-slate-700 dark:bg-slate-900"
          />
        </div>
        <Button
          type="submit"
          variant="primary"
          size="md"
          className="w-full"
          loading={pending}
          loadingText="Signing in…"
        >
          Sign in
        </Button>
      </form>
      {oidc && (
        <Button size="md" className="w-full" onClick={() => signIn("oidc", { callbackUrl })}>
          Continue with {oidc.name}
        </Button>
      )}
    </div>
  );
}
