/**
 * The controls matrix shipped in every package: which file evidences which control of ISO/IEC
 * 27001:2022 Annex A, the SOC 2 common criteria and GDPR Art. 28 and 44–46, and how to test it.
 */
import { PACKAGE_FILES as F } from "./package-files";

export interface ControlRow {
  framework: "ISO/IEC 27001:2022" | "SOC 2 (2017 TSC)" | "GDPR";
  control: string;
  title: string;
  files: readonly string[];
  test: string;
}

const AUDIT = [F.auditEntries, F.auditProofs, F.checkpoint, F.newestCheckpoint, F.consistency];
const SUPPORT = [F.supportRequests, F.supportGrants, F.supportAccesses];
const DECISIONS = [F.decisionVersions, F.decisionEvents, F.sharingPolicy];
const CUSTODY = [F.keyEvents, F.receipts];

export const CONTROLS: readonly ControlRow[] = [
  {
    framework: "ISO/IEC 27001:2022",
    control: "A.5.9",
    title: "Inventory of information and other associated assets",
    files: [F.lineageGraph],
    test: "Every dataset has a region and data classes; region-unknown datasets appear in lineage/alerts.jsonl.",
  },
  {
    framework: "ISO/IEC 27001:2022",
    control: "A.5.14",
    title: "Information transfer",
    files: [F.lineageVerdicts, ...DECISIONS, F.attestationsDir],
    test: "Each border-crossing flow names the accepted decision that allowed it, or is a violation in lineage/alerts.jsonl.",
  },
  {
    framework: "ISO/IEC 27001:2022",
    control: "A.5.15",
    title: "Access control",
    files: SUPPORT,
    test: "Every provider access in support/accesses.jsonl is within a grant, or is flagged outside_grant.",
  },
  {
    framework: "ISO/IEC 27001:2022",
    control: "A.5.18",
    title: "Access rights",
    files: [F.supportGrants, F.auditEntries, F.people],
    test: "Each grant has its approvers, window and any revocation; the audit entries name each step's person, whom people.jsonl names.",
  },
  {
    framework: "ISO/IEC 27001:2022",
    control: "A.5.19",
    title: "Information security in supplier relationships",
    files: [F.decisionVersions],
    test: "Subprocessor destinations carry an accepted decision with its DPA clause.",
  },
  {
    framework: "ISO/IEC 27001:2022",
    control: "A.5.23",
    title: "Information security for use of cloud services",
    files: [F.attestationsDir, F.lineageGraph],
    test: "The attestations' stores by region match the lineage graph's regions.",
  },
  {
    framework: "ISO/IEC 27001:2022",
    control: "A.5.28",
    title: "Collection of evidence",
    files: [F.manifest, F.manifestSig, F.verify],
    test: "verify.sh passes: the manifest is signed by the region and every file matches it.",
  },
  {
    framework: "ISO/IEC 27001:2022",
    control: "A.5.31",
    title: "Legal, statutory, regulatory and contractual requirements",
    files: [...DECISIONS, F.attestationsDir],
    test: "Each decision version records its legal basis, TIA reference and DPA clause.",
  },
  {
    framework: "ISO/IEC 27001:2022",
    control: "A.5.33",
    title: "Protection of records",
    files: AUDIT,
    test: "Every entry is included in the signed checkpoint, and that checkpoint is consistent with the newest one.",
  },
  {
    framework: "ISO/IEC 27001:2022",
    control: "A.5.34",
    title: "Privacy and protection of PII",
    files: [F.lineageVerdicts, F.attestationsDir],
    test: "Flows of personal data classes outside the home region are allowed by a decision.",
  },
  {
    framework: "ISO/IEC 27001:2022",
    control: "A.8.2",
    title: "Privileged access rights",
    files: SUPPORT,
    test: "Break-glass requests have a second confirmer and a compliance review.",
  },
  {
    framework: "ISO/IEC 27001:2022",
    control: "A.8.15",
    title: "Logging",
    files: AUDIT,
    test: "Sample audit entries (samples.json) and check each against its inclusion proof.",
  },
  {
    framework: "ISO/IEC 27001:2022",
    control: "A.8.16",
    title: "Monitoring activities",
    files: [F.lineageAlerts, F.supportAccesses],
    test: "Violations and outside-grant accesses were raised when they happened.",
  },
  {
    framework: "ISO/IEC 27001:2022",
    control: "A.8.24",
    title: "Use of cryptography",
    files: CUSTODY,
    test: "Rotations and disables appear as key events; each disable has a signed revocation receipt with its time to revoke.",
  },
  {
    framework: "SOC 2 (2017 TSC)",
    control: "CC2.1",
    title: "Quality information to support internal control",
    files: [F.manifest],
    test: "Each population states its query, row count and hash; compare the counts with the attestations.",
  },
  {
    framework: "SOC 2 (2017 TSC)",
    control: "CC4.1",
    title: "Ongoing and separate evaluations",
    files: [F.attestationsDir, F.attestationIndex],
    test: "One attestation per month of the period; the signed index lists each digest once.",
  },
  {
    framework: "SOC 2 (2017 TSC)",
    control: "CC6.1",
    title: "Logical access security and encryption keys",
    files: [...CUSTODY, F.supportGrants],
    test: "Keys are held by the tenant's KMS; provider access needs a grant.",
  },
  {
    framework: "SOC 2 (2017 TSC)",
    control: "CC6.2",
    title: "Access provisioning",
    files: [F.supportRequests, F.supportGrants],
    test: "Each grant follows M distinct approvals of the tenant's admins, never the requester's own.",
  },
  {
    framework: "SOC 2 (2017 TSC)",
    control: "CC6.3",
    title: "Access modification and removal",
    files: [F.supportGrants, ...CUSTODY],
    test: "Revoked grants and disabled keys end access; receipts show when every instance stopped.",
  },
  {
    framework: "SOC 2 (2017 TSC)",
    control: "CC6.7",
    title: "Restricts transmission and movement of information",
    files: [F.lineageVerdicts, ...DECISIONS],
    test: "Cross-border flows are allowed by decisions in force at the time.",
  },
  {
    framework: "SOC 2 (2017 TSC)",
    control: "CC7.2",
    title: "Monitors system components for anomalies",
    files: [F.lineageAlerts, F.supportAccesses],
    test: "Every violation and outside-grant access is in the population.",
  },
  {
    framework: "SOC 2 (2017 TSC)",
    control: "CC7.3",
    title: "Evaluates security events",
    files: [F.lineageAlerts, F.auditEntries],
    test: "Alerts are acknowledged or resolved by a named person.",
  },
  {
    framework: "SOC 2 (2017 TSC)",
    control: "CC8.1",
    title: "Change management",
    files: [F.decisionEvents, F.auditEntries],
    test: "Each decision change has its draft, review and acceptance by different people.",
  },
  {
    framework: "SOC 2 (2017 TSC)",
    control: "CC9.2",
    title: "Vendor and business partner risk management",
    files: [F.decisionVersions],
    test: "Partner and subprocessor destinations carry decisions with their conditions.",
  },
  {
    framework: "GDPR",
    control: "Art. 28(1)",
    title: "Processor with sufficient guarantees",
    files: [F.attestationsDir, ...CUSTODY],
    test: "Signed residency attestations and key custody for every month of the period.",
  },
  {
    framework: "GDPR",
    control: "Art. 28(2), 28(4)",
    title: "Sub-processors engaged with prior authorisation",
    files: [F.decisionVersions, F.lineageVerdicts],
    test: "Data reaching a subprocessor is allowed by an accepted decision.",
  },
  {
    framework: "GDPR",
    control: "Art. 28(3)(h)",
    title: "Information to demonstrate compliance; audits",
    files: [F.readme, F.manifest, F.manifestSig, F.verify],
    test: "This package: complete populations, signed, re-testable offline.",
  },
  {
    framework: "GDPR",
    control: "Art. 44",
    title: "General principle for transfers",
    files: [F.lineageVerdicts, F.supportAccesses, ...DECISIONS],
    test: "Transfers, remote provider access included, happen only under a decision.",
  },
  {
    framework: "GDPR",
    control: "Art. 45",
    title: "Transfers on the basis of an adequacy decision",
    files: [F.decisionVersions],
    test: "Decisions with legal basis adequacy name a destination covered by one.",
  },
  {
    framework: "GDPR",
    control: "Art. 46",
    title: "Transfers subject to appropriate safeguards",
    files: [F.decisionVersions],
    test: "SCC and BCR decisions carry a transfer impact assessment reference.",
  },
];

export const CONTROLS_HEADER = ["framework", "control", "title", "evidence_files", "how_to_test"] as const;

export function controlRows(): string[][] {
  return CONTROLS.map((c) => [c.framework, c.control, c.title, c.files.join(" "), c.test]);
}
