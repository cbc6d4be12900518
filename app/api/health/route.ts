import { apiRoute } from "@/lib/http/api-route";
import { regionHealth } from "@/lib/data/health";

export const dynamic = "force-dynamic";

export const GET = apiRoute({ auth: "none", handler: () => regionHealth() });
