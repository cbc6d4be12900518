import { apiRoute } from "@/platform/http/api-route";
import { settingsBody } from "@/modules/subprocessors/api-schemas/register";
import { readRegisterSettings, updateRegisterSettings } from "@/modules/subprocessors/server/settings";

export const dynamic = "force-dynamic";

export const GET = apiRoute({ auth: "required", handler: ({ actor }) => readRegisterSettings(actor) });

export const PUT = apiRoute({
  auth: "required",
  body: settingsBody,
  handler: ({ actor, body }) => updateRegisterSettings(actor, body),
});
