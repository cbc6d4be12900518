export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    // Before any request: sign-in throttling needs the real client address (lib/auth/client-address.ts).
    (await import("@/lib/auth/socket-peer")).recordSocketPeers();
    const { openRegionAtStartup } = await import("@/lib/data/startup");
    await openRegionAtStartup();
  }
}
