/** `npm run docs:audit-actions`: rewrites the action table in docs/audit-log.md from the registry. */
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { withAuditActionTable } from "./lib/audit-actions-doc";

const file = path.resolve(import.meta.dirname, "../docs/audit-log.md");
const before = readFileSync(file, "utf8");
const after = withAuditActionTable(before);
if (after === before) console.log("docs/audit-log.md: the action table is up to date");
else {
  writeFileSync(file, after);
  console.log("docs/audit-log.md: action table rewritten from modules/audit/domain/actions.ts");
}
