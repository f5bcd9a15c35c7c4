import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { checkSync, type Diagnostics } from "recheck";
import ts from "typescript";
import { describe, expect, it } from "vitest";

/**
 * Every regular expression the product ships (lib/, components/, app/; tests excluded) goes
 * through recheck, a ReDoS checker: one super-linear pattern lets a single message freeze the
 * server. Literals are found with the TypeScript scanner, so a regex inside a string or comment
 * is not mistaken for one; `RegExp(...)` built from anything but string literals is refused,
 * because it cannot be checked.
 */
const ROOT = join(import.meta.dirname, "..", "..");
const FOLDERS = ["lib", "components", "app"];

type FoundRegex = { file: string; line: number; source: string; flags: string };

function productFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.tsx?$/u.test(entry.name))
    .filter((entry) => !/\.test\.tsx?$/u.test(entry.name) && !entry.name.endsWith(".d.ts"))
    .map((entry) => join(entry.parentPath, entry.name));
}

function regexesIn(file: string): { found: FoundRegex[]; dynamic: string[] } {
  const text = readFileSync(file, "utf8");
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const found: FoundRegex[] = [];
  const dynamic: string[] = [];
  const where = (node: ts.Node) =>
    `${relative(ROOT, file)}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
  const visit = (node: ts.Node) => {
    if (ts.isRegularExpressionLiteral(node)) {
      const literal = node.text;
      const end = literal.lastIndexOf("/");
      found.push({
        file: relative(ROOT, file),
        line: source.getLineAndCharacterOfPosition(node.getStart()).line + 1,
        source: literal.slice(1, end),
        flags: literal.slice(end + 1),
      });
    } else if (
      (ts.isNewExpression(node) || ts.isCallExpression(node)) &&
      ts.isIdentifier(node.expression) &&
      node.expression.text === "RegExp"
    ) {
      const [pattern, flags] = node.arguments ?? [];
      const literalText = (arg: ts.Expression | undefined) =>
        arg && (ts.isStringLiteral(arg) || ts.isNoSubstitutionTemplateLiteral(arg))
          ? arg.text
          : null;
      const patternText = literalText(pattern);
      const flagsText = flags === undefined ? "" : literalText(flags);
      if (patternText === null || flagsText === null) dynamic.push(where(node));
      else {
        found.push({
          file: relative(ROOT, file),
          line: source.getLineAndCharacterOfPosition(node.getStart()).line + 1,
          source: patternText,
          flags: flagsText,
        });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return { found, dynamic };
}

const scanned = FOLDERS.flatMap((folder) => productFiles(join(ROOT, folder))).map(regexesIn);
const regexes = scanned.flatMap((file) => file.found);

function verdict(regex: FoundRegex): Diagnostics {
  // A fixed seed: the fuzzing checker is random, and a test must give the same verdict each run.
  return checkSync(regex.source, regex.flags, { timeout: 60_000, randomSeed: 1 });
}

describe("regular expressions in the product", () => {
  it("are all found (the scan is not silently empty)", () => {
    expect(regexes.length).toBeGreaterThan(50);
  });

  it("are never built from a non-literal pattern", () => {
    expect(scanned.flatMap((file) => file.dynamic)).toEqual([]);
  });

  it("none backtracks super-linearly", { timeout: 600_000 }, () => {
    const unsafe = regexes.flatMap((regex) => {
      const result = verdict(regex);
      if (result.status === "safe") return [];
      const why =
        result.status === "vulnerable"
          ? result.complexity.summary
          : `unknown (${result.error.kind})`;
      return [`${regex.file}:${regex.line} /${regex.source}/${regex.flags} — ${why}`];
    });
    expect(unsafe).toEqual([]);
  });
});
