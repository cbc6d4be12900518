import type { Metadata } from "next";
import { SupportView } from "@/modules/support/ui/support-view";
import { listRequestViews } from "@/modules/support/server/grants";
import { getSupportPolicy } from "@/modules/support/server/policy";
import { accessSummaryIfAllowed, requestFormOptions } from "@/modules/support/server/desk";
import { pageTenantShell } from "@/modules/tenants/server/shell";
import { pageActor, pageCall, requestPath } from "@/platform/http/page";

export const metadata: Metadata = { title: "Support access" };

/** Requests to decide, grants with their countdown, history, the access log and the approval policy. */
export default async function SupportPage({ params }: { params: Promise<{ tenant: string }> }) {
  const { tenant } = await params;
  const actor = await pageActor();
  const request = { surface: "page", path: await requestPath() } as const;
  const [shell, list, policy, daily] = await Promise.all([
    pageTenantShell(tenant),
    pageCall(() => listRequestViews(actor, tenant, {}, request)),
    pageCall(() => getSupportPolicy(actor, tenant, request)),
    pageCall(() => accessSummaryIfAllowed(actor, tenant, request)),
  ]);
  // The form's choices only for those the policy lets ask (allowed_actions), authorized again there.
  const formOptions = list.allowed_actions.includes("support.request")
    ? await pageCall(() => requestFormOptions(actor, tenant, request))
    : null;
  return (
    <SupportView
      tenant={{ slug: shell.tenant.slug, name: shell.tenant.name }}
      viewerName={actor.name}
      list={list}
      policy={policy}
      daily={daily}
      formOptions={formOptions}
    />
  );
}
