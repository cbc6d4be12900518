import Link from "next/link";
import { Table } from "@/components/ui/table";
import type { MyRequests as MyRequestsData } from "@/modules/support/server/desk";
import { MyRequests } from "@/modules/support/ui/my-requests";
import { SupportAnnouncer } from "@/modules/support/ui/use-step";

/** The support engineer's own page: the region's tenants to ask access to, and every request of theirs here. */
export function MySupportView({ data }: { data: MyRequestsData }) {
  const open = data.requests.filter((r) => !["ended", "denied", "expired", "withdrawn", "revoked"].includes(r.state));
  const past = data.requests.filter((r) => !open.includes(r));
  return (
    <SupportAnnouncer>
      <div className="mx-auto max-w-5xl space-y-8 p-4 sm:p-6">
        <div className="space-y-2">
          <h1 className="text-2xl font-semibold">My support access</h1>
          <p className="max-w-3xl text-sm text-slate-600 dark:text-slate-400">
            You see a customer&apos;s data only inside a grant its admins approved. Ask for access from the
            tenant&apos;s Support access page; your requests and grants in {data.region} are listed here.
          </p>
        </div>
        <section aria-labelledby="mine-open" className="space-y-3">
          <h2 id="mine-open" className="text-lg font-semibold">
            Open requests and grants
          </h2>
          <MyRequests requests={open} showTenant />
        </section>
        <section aria-labelledby="mine-tenants" className="space-y-3">
          <h2 id="mine-tenants" className="text-lg font-semibold">
            Tenants homed in {data.region}
          </h2>
          <Table
            caption={`Tenants homed in ${data.region}`}
            rows={data.tenants}
            rowKey={(t) => t.slug}
            empty="No tenant is homed in this region yet."
            columns={[
              {
                key: "tenant",
                header: "Tenant",
                rowHeader: true,
                className: "font-medium",
                cell: (t) => (
                  <>
                    {t.allowed_actions.includes("support.requests.read") ? (
                      <Link
                        className="text-brand-700 underline underline-offset-2 dark:text-brand-100"
                        href={`/t/${t.slug}/support`}
                      >
                        {t.slug}
                      </Link>
                    ) : (
                      t.slug
                    )}
                    <div className="text-xs font-normal text-slate-500">{t.name}</div>
                  </>
                ),
              },
              { key: "organisation", header: "Organisation", cell: (t) => t.organisation },
              {
                key: "ask",
                header: "Access",
                cell: (t) =>
                  t.allowed_actions.includes("support.request") ? (
                    <Link
                      className="text-brand-700 underline dark:text-brand-100"
                      href={`/t/${t.slug}/support#support-ask`}
                    >
                      Request access<span className="sr-only"> to {t.slug}</span>
                    </Link>
                  ) : (
                    "—"
                  ),
              },
            ]}
          />
        </section>
        {past.length > 0 && (
          <section aria-labelledby="mine-past" className="space-y-3">
            <h2 id="mine-past" className="text-lg font-semibold">
              Past requests
            </h2>
            <MyRequests requests={past} showTenant />
          </section>
        )}
      </div>
    </SupportAnnouncer>
  );
}
