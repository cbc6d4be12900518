import { readFileSync } from "node:fs";
import path from "node:path";
import { request as playwrightRequest, type APIRequestContext, type APIResponse } from "@playwright/test";
import {
  AUTHZ_MATRIX,
  MATRIX_ROLES,
  type ActionEntry,
  type ApiEntry,
  type MatrixEntry,
  type MatrixRegion,
  type MatrixRole,
  type PageEntry,
  type PersonaRole,
} from "./authz-matrix";
import { apiToken, expect, instanceUrl, personaEmail, seededTokenIds, signInWithApi, test, userId } from "./fixtures";

/**
 * Runs every entry of e2e/authz-matrix.ts for every role and asserts the exact status:
 * APIs with the role's seeded API token and with a browser session (they must agree unless
 * the entry says otherwise), pages with a browser session; anonymous sends neither.
 */

/** "Another user": Kestrel's auditor, none of the personas; a provider admin revokes their seeded token here. */
const OTHER_EMAIL = "omar.auditor@crestaudit.example";
const DEFAULT_REGION: MatrixRegion = "eu-central-1";

function describeEntry(entry: MatrixEntry): string {
  const region = entry.region && entry.region !== DEFAULT_REGION ? ` on ${entry.region}` : "";
  if (entry.kind === "action") return `action ${entry.name} (${entry.file}) via ${entry.concrete}${region}`;
  return `${entry.kind} ${entry.method} ${entry.concrete}${region}`;
}

function resolve(template: string, role: MatrixRole, region: MatrixRegion): string {
  return template
    .replaceAll("{self}", () =>
      role === "anonymous" ? userId(region, OTHER_EMAIL) : userId(region, personaEmail(role, region)),
    )
    .replaceAll("{other}", () => userId(region, OTHER_EMAIL))
    .replaceAll("{otherToken}", () => seededTokenIds(region, OTHER_EMAIL)[0] ?? "missing-token")
    .replace(/\{url:([a-z0-9-]+)\}/g, (_, id: MatrixRegion) => instanceUrl(id));
}

function expectLocation(
  actual: string | undefined,
  template: string | undefined,
  role: MatrixRole,
  region: MatrixRegion,
  what: string,
): void {
  if (!template) return;
  const base = instanceUrl(region);
  expect(actual, `${what}: location`).toBeTruthy();
  expect(new URL(actual!, base).href, `${what}: location`).toBe(new URL(resolve(template, role, region), base).href);
}

/** APIs under /api/v1 answer errors as RFC 9457 problems with a stable code. */
async function expectProblem(response: APIResponse, status: number, what: string): Promise<Record<string, unknown>> {
  expect(response.headers()["content-type"], `${what}: content type`).toContain("application/problem+json");
  const problem = (await response.json()) as Record<string, unknown>;
  expect(problem.status, `${what}: problem status`).toBe(status);
  expect(typeof problem.code, `${what}: problem code`).toBe("string");
  expect(typeof problem.title, `${what}: problem title`).toBe("string");
  return problem;
}

async function send(
  client: APIRequestContext,
  entry: ApiEntry | PageEntry,
  url: string,
  headers: Record<string, string>,
): Promise<APIResponse> {
  const body = entry.kind === "api" ? entry : undefined;
  return client.fetch(url, {
    method: entry.method,
    headers,
    maxRedirects: 0,
    ...(body?.body !== undefined ? { data: body.body } : {}),
    ...(body?.form !== undefined ? { form: body.form } : {}),
  });
}

async function checkApi(
  entry: ApiEntry,
  response: APIResponse,
  status: number,
  role: MatrixRole,
  region: MatrixRegion,
  what: string,
): Promise<void> {
  expect(response.status(), what).toBe(status);
  if (entry.concrete.startsWith("/api/v1") && status >= 400) {
    const problem = await expectProblem(response, status, what);
    if (status === 421) {
      expect(problem.code).toBe("wrong_region");
      expectLocation(problem.home_url as string, entry.location?.[role], role, region, what);
    }
  } else if (status >= 300 && status < 400) {
    expectLocation(response.headers().location, entry.location?.[role], role, region, what);
  }
}

/** The action id Next.js gave `entry` (from the built server-reference manifest). */
function actionId(entry: ActionEntry): string {
  const manifest = JSON.parse(readFileSync(path.resolve(".next/server/server-reference-manifest.json"), "utf8")) as {
    node: Record<string, { filename?: string; exportedName?: string }>;
  };
  const found = Object.entries(manifest.node).find(
    ([, a]) => a.exportedName === entry.name && (a.filename ?? "").endsWith(entry.file),
  );
  if (!found)
    throw new Error(
      `Server action ${entry.name} in ${entry.file} is not in .next/server/server-reference-manifest.json`,
    );
  return found[0];
}

// Entries that request the same thing (e.g. a good and a bad body) are told apart by number.
const titles = AUTHZ_MATRIX.map(describeEntry);
const entryTitle = (entry: MatrixEntry, index: number) =>
  titles.filter((t) => t === titles[index]).length > 1
    ? `${titles[index]} #${titles.slice(0, index + 1).filter((t) => t === titles[index]).length}`
    : titles[index]!;

