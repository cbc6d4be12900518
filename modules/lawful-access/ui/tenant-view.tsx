import { Badge } from "@/components/ui/badge";
import { Table } from "@/components/ui/table";
import { Time } from "@/components/ui/time";
import type { TenantLawfulAccess } from "@/modules/lawful-access/client";
import { DISPOSITION_TONES } from "@/modules/lawful-access/ui/words";

type Row = TenantLawfulAccess["requests"][number];

/** The tenant's Lawful access tab: the requests about it that it may be told of. */
export function TenantLawfulAccessView({ view }: { view: TenantLawfulAccess }) {
  return (
    <section aria-labelledby="la-tenant-heading" className="space-y-3">
      <h2 id="la-tenant-heading" className="text-lg font-semibold">
        Lawful access
      </h2>
      <p className="text-sm text-slate-600 dark:text-slate-400">
        Government and law-enforcement requests concerning {view.tenant.name}&apos;s data, as the provider&apos;s
        compliance officers recorded them. A request the provider is legally prohibited from telling you about is not
        shown while the prohibition holds. The region&apos;s counts are public in its{" "}
        <a href="/trust" className="underline">
          transparency reports
        </a>
        .
      </p>
      <Table<Row>
        caption={`Requests concerning ${view.tenant.name}`}
        rows={view.requests}
        rowKey={(r) => r.id}
        empty="No request concerning this tenant has been recorded."
        data-testid="tenant-lawful-access"
        columns={[
          {
            key: "authority",
            header: "Authority",
            rowHeader: true,
            cell: (r) => `${r.authority} (${r.jurisdiction_name})`,
          },
          { key: "instrument", header: "Legal instrument", cell: (r) => r.legal_instrument },
          { key: "kind", header: "Kind", cell: (r) => r.kind_label },
          { key: "classes", header: "Data classes", cell: (r) => r.data_classes.join(", ") || "—" },
          { key: "received", header: "Received", cell: (r) => <Time iso={r.received_at} format="date" /> },
          {
            key: "disposition",
            header: "Outcome",
            cell: (r) => (
              <span>
                <Badge tone={DISPOSITION_TONES[r.disposition]}>{r.disposition_label}</Badge>
                {r.closed_at && (
                  <span className="block text-xs">
                    closed <Time iso={r.closed_at} format="date" />
                  </span>
                )}
              </span>
            ),
          },
        ]}
      />
    </section>
  );
}
