/** Signs in through next-auth's credentials flow, as a browser would, and returns the cookie header. */

const SESSION_COOKIE = (region: string) => `terrane-${region}.session-token`;

/** name=value pairs from Set-Cookie headers (attributes dropped). */
function cookiesFrom(response: Response): Map<string, string> {
  const jar = new Map<string, string>();
  for (const line of response.headers.getSetCookie()) {
    const pair = line.split(";", 1)[0] ?? "";
    const eq = pair.indexOf("=");
    if (eq > 0) jar.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
  }
  return jar;
}

function header(jar: Map<string, string>): string {
  return [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
}

/**
 * GET /api/auth/csrf, then POST /api/auth/callback/credentials (form-encoded, json=true)
 * carrying the CSRF cookie. Returns a Cookie header holding the region's session cookie.
 */
export async function signIn(baseUrl: string, region: string, email: string, password: string): Promise<string> {
  const jar = new Map<string, string>();
  const csrf = await fetch(`${baseUrl}/api/auth/csrf`);
  if (!csrf.ok) throw new Error(`GET /api/auth/csrf answered ${csrf.status}`);
  for (const [k, v] of cookiesFrom(csrf)) jar.set(k, v);
  const { csrfToken } = (await csrf.json()) as { csrfToken?: string };
  if (!csrfToken) throw new Error("GET /api/auth/csrf returned no csrfToken");

  const form = new URLSearchParams({ csrfToken, email, password, json: "true", callbackUrl: `${baseUrl}/t` });
  const callback = await fetch(`${baseUrl}/api/auth/callback/credentials`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: header(jar) },
    body: form.toString(),
    redirect: "manual",
  });
  for (const [k, v] of cookiesFrom(callback)) jar.set(k, v);
  await callback.arrayBuffer();
  const session = jar.get(SESSION_COOKIE(region));
  if (!session) {
    throw new Error(
      `Signing in as ${email} set no ${SESSION_COOKIE(region)} cookie (POST /api/auth/callback/credentials answered ${callback.status})`,
    );
  }
  return `${SESSION_COOKIE(region)}=${session}`;
}
