/**
 * Seeds fresh embedded regions for the OIDC e2e test. Run in a child process with the
 * react-server condition (the seed imports server-only modules):
 *   node --conditions=react-server --import tsx e2e/oidc/seed.ts <dataDir> <credentialsFile> <regionId>=<url>…
 */
import { seedWorld } from "@/scripts/lib/seed-world";

const [dataDir, credentialsFile, ...regionArgs] = process.argv.slice(2);
if (!dataDir || !credentialsFile || regionArgs.length === 0) {
  console.error("usage: seed.ts <dataDir> <credentialsFile> <regionId>=<url>…");
  process.exit(2);
}
const regions = regionArgs.map((arg) => {
  const at = arg.indexOf("=");
  return { id: arg.slice(0, at), url: arg.slice(at + 1) };
});

seedWorld({ dataDir, credentialsFile, regions }).then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
