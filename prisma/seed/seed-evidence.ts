import type { PrismaClient } from "@/platform/db/generated/prisma/client";
import { defaultNdaText, ndaOf } from "@/modules/evidence/domain/nda";
import { stableId } from "./world";

/**
 * Accepts the default NDA for these auditors, as the auditor would (the stored version 1, the
 * acceptance record, the engagement opened). The demo leaves its auditor's NDA unaccepted; the
 * test worlds accept it where their specs read evidence as an auditor.
 */
export async function acceptSeedNdas(prisma: PrismaClient, who: { email: string; tenant: string }[]): Promise<void> {
  for (const { email, tenant } of who) {
    const tenantId = stableId("tenant", tenant);
    const [user, row] = await Promise.all([
      prisma.user.findUnique({ where: { email }, select: { id: true, name: true } }),
      prisma.tenant.findUnique({ where: { id: tenantId }, select: { name: true } }),
    ]);
    if (!user || !row) continue; // the person or tenant lives in another region
    const membership = await prisma.membership.findUniqueOrThrow({
      where: { userId_tenantId: { userId: user.id, tenantId } },
      select: { id: true },
    });
    const nda = ndaOf(1, defaultNdaText(row.name));
    await prisma.tenantNda.upsert({
      where: { tenantId_version: { tenantId, version: 1 } },
      create: { tenantId, version: 1, text: nda.text, sha256: nda.sha256 },
      update: {},
    });
    await prisma.ndaAcceptance.create({
      data: {
        tenantId,
        userId: user.id,
        membershipId: membership.id,
        version: 1,
        sha256: nda.sha256,
        name: user.name,
        email,
        ip: "127.0.0.1",
      },
    });
    await prisma.membership.update({
      where: { id: membership.id },
      data: { ndaSha256: nda.sha256, ndaAcceptedAt: new Date() },
    });
  }
}
