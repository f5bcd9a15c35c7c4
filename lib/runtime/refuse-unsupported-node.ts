/** Stops the server at start, in one line, on a Node.js older than package.json's engines. */
import "server-only";
import packageJson from "@/package.json";
import { minimumNodeVersion, nodeVersionProblem } from "@/scripts/lib/node-version.mjs";

export function refuseUnsupportedNode(): void {
  const problem = nodeVersionProblem(process.version, minimumNodeVersion(packageJson.engines.node));
  if (!problem) return;
  console.error(problem);
  process.exit(1);
}
