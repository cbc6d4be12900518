export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    // Before any request: sign-in throttling needs the real client address (platform/auth/client-address.ts).
    (await import("@/platform/auth/socket-peer")).recordSocketPeers();
    const { openRegionAtStartup } = await import("@/modules/start-region");
    await openRegionAtStartup();
  }
}
