import "server-only";
import type { Actor } from "@/platform/auth/actor";
import { withRegion } from "@/platform/access/with-region";
import { prisma } from "@/platform/db/db";
import { currentRegion } from "@/platform/region/registry";
import type { RegisterView } from "@/modules/lawful-access/api-schemas/register";
import type { ReportList } from "@/modules/lawful-access/api-schemas/reports";
import { readRegister } from "@/modules/lawful-access/server/register";
import { listReports } from "@/modules/lawful-access/server/reports";

export interface RegionLawfulAccessPage {
  regionName: string;
  register: RegisterView;
  reports: ReportList;
  /** The region's tenants, for the form's "tenants concerned". */
  tenants: { slug: string; name: string }[];
  /** The caller, so the close dialog can say "you close it". */
  me: { id: string; name: string };
}

/** Everything `/region/lawful-access` shows, for compliance officers (region.lawful_access.read). */
export function regionLawfulAccessPage(actor: Actor): Promise<RegionLawfulAccessPage> {
  return withRegion(actor, "region.lawful_access.read", async ({ actor, region }) => {
    const db = await prisma();
    const [register, reports, tenants, me] = await Promise.all([
      readRegister(actor, {}),
      listReports(db),
      db.tenant.findMany({
        where: { directory: { homeRegion: region.id } },
        select: { slug: true, name: true },
        orderBy: { name: "asc" },
      }),
      db.user.findUnique({ where: { id: actor.userId }, select: { id: true, name: true } }),
    ]);
    return {
      regionName: currentRegion().name,
      register,
      reports,
      tenants,
      me: me ?? { id: actor.userId, name: "you" },
    };
  });
}
