import { apiRoute } from "@/platform/http/api-route";
import { regionHealth } from "@/platform/region/health";

export const dynamic = "force-dynamic";

export const GET = apiRoute({ auth: "none", handler: () => regionHealth() });
