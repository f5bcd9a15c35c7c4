import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import en from "@/messages/en.json";
import id from "@/messages/id.json";

type Catalog = { [key: string]: string | Catalog };

function leaves(catalog: Catalog, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(catalog)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === "string") out.set(path, value);
    else for (const [k, v] of leaves(value, path)) out.set(k, v);
  }
  return out;
}

/** Where the brace opened at `open` closes. */
function closing(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === "{") depth++;
    else if (text[i] === "}" && --depth === 0) return i;
  }
  return text.length;
}

/** The ICU arguments of a message ("{count, plural, one {…}}" → count), branches included. */
function argumentsOf(message: string): string[] {
  const names = new Set<string>();
  const walk = (text: string) => {
    for (let i = text.indexOf("{"); i !== -1; i = text.indexOf("{", i)) {
      const end = closing(text, i);
      const [name = "", type = "", ...rest] = text.slice(i + 1, end).split(",");
      names.add(name.trim());
      if (["plural", "select", "selectordinal"].includes(type.trim())) {
        const branches = rest.join(",");
        for (let b = branches.indexOf("{"); b !== -1; b = branches.indexOf("{", b)) {
          const branchEnd = closing(branches, b);
          walk(branches.slice(b + 1, branchEnd));
          b = branchEnd;
        }
      }
      i = end;
    }
  };
  walk(message);
  return [...names].sort();
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry.name) && !/\.test\.ts$/.test(entry.name) ? [path] : [];
  });
}

const english = leaves(en);
const indonesian = leaves(id);

describe("message catalogs", () => {
  it("have the same keys in English and Indonesian", () => {
    const missingInIndonesian = [...english.keys()].filter((key) => !indonesian.has(key));
    const missingInEnglish = [...indonesian.keys()].filter((key) => !english.has(key));
    expect({ missingInIndonesian, missingInEnglish }).toEqual({
      missingInIndonesian: [],
      missingInEnglish: [],
    });
  });

  it("translate every message, with the same arguments", () => {
    const problems: string[] = [];
    for (const [key, message] of english) {
      const translated = indonesian.get(key);
      if (translated === undefined) continue;
      if (!translated.trim()) problems.push(`${key}: empty`);
      const want = argumentsOf(message).join(",");
      const got = argumentsOf(translated).join(",");
      if (want !== got)
        problems.push(`${key}: arguments {${want}} in English, {${got}} in Indonesian`);
    }
    expect(problems).toEqual([]);
  });

  it("has no key the code never uses", () => {
    // Keys are looked up as literals ("errors.emailInvalid") or built from a literal prefix
    // and a value (`types.${type}`); a key is used when its last segment or its full path after
    // the namespace occurs in the code as a quoted word, or its parent is looked up dynamically.
    const code = ["app", "components", "lib"]
      .flatMap((dir) => sourceFiles(dir))
      .map((file) => readFileSync(file, "utf8"))
      .join("\n");
    // Read as tables of words (a stored category or topic key picks its label), not by t().
    const tables = ["MemoryLabels.categories.", "MemoryLabels.topics."];
    const unused = [...english.keys()].filter((key) => {
      if (tables.some((table) => key.startsWith(table))) return false;
      const [, ...rest] = key.split(".");
      const last = rest.at(-1) ?? "";
      const parent = rest.slice(0, -1).join(".");
      const quoted = (word: string) =>
        code.includes(`"${word}"`) || code.includes(`.${word}"`) || code.includes(`.${word}\``);
      const dynamicParent = parent !== "" && code.includes(`\`${parent}.\${`);
      return !(quoted(rest.join(".")) || quoted(last) || dynamicParent);
    });
    expect(unused).toEqual([]);
  });
});
