/**
 * PGlite allows one process per data folder. A server started on a folder another live process
 * holds stops at start with one line saying so, instead of serving on top of it.
 */
import { spawn } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { afterAll, expect, test } from "vitest";
import { startAppServer } from "@/e2e/support/app-server";
import { RELIABILITY_PORTS } from "./support";

const pgliteDir = ".data/reliability-lock-pglite";
const holder = spawn("sleep", ["120"]);

afterAll(() => {
  holder.kill("SIGKILL");
  rmSync(pgliteDir, { recursive: true, force: true });
});

test("a second process on the same PGlite folder refuses to start, in one line", async () => {
  mkdirSync(pgliteDir, { recursive: true });
  writeFileSync(`${pgliteDir}/ingat.lock`, `${holder.pid}\n`);
  const started = startAppServer({
    port: RELIABILITY_PORTS.app,
    hostname: "127.0.0.1",
    pgliteDir,
    keepData: true,
    chatBaseUrl: "http://127.0.0.1:9/v1",
    extractionBaseUrl: "http://127.0.0.1:9/v1",
  });
  const failure = await started.then(
    async (server) => {
      await server.stop("SIGKILL");
      return "started";
    },
    (error: unknown) => String(error),
  );
  expect(failure).toContain("app server exited early");
  const line = failure.split("\n").find((text) => text.startsWith("The PGlite folder"));
  expect(line).toMatch(new RegExp(`is in use by process ${holder.pid}\\b.*DATABASE_URL`, "u"));
  expect(failure).not.toMatch(/\n\s+at /u); // no stack trace
});
