import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { LOCK_FILE_NAME, lockPgliteFolder, PgliteFolderInUseError } from "./pglite-lock";

const folders: string[] = [];
function folder(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "ingat-lock-"));
  folders.push(dir);
  return dir;
}
const lockOf = (dir: string) => readFileSync(path.join(dir, LOCK_FILE_NAME), "utf8").trim();

afterEach(() => {
  for (const dir of folders.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe("lockPgliteFolder", () => {
  it("writes this process's pid, and removes the file on release", () => {
    const dir = folder();
    const release = lockPgliteFolder(dir);
    expect(lockOf(dir)).toBe(String(process.pid));
    release();
    expect(() => lockOf(dir)).toThrow();
  });

  it("takes over a lock whose process is gone", () => {
    const dir = folder();
    writeFileSync(path.join(dir, LOCK_FILE_NAME), "999999999\n");
    lockPgliteFolder(dir)();
    writeFileSync(path.join(dir, LOCK_FILE_NAME), "not a pid\n");
    const release = lockPgliteFolder(dir);
    expect(lockOf(dir)).toBe(String(process.pid));
    release();
  });

  it("refuses a folder another live process holds, in one line naming it", async () => {
    const dir = folder();
    const other = spawn("sleep", ["30"]);
    try {
      writeFileSync(path.join(dir, LOCK_FILE_NAME), `${other.pid}\n`);
      let refusal: unknown;
      try {
        lockPgliteFolder(dir);
      } catch (error) {
        refusal = error;
      }
      expect(refusal).toBeInstanceOf(PgliteFolderInUseError);
      const message = (refusal as Error).message;
      expect(message).toContain(`in use by process ${other.pid}`);
      expect(message).not.toContain("\n");
      expect(lockOf(dir)).toBe(String(other.pid));
    } finally {
      other.kill("SIGKILL");
    }
  });
});
