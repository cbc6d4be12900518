export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { openRegionAtStartup } = await import("@/lib/data/startup");
    await openRegionAtStartup();
  }
}
