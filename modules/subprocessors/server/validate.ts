import "server-only";
import { prisma } from "@/platform/db/db";
import { BadRequestError } from "@/platform/errors";
import { listRegions } from "@/platform/region/registry";
import type { SubprocessorFields } from "@/modules/subprocessors/domain/model";

/**
 * What the schema cannot know: storage regions must be the provider's regions, data classes the
 * default catalogue's (every tenant's classes start from it), and SCCs name their module. Each
 * refusal names every unknown value, so one correction fixes the proposal.
 */
export async function checkAgainstRegion(fields: SubprocessorFields): Promise<void> {
  const regions = new Set(listRegions().map((r) => r.id));
  const unknownRegions = fields.storage_regions.filter((r) => !regions.has(r));
  if (unknownRegions.length > 0)
    throw new BadRequestError(
      `Unknown storage region${unknownRegions.length > 1 ? "s" : ""}: ${unknownRegions.join(", ")}. Known: ${[...regions].join(", ")}.`,
      "unknown_region",
      { unknown: unknownRegions },
    );
  const db = await prisma();
  const catalogue = new Set(
    (await db.dataClass.findMany({ where: { tenantId: null }, select: { key: true } })).map((c) => c.key),
  );
  const unknownClasses = fields.data_classes.filter((c) => !catalogue.has(c));
  if (unknownClasses.length > 0)
    throw new BadRequestError(
      `Unknown data class${unknownClasses.length > 1 ? "es" : ""}: ${unknownClasses.join(", ")}. The register names classes of the default catalogue (GET /api/v1/tenants/{tenant}/data-classes lists them).`,
      "unknown_data_class",
      { unknown: unknownClasses },
    );
  if (fields.transfer_mechanism === "sccs" && fields.scc_module === null)
    throw new BadRequestError(
      "Standard contractual clauses name their module (scc_module 1–4).",
      "scc_module_required",
    );
  if (fields.transfer_mechanism !== "sccs" && fields.scc_module !== null)
    throw new BadRequestError('scc_module is only for transfer_mechanism "sccs".', "scc_module_not_applicable");
}
