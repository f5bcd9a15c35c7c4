// Runs before dev, build, start and the tests: stops at once, in one line, on a Node.js older
// than package.json's `engines.node`. The server checks again at start (lib/server-start.ts).
import { readFileSync } from "node:fs";
import { minimumNodeVersion, nodeVersionProblem } from "./lib/node-version.mjs";

const { engines } = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8"));
const problem = nodeVersionProblem(process.version, minimumNodeVersion(engines.node));
if (problem) {
  console.error(problem);
  process.exit(1);
}
