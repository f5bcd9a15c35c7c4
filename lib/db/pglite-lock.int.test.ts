import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { LOCK_FILE_NAME } from "./pglite-lock";

/** Two real processes on one PGlite folder: the second is refused with a one-line reason. */
const HOLDER = path.join(import.meta.dirname, "testing", "hold-pglite.ts");
const dataDir = path.resolve(`.data/pglite-lock-test-${process.pid}`);
const children: ChildProcess[] = [];

function openInChild(): {
  child: ChildProcess;
  firstLine: Promise<string>;
  exit: Promise<number | null>;
} {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", "--conditions=react-server", HOLDER, dataDir],
    { stdio: ["pipe", "pipe", "pipe"] },
  );
  children.push(child);
  let output = "";
  const firstLine = new Promise<string>((resolve, reject) => {
    child.stdout?.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("\n")) resolve(output.split("\n")[0] ?? "");
    });
    child.once("exit", (code) => reject(new Error(`exited ${code} before a line: ${output}`)));
  });
  const exit = new Promise<number | null>((resolve) => child.once("exit", resolve));
  return { child, firstLine, exit };
}

afterEach(() => {
  for (const child of children.splice(0)) child.kill("SIGKILL");
  rmSync(dataDir, { recursive: true, force: true });
});

describe("the PGlite folder lock", { timeout: 300_000 }, () => {
  it("refuses a second process while the first has the folder open", async () => {
    const first = openInChild();
    expect(await first.firstLine).toBe("open");
    expect(readFileSync(path.join(dataDir, LOCK_FILE_NAME), "utf8").trim()).toBe(
      String(first.child.pid),
    );

    const second = openInChild();
    const line = await second.firstLine;
    expect(line).toMatch(
      new RegExp(`^error: The PGlite folder .* is in use by process ${first.child.pid}\\b`, "u"),
    );
    expect(line).toContain("DATABASE_URL");
    expect(await second.exit).toBe(3);

    // Once the first closes the database, the lock is gone and the folder opens again.
    first.child.stdin?.end();
    expect(await first.exit).toBe(0);
    expect(existsSync(path.join(dataDir, LOCK_FILE_NAME))).toBe(false);
    const third = openInChild();
    expect(await third.firstLine).toBe("open");
  });

  it("takes over the lock of a process that died", async () => {
    const first = openInChild();
    expect(await first.firstLine).toBe("open");
    first.child.kill("SIGKILL");
    await first.exit;
    expect(existsSync(path.join(dataDir, LOCK_FILE_NAME))).toBe(true);

    const second = openInChild();
    expect(await second.firstLine).toBe("open");
  });
});
