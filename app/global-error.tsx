"use client";

// Replaces the root layout when that layout itself fails, so it brings its own <html>.
export default function GlobalError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <html lang="en">
      <body style={{ fontFamily: "system-ui, sans-serif", maxWidth: 560, margin: "96px auto", padding: "0 24px" }}>
        <h1 style={{ fontSize: 22 }}>Terrane could not load this page</h1>
        <p>
          Nothing was changed. Try again; if it keeps failing, contact your provider
          {error.digest ? ` and quote reference ${error.digest}` : ""}.
        </p>
        <button type="button" onClick={reset} style={{ padding: "6px 12px" }}>
          Try again
        </button>
      </body>
    </html>
  );
}
