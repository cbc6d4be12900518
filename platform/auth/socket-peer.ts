import http from "node:http";
import https from "node:https";
import { PEER_HEADER } from "@/platform/auth/client-address";

let installed = false;

/**
 * Records every HTTP request's socket address in PEER_HEADER before Next.js sees the request
 * (route handlers get no socket). Whatever a client sent under that name is overwritten, so the
 * header can be trusted; called once at start-up from instrumentation.ts.
 */
export function recordSocketPeers(): void {
  if (installed) return;
  installed = true;
  for (const Server of [http.Server, https.Server]) {
    const emit = Server.prototype.emit;
    const patched = function (this: http.Server, event: string | symbol, ...args: unknown[]): boolean {
      if (event === "request") {
        const req = args[0] as http.IncomingMessage;
        req.headers[PEER_HEADER] = req.socket?.remoteAddress ?? "";
      }
      return Reflect.apply(emit, this, [event, ...args]) as boolean;
    };
    Server.prototype.emit = patched as typeof emit;
  }
}
