import "server-only";
import { evaluateFlows } from "@/modules/sharing/server/evaluate";

export interface MissingDecision {
  data_class: string;
  destination: string;
  reason: string;
}

/**
 * Remote access is a transfer: a person working from `locationCountry` who reads a data class
 * moves it there. Each requested class is judged as a flow from the tenant's home region to the
 * requester's employer in that country, against the decisions in force at `at`; a class no
 * decision allows there is missing (one in the home region's own country needs none).
 */
export async function missingTransferDecisions(input: {
  tenantId: string;
  homeRegion: string;
  employer: string;
  locationCountry: string;
  dataClasses: string[];
  at: Date;
}): Promise<MissingDecision[]> {
  const flows = input.dataClasses.map((dataClass) => ({
    dataClasses: [dataClass],
    from: { region: input.homeRegion },
    to: { kind: "subprocessor" as const, id: input.employer, region: input.locationCountry },
    at: input.at,
    form: "raw" as const,
  }));
  const verdicts = await evaluateFlows(input.tenantId, flows);
  return verdicts.flatMap((v, i) =>
    v.outcome === "violation"
      ? [
          {
            data_class: input.dataClasses[i]!,
            destination: `${input.employer} (subprocessor, ${input.locationCountry})`,
            reason: v.classes[0]?.reason ?? v.reason,
          },
        ]
      : [],
  );
}
