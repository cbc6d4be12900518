import { Time } from "@/components/ui/time";
import type { ReportView } from "@/modules/lawful-access/api-schemas/reports";
import {
  DISPOSITIONS,
  DISPOSITION_LABELS,
  KIND_LABELS,
  NOTIFICATION_LABELS,
  NOTIFICATION_STATES,
  REQUEST_KINDS,
} from "@/modules/lawful-access/domain/model";
import { Fact, TrustSection } from "@/modules/subprocessors/ui/trust-section";

function Counts({ caption, rows }: { caption: string; rows: [string, number][] }) {
  return (
    <table className="w-full text-sm">
      <caption className="pb-1 text-left font-medium">{caption}</caption>
      <tbody>
        {rows.map(([label, n]) => (
          <tr key={label} className="border-t border-slate-200 dark:border-slate-800">
            <th scope="row" className="py-1 text-left font-normal">
              {label}
            </th>
            <td className="py-1 text-right tabular-nums">{n}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/**
 * The trust page's lawful-access section: the latest signed transparency report's counts (never a
 * tenant), and where its envelope and every earlier report and version are.
 */
export function TrustTransparency({ report }: { report: ReportView | null }) {
  const history = "/api/v1/transparency-reports";
  return (
    <TrustSection
      id="transparency"
      title="Government requests"
      intro="How many government and law-enforcement requests for customers' data this region received, by kind and by outcome, in signed periodic reports. No report names a customer."
    >
      {report ? (
        <div className="space-y-4" data-testid="trust-transparency">
          <dl className="space-y-1 text-sm">
            <Fact term="Period">
              {report.period} (
              <Time iso={report.report.period.start} format="date" /> to{" "}
              <Time iso={new Date(Date.parse(report.report.period.end) - 1).toISOString()} format="date" />)
            </Fact>
            <Fact term="Requests received">
              <span data-testid="trust-transparency-total">{report.report.counts.total}</span>
            </Fact>
            <Fact term="Issued">
              <Time iso={report.issued_at} /> (version {report.version}
              {report.version > 1 ? ", superseding the earlier ones" : ""})
            </Fact>
          </dl>
          <div className="grid gap-4 sm:grid-cols-3">
            <Counts
              caption="By kind"
              rows={REQUEST_KINDS.map((k) => [KIND_LABELS[k], report.report.counts.by_kind[k]])}
            />
            <Counts
              caption="By outcome"
              rows={DISPOSITIONS.map((d) => [DISPOSITION_LABELS[d], report.report.counts.by_disposition[d]])}
            />
            <Counts
              caption="Customers told"
              rows={NOTIFICATION_STATES.map((n) => [NOTIFICATION_LABELS[n], report.report.counts.by_notification[n]])}
            />
          </div>
          <p className="text-sm">
            <a href={`/api/v1/transparency-reports/${report.id}`} className="underline">
              The signed report
            </a>{" "}
            (a DSSE envelope over its RFC 8785 JSON, signed by the region&apos;s attestation key) ·{" "}
            <a href={history} className="underline" data-testid="trust-transparency-history">
              every report and version
            </a>
          </p>
        </div>
      ) : (
        <p className="text-sm" data-testid="trust-transparency">
          No transparency report has been issued yet.{" "}
          <a href={history} className="underline" data-testid="trust-transparency-history">
            Reports (JSON)
          </a>
        </p>
      )}
    </TrustSection>
  );
}
