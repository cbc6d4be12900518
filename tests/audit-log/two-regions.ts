import { afterAll, beforeAll } from "vitest";
import { GET as checkpointRoute } from "@/app/api/v1/audit/checkpoint/route";
import { GET as consistencyRoute } from "@/app/api/v1/audit/consistency/route";
import { GET as keyRoute } from "@/app/api/v1/audit/key/route";
import { GET as witnessKeyRoute } from "@/app/api/v1/audit/witness-key/route";
import { GET as witnessedRoute } from "@/app/api/v1/audit/witness/[region]/route";
import type { PeerFetch } from "@/modules/audit/server/peer-http";
import { useRegionDatabase, type DatabaseKind, type RegionDatabase } from "@/platform/db/db";
import { forgetRegionKeys } from "@/modules/audit/server/signing-keys";
import defaultRegions from "@/config/regions.json";
import { createRegionDatabase } from "../helpers/databases";
import { setRegionEnv } from "../helpers/env";
import { call } from "../helpers/http";

export const A = "eu-central-1";
export const B = "me-central-1";
const HOSTS: Record<string, string> = { [A]: "eu.instance.test", [B]: "me.instance.test" };

const REGIONS_JSON = JSON.stringify(
  defaultRegions.filter((r) => r.id in HOSTS).map((r) => ({ ...r, url: `https://${HOSTS[r.id]}` })),
);

type Handler = Parameters<typeof call>[0];
const ROUTES: [RegExp, Handler, (m: RegExpMatchArray) => Record<string, string>][] = [
  [/^\/api\/v1\/audit\/checkpoint$/, checkpointRoute, () => ({})],
  [/^\/api\/v1\/audit\/key$/, keyRoute, () => ({})],
  [/^\/api\/v1\/audit\/witness-key$/, witnessKeyRoute, () => ({})],
  [/^\/api\/v1\/audit\/consistency$/, consistencyRoute, () => ({})],
  [/^\/api\/v1\/audit\/witness\/([^/]+)$/, witnessedRoute, (m) => ({ region: m[1]! })],
];

/** Answers a request instead of the instance (to play a misbehaving or absent peer); undefined: let it answer. */
export type Override = (region: string, path: string) => Promise<Response | undefined> | Response | undefined;

export interface TwoRegions {
  databases: Record<string, RegionDatabase>;
  /** Makes this process the instance of `region`: its environment, database and keys. */
  use(region: string): void;
  /** Runs `fn` as `region`'s instance, then returns to the one that was current. */
  as<T>(region: string, fn: () => Promise<T>): Promise<T>;
  /** Every request through `fetch`, as "<region> <path and query>". */
  requests: string[];
  override: Override | undefined;
  /** Each region's real route handlers, reached by URL, each run as its own instance. */
  fetch: PeerFetch;
}

/**
 * Two region instances in one process, A (eu-central-1) and B (me-central-1), each with its
 * own fresh database, talking to each other through the real audit route handlers.
 */
export function useTwoRegions(kind: DatabaseKind): TwoRegions {
  const disposers: (() => Promise<void>)[] = [];
  let current: string | null = null;
  const ctx: TwoRegions = {
    databases: {},
    requests: [],
    override: undefined,
    use(region) {
      setRegionEnv(region, { REGIONS_JSON });
      useRegionDatabase(ctx.databases[region]);
      forgetRegionKeys();
      current = region;
    },
    async as(region, fn) {
      const previous = current;
      ctx.use(region);
      try {
        return await fn();
      } finally {
        if (previous) ctx.use(previous);
      }
    },
    async fetch(url, init) {
      const target = new URL(url);
      const region = Object.keys(HOSTS).find((r) => HOSTS[r] === target.host);
      if (!region) throw new TypeError(`fetch failed: no instance at ${target.host}`);
      ctx.requests.push(`${region} ${target.pathname}${target.search}`);
      const overridden = await ctx.override?.(region, `${target.pathname}${target.search}`);
      if (overridden) return overridden;
      for (const [pattern, handler, params] of ROUTES) {
        const m = target.pathname.match(pattern);
        if (m) return ctx.as(region, () => call(handler, new Request(url, init), params(m)));
      }
      return new Response("not found", { status: 404 });
    },
  };
  beforeAll(async () => {
    for (const region of [A, B]) {
      const opened = await createRegionDatabase(kind);
      disposers.push(opened.dispose);
      ctx.databases[region] = opened.database;
    }
  });
  afterAll(async () => {
    useRegionDatabase(undefined);
    forgetRegionKeys();
    for (const dispose of disposers) await dispose();
  });
  return ctx;
}
