/**
 * Which URLs a webhook endpoint may have. Pure: the server checks a new endpoint with it and the
 * form can say the same before sending.
 *
 * - http or https only, no user name or password in it, no fragment, at most 2,048 characters;
 * - https always; http only to this machine (localhost, 127.0.0.0/8, [::1]) and only where
 *   allowed (`allowLocalHttp`: not in production, or WEBHOOKS_ALLOW_HTTP_LOCALHOST=true);
 * - never an address literal of a private or link-local network (cloud metadata services live
 *   there), and a loopback one over https only where local http is allowed.
 * A host name is not resolved here: see docs/notifications.md, "Limits".
 */
export const MAX_WEBHOOK_URL_LENGTH = 2048;

export type WebhookUrlCheck = { ok: true; url: string } | { ok: false; reason: string };

function isLocalHost(host: string): boolean {
  return host === "localhost" || host === "[::1]" || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

function isPrivateLiteral(host: string): boolean {
  if (host.startsWith("[")) {
    const v6 = host.slice(1, -1).toLowerCase();
    return (
      v6 === "::" || v6.startsWith("fc") || v6.startsWith("fd") || v6.startsWith("fe80") || v6.startsWith("::ffff:")
    );
  }
  const m = /^(\d{1,3})\.(\d{1,3})\.\d{1,3}\.\d{1,3}$/.exec(host);
  if (!m) return false;
  const [a, b] = [Number(m[1]), Number(m[2])];
  return (
    a === 0 ||
    a === 10 ||
    (a === 172 && b >= 16 && b <= 31) ||
    (a === 192 && b === 168) ||
    (a === 169 && b === 254) ||
    (a === 100 && b >= 64 && b <= 127)
  );
}

export function checkWebhookUrl(raw: string, options: { allowLocalHttp: boolean }): WebhookUrlCheck {
  if (raw.length > MAX_WEBHOOK_URL_LENGTH)
    return { ok: false, reason: `Keep the URL under ${MAX_WEBHOOK_URL_LENGTH} characters.` };
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, reason: "Enter a full URL, such as https://hooks.example.com/terrane." };
  }
  if (url.protocol !== "https:" && url.protocol !== "http:")
    return { ok: false, reason: "Only https URLs can receive webhooks." };
  if (url.username || url.password)
    return { ok: false, reason: "Leave user names and passwords out of the URL: every message is signed instead." };
  if (url.hash) return { ok: false, reason: "Leave the #fragment out of the URL: it is never sent." };
  const host = url.hostname.toLowerCase();
  if (url.protocol === "http:") {
    if (!isLocalHost(host)) return { ok: false, reason: "Use https: webhooks are sent only over TLS." };
    if (!options.allowLocalHttp)
      return { ok: false, reason: "Use https: plain http to this machine is allowed only outside production." };
  } else if (isLocalHost(host) && !options.allowLocalHttp) {
    return { ok: false, reason: "This machine's own addresses cannot receive webhooks in production." };
  }
  if (isPrivateLiteral(host)) return { ok: false, reason: "Private and link-local addresses cannot receive webhooks." };
  return { ok: true, url: url.toString() };
}
