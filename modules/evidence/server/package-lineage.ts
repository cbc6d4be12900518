import "server-only";
import { canonicalJson } from "@/modules/audit/domain/canonical-json";
import { PAGE, type PackageScope } from "@/modules/evidence/server/package-populations";

const iso = (d: Date | null) => (d ? d.toISOString() : null);

async function* jsonArray<R extends { id: string }>(
  read: (after: string | undefined) => Promise<R[]>,
  item: (row: R) => unknown,
): AsyncGenerator<string> {
  let after: string | undefined;
  let first = true;
  for (;;) {
    const rows = await read(after);
    if (rows.length > 0) {
      yield rows.map((r) => `${first ? "" : ","}\n${canonicalJson(item(r))}`).join("");
      first = false;
    }
    if (rows.length < PAGE) return;
    after = rows[rows.length - 1]!.id;
  }
}

const page = (after: string | undefined) => ({
  orderBy: { id: "asc" as const },
  take: PAGE,
  ...(after ? { cursor: { id: after }, skip: 1 } : {}),
});

/**
 * The tenant's lineage graph as the registers hold it when the package is built: datasets with
 * their regions and data classes, jobs, and every edge with its evaluation. Written as one JSON
 * document, a page of rows at a time.
 */
export async function* lineageGraphJson({ db, tenantId }: PackageScope): AsyncGenerator<string> {
  yield `{"datasets":[`;
  yield* jsonArray(
    (after) => db.lineageDataset.findMany({ where: { tenantId }, ...page(after) }),
    (d) => ({
      id: d.id,
      namespace: d.namespace,
      name: d.name,
      region: d.region,
      region_source: d.regionSource,
      subprocessor: d.subprocessor,
      form: d.form,
      data_classes: d.dataClasses,
      first_seen_at: d.firstSeenAt.toISOString(),
      last_seen_at: d.lastSeenAt.toISOString(),
    }),
  );
  yield `\n],"edges":[`;
  yield* jsonArray(
    (after) => db.lineageEdge.findMany({ where: { tenantId }, ...page(after) }),
    (e) => ({
      id: e.id,
      kind: e.kind,
      source: e.sourceId,
      target: e.targetId,
      crossing: e.crossing,
      outcome: e.outcome,
      data_classes: e.dataClasses,
      evaluated_at: iso(e.evaluatedAt),
    }),
  );
  yield `\n],"jobs":[`;
  yield* jsonArray(
    (after) =>
      db.lineageJob.findMany({
        where: { tenantId },
        ...page(after),
        select: { id: true, namespace: true, name: true, runCount: true, firstSeenAt: true, lastSeenAt: true },
      }),
    (j) => ({
      id: j.id,
      namespace: j.namespace,
      name: j.name,
      runs: j.runCount,
      first_seen_at: j.firstSeenAt.toISOString(),
      last_seen_at: j.lastSeenAt.toISOString(),
    }),
  );
  yield `\n]}\n`;
}
