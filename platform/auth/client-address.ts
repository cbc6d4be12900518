import { isIP } from "node:net";
import { env } from "@/platform/env";

/**
 * The address a sign-in attempt comes from, for throttling. Next.js only fills in
 * X-Forwarded-For from the socket when the request has none, so a client talking to the
 * instance directly could choose its own; instead the server records the socket's address in
 * PEER_HEADER (platform/auth/socket-peer.ts, overwriting anything sent under that name) and
 * X-Forwarded-For is read only as far as TRUST_PROXY_HOPS proxies vouch for it.
 */
export const PEER_HEADER = "x-terrane-peer";

/** Without the recorded peer (a server that did not install the hook) every attempt shares this. */
export const UNKNOWN_ADDRESS = "unknown";

type HeaderSource = Headers | Record<string, unknown>;

function header(source: HeaderSource, name: string): string | null {
  if (source instanceof Headers) return source.get(name);
  const value = source[name];
  if (typeof value === "string") return value;
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === "string").join(", ");
  return null;
}

function expandIpv6(address: string): string[] {
  const [head = "", tail] = address.split("::");
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const fill = tail === undefined ? [] : Array<string>(8 - left.length - right.length).fill("0");
  return [...left, ...fill, ...right].map((g) => g.padStart(4, "0"));
}

/**
 * One bucket per IPv4 address and per IPv6 /64 (one customer line or host usually gets a
 * whole /64, so counting single IPv6 addresses would give an attacker 2^64 fresh ones).
 */
export function addressBucket(raw: string): string {
  let address = raw.trim().toLowerCase();
  if (address.startsWith("[") && address.includes("]")) address = address.slice(1, address.indexOf("]"));
  address = address.replace(/%.*$/, ""); // zone index
  if (address.startsWith("::ffff:") && isIP(address.slice(7)) === 4) address = address.slice(7);
  const version = isIP(address);
  if (version === 4) return address;
  if (version === 6) return `${expandIpv6(address).slice(0, 4).join(":")}::/64`;
  return UNKNOWN_ADDRESS;
}

/** The address of the client behind `headers`, trusting X-Forwarded-For only for TRUST_PROXY_HOPS proxies. */
export function clientAddress(headers: HeaderSource): string {
  const peer = header(headers, PEER_HEADER);
  if (!peer) return UNKNOWN_ADDRESS;
  const hops = env().TRUST_PROXY_HOPS;
  if (hops === 0) return peer.trim();
  // Each trusted proxy appended the address it was connected from; the last one is our peer.
  const forwarded = (header(headers, "x-forwarded-for") ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  const chain = [...forwarded, peer];
  return chain[Math.max(0, chain.length - 1 - hops)]!;
}