for (const role of MATRIX_ROLES) {
  test.describe(`as ${role}`, () => {
    const sessions = new Map<MatrixRegion, APIRequestContext>();
    let bare: APIRequestContext;

    /** A client holding this role's browser session on `region` (signed in once). */
    async function sessionOn(region: MatrixRegion): Promise<APIRequestContext> {
      let client = sessions.get(region);
      if (!client) {
        client = await playwrightRequest.newContext();
        if (role !== "anonymous") await signInWithApi(client, region, role);
        sessions.set(region, client);
      }
      return client;
    }

    test.beforeAll(async () => {
      bare = await playwrightRequest.newContext();
    });
    test.afterAll(async () => {
      await Promise.all([bare.dispose(), ...[...sessions.values()].map((s) => s.dispose())]);
    });

    AUTHZ_MATRIX.forEach((entry, index) => {
      const status = entry.expect[role];
      test(`${entryTitle(entry, index)} → ${status}`, async () => {
        const region = entry.region ?? DEFAULT_REGION;
        const base = instanceUrl(region);
        const url = `${base}${resolve(entry.concrete, role, region)}`;

        if (entry.kind === "page") {
          const response = await send(await sessionOn(region), entry, url, {});
          expect(response.status(), `page ${url}`).toBe(status);
          if (status >= 300 && status < 400)
            expectLocation(response.headers().location, entry.location?.[role], role, region, url);
          if (status === 200) expect(response.headers()["content-type"]).toContain("text/html");
          return;
        }

        if (entry.kind === "action") {
          const response = await (
            await sessionOn(region)
          ).fetch(url, {
            method: "POST",
            headers: {
              "next-action": actionId(entry),
              accept: "text/x-component",
              "content-type": "text/plain;charset=UTF-8",
              origin: base,
            },
            data: JSON.stringify(entry.args ?? []),
            maxRedirects: 0,
          });
          // A fetch action that redirects answers 200 with `x-action-redirect: <url>;<type>`:
          // count it as the 303 a form post would get, and check where it points.
          const redirect = response.headers()["x-action-redirect"];
          const outcome = redirect ? 303 : response.status();
          expect(outcome, `action ${entry.name} at ${url}`).toBe(status);
          if (redirect)
            expectLocation(redirect.split(";")[0], entry.location?.[role], role, region, `action ${entry.name}`);
          return;
        }

        // With the role's seeded API token (anonymous: no Authorization header).
        const tokenHeaders: Record<string, string> =
          role === "anonymous" ? {} : { authorization: `Bearer ${apiToken(region, role).token}` };
        await test.step("with an API token", async () => {
          await checkApi(
            entry,
            await send(bare, entry, url, tokenHeaders),
            status,
            role,
            region,
            `token ${entry.method} ${url}`,
          );
        });
        // With a browser session (same origin, as the app's own pages send it): the same answer.
        if (role !== "anonymous") {
          const sessionStatus = entry.session?.[role as PersonaRole] ?? status;
          await test.step(`with a browser session → ${sessionStatus}`, async () => {
            const response = await send(await sessionOn(region), entry, url, { origin: base });
            await checkApi(entry, response, sessionStatus, role, region, `session ${entry.method} ${url}`);
          });
        }
      });
    });
  });
}

test.describe("session and token edge cases", () => {
  test("a cookie-authenticated write from another site is refused; the same write with a token is judged on its merits", async () => {
    const region: MatrixRegion = "eu-central-1";
    const base = instanceUrl(region);
    const session = await playwrightRequest.newContext();
    try {
      await signInWithApi(session, region, "customer_admin");
      const url = `${base}/api/v1/users/me/tokens`;
      const body = { name: "cross-site", tenant: "northwind-eu", expires_in_days: 1 };
      const foreign = await session.post(url, { data: body, headers: { origin: "https://evil.example" } });
      expect(foreign.status()).toBe(403);
      expect(((await foreign.json()) as { code: string }).code).toBe("cross_site_request");
      const noOrigin = await session.post(url, { data: body });
      expect(noOrigin.status()).toBe(403);
      // The list is unchanged: nothing was created by the refused writes.
      const list = (await (await session.get(url)).json()) as { tokens: { name: string }[] };
      expect(list.tokens.map((t) => t.name)).not.toContain("cross-site");
    } finally {
      await session.dispose();
    }
  });

  test("a malformed, unknown or non-bearer Authorization header is 401 even with a valid session", async () => {
    const region: MatrixRegion = "eu-central-1";
    const base = instanceUrl(region);
    const session = await playwrightRequest.newContext();
    try {
      await signInWithApi(session, region, "customer_viewer");
      expect((await session.get(`${base}/api/v1/tenants/northwind-eu`)).status()).toBe(200);
      for (const authorization of [
        "Bearer trn_not-a-real-token",
        "Basic dXNlcjpwYXNz",
        "Bearer",
        `Bearer trn_${"A".repeat(43)}`,
      ]) {
        const response = await session.get(`${base}/api/v1/tenants/northwind-eu`, { headers: { authorization } });
        expect(response.status(), authorization).toBe(401);
        expect(response.headers()["www-authenticate"]).toContain("Bearer");
        await expectProblem(response, 401, authorization);
      }
    } finally {
      await session.dispose();
    }
  });

  test("a token of one region is unknown to another region's instance", async () => {
    const token = apiToken("eu-central-1", "customer_admin").token;
    const client = await playwrightRequest.newContext();
    try {
      const response = await client.get(`${instanceUrl("me-central-1")}/api/v1/tenants`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(response.status()).toBe(401);
    } finally {
      await client.dispose();
    }
  });
});
