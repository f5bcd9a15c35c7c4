import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";

/**
 * Every module that reaches the database, the environment or secrets says `import "server-only"`,
 * so a client component that imports one (and would ship it to the browser) fails the build.
 * Scripts run them through tsx with `--conditions=react-server`; vitest aliases the package.
 */
const ROOT = join(import.meta.dirname, "..", "..");
const LIB = join(ROOT, "lib");
const SENSITIVE_IMPORT =
  /^import\s+(?!type\b)[^;]*?from\s+"@\/lib\/(?:db\/(?:client|open|queries\/[^"]+)|env)"/mu;
const ALWAYS_SERVER = [
  /^lib\/db\/queries\//u,
  /^lib\/jobs\//u,
  /^lib\/db\/(?:client|open|pglite-lock)\.ts$/u,
  /^lib\/env\.ts$/u,
];
/** proxy.ts imports the Auth.js settings; test helpers run only under vitest. */
const EXEMPT = [/^lib\/auth\/config\.ts$/u, /\/testing\//u];

const modules = readdirSync(LIB, { recursive: true, encoding: "utf8" })
  .filter(
    (file) => /\.tsx?$/u.test(file) && !/\.test\.tsx?$/u.test(file) && !file.endsWith(".d.ts"),
  )
  .map((file) => {
    const path = relative(ROOT, join(LIB, file));
    return { path, text: readFileSync(join(LIB, file), "utf8") };
  });

describe('import "server-only"', () => {
  it("is on every module that touches the database, the environment or secrets", () => {
    const missing = modules
      .filter(({ path }) => !EXEMPT.some((pattern) => pattern.test(path)))
      .filter(
        ({ path, text }) =>
          ALWAYS_SERVER.some((pattern) => pattern.test(path)) ||
          SENSITIVE_IMPORT.test(text) ||
          text.includes("process.env"),
      )
      .filter(({ text }) => !/^import "server-only";$/mu.test(text))
      .map(({ path }) => path);
    expect(missing).toEqual([]);
  });
});
