import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { addressBucket, clientAddress, PEER_HEADER, UNKNOWN_ADDRESS } from "@/platform/auth/client-address";
import { recordSocketPeers } from "@/platform/auth/socket-peer";
import { resetEnvCache } from "@/platform/env";

function withHops(hops: string | undefined): void {
  if (hops === undefined) delete process.env.TRUST_PROXY_HOPS;
  else process.env.TRUST_PROXY_HOPS = hops;
  resetEnvCache();
}

afterEach(() => withHops(undefined));

describe("the client address of a sign-in attempt", () => {
  it("by default is the socket's address: X-Forwarded-For is not believed", () => {
    withHops(undefined);
    expect(clientAddress({ [PEER_HEADER]: "198.51.100.7", "x-forwarded-for": "203.0.113.9" })).toBe("198.51.100.7");
    expect(clientAddress(new Headers({ [PEER_HEADER]: "198.51.100.7", "x-forwarded-for": "203.0.113.9" }))).toBe(
      "198.51.100.7",
    );
  });

  it("behind TRUST_PROXY_HOPS proxies is the entry those proxies vouch for, whatever the client prepended", () => {
    withHops("1");
    // The client forged 1.2.3.4; the proxy appended the address it saw (203.0.113.9) and connected from 10.0.0.2.
    expect(clientAddress({ [PEER_HEADER]: "10.0.0.2", "x-forwarded-for": "1.2.3.4, 203.0.113.9" })).toBe("203.0.113.9");
    withHops("2");
    expect(clientAddress({ [PEER_HEADER]: "10.0.0.3", "x-forwarded-for": "1.2.3.4, 203.0.113.9, 10.0.0.2" })).toBe(
      "203.0.113.9",
    );
    // Fewer entries than proxies: the farthest one there is.
    expect(clientAddress({ [PEER_HEADER]: "10.0.0.3" })).toBe("10.0.0.3");
  });

  it("without the recorded peer is one shared unknown address, never the forgeable header", () => {
    withHops(undefined);
    expect(clientAddress({ "x-forwarded-for": "203.0.113.9" })).toBe(UNKNOWN_ADDRESS);
  });

  it("is bucketed: IPv4 as is, IPv4-mapped IPv6 as IPv4, IPv6 by /64, anything else unknown", () => {
    expect(addressBucket("198.51.100.7")).toBe("198.51.100.7");
    expect(addressBucket("::ffff:198.51.100.7")).toBe("198.51.100.7");
    expect(addressBucket("2001:db8:1:2::1")).toBe("2001:0db8:0001:0002::/64");
    expect(addressBucket("2001:DB8:1:2:ffff:ffff:ffff:ffff")).toBe("2001:0db8:0001:0002::/64");
    expect(addressBucket("[2001:db8::1]")).toBe("2001:0db8:0000:0000::/64");
    expect(addressBucket("fe80::1%eth0")).toBe("fe80:0000:0000:0000::/64");
    expect(addressBucket("::1")).toBe("0000:0000:0000:0000::/64");
    expect(addressBucket("evil.example")).toBe(UNKNOWN_ADDRESS);
    expect(addressBucket("")).toBe(UNKNOWN_ADDRESS);
  });
});

describe("recording the socket's address", () => {
  let server: http.Server | undefined;
  afterEach(
    () =>
      new Promise<void>((done) => {
        server?.closeAllConnections();
        if (server) server.close(() => done());
        else done();
      }),
  );

  it("overwrites whatever the client sent under the peer header, before the server's handler runs", async () => {
    recordSocketPeers();
    recordSocketPeers(); // installing twice changes nothing
    server = http.createServer((req, res) =>
      res.end(JSON.stringify({ peer: req.headers[PEER_HEADER], xff: req.headers["x-forwarded-for"] })),
    );
    await new Promise<void>((ready) => server!.listen(0, "127.0.0.1", ready));
    const { port } = server.address() as AddressInfo;
    const res = await fetch(`http://127.0.0.1:${port}/`, {
      headers: { [PEER_HEADER]: "192.0.2.44", "x-forwarded-for": "192.0.2.44" },
    });
    expect(await res.json()).toEqual({ peer: "127.0.0.1", xff: "192.0.2.44" });
  });
});
