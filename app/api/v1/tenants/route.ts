import { apiRoute } from "@/platform/http/api-route";
import { listSwitcherTenants } from "@/modules/tenants/server/directory";

export const dynamic = "force-dynamic";

/** The caller's tenants here, and their organisations' tenants in other regions (with home URLs). */
export const GET = apiRoute({
  auth: "required",
  handler: async ({ actor }) => ({ tenants: await listSwitcherTenants(actor) }),
});
