import { describe, expect, it } from "vitest";
import packageJson from "@/package.json";
import { minimumNodeVersion, nodeVersionProblem } from "@/scripts/lib/node-version.mjs";

describe("Node.js version check", () => {
  const minimum = minimumNodeVersion(packageJson.engines.node);

  it("asks for the 24 LTS line", () => {
    expect(minimum).toMatch(/^24\.\d+\.\d+$/);
  });

  it("refuses Node 20 in one line that says what to install", () => {
    const problem = nodeVersionProblem("v20.20.2", minimum);
    expect(problem).toContain("Ingat needs Node.js 24");
    expect(problem).toContain("this is v20.20.2");
    expect(problem).toContain("nvm install");
    expect(problem?.split("\n")).toHaveLength(1);
  });

  it("refuses an older 24 and accepts the minimum, a later 24 and a later line", () => {
    expect(nodeVersionProblem("v24.10.0", minimum)).not.toBeNull();
    expect(nodeVersionProblem(`v${minimum}`, minimum)).toBeNull();
    expect(nodeVersionProblem("v24.21.0", minimum)).toBeNull();
    expect(nodeVersionProblem("v26.1.0", minimum)).toBeNull();
  });

  it("passes for the Node running the tests", () => {
    expect(nodeVersionProblem(process.version, minimum)).toBeNull();
  });
});
