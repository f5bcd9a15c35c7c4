/**
 * Syntax highlighting for code blocks in replies: highlight.js grammars through lowlight, with
 * only common languages registered. The chat loads this module on demand, when a reply first
 * shows a code block, so it never weighs on the first page load.
 */
import { toJsxRuntime } from "hast-util-to-jsx-runtime";
import bash from "highlight.js/lib/languages/bash";
import c from "highlight.js/lib/languages/c";
import cpp from "highlight.js/lib/languages/cpp";
import csharp from "highlight.js/lib/languages/csharp";
import css from "highlight.js/lib/languages/css";
import diff from "highlight.js/lib/languages/diff";
import go from "highlight.js/lib/languages/go";
import java from "highlight.js/lib/languages/java";
import javascript from "highlight.js/lib/languages/javascript";
import json from "highlight.js/lib/languages/json";
import kotlin from "highlight.js/lib/languages/kotlin";
import markdown from "highlight.js/lib/languages/markdown";
import php from "highlight.js/lib/languages/php";
import python from "highlight.js/lib/languages/python";
import ruby from "highlight.js/lib/languages/ruby";
import rust from "highlight.js/lib/languages/rust";
import sql from "highlight.js/lib/languages/sql";
import swift from "highlight.js/lib/languages/swift";
import typescript from "highlight.js/lib/languages/typescript";
import xml from "highlight.js/lib/languages/xml";
import yaml from "highlight.js/lib/languages/yaml";
import { createLowlight } from "lowlight";
import type { ReactNode } from "react";
import { Fragment, jsx, jsxs } from "react/jsx-runtime";

const lowlight = createLowlight({
  bash,
  c,
  cpp,
  csharp,
  css,
  diff,
  go,
  java,
  javascript,
  json,
  kotlin,
  markdown,
  php,
  python,
  ruby,
  rust,
  sql,
  swift,
  typescript,
  xml,
  yaml,
});
/** Fence names people write, by the language they name (also what the block's label shows). */
const ALIASES: Record<string, string[]> = {
  bash: ["sh", "shell", "zsh", "console"],
  csharp: ["cs", "c#"],
  go: ["golang"],
  javascript: ["js", "jsx", "mjs", "cjs"],
  kotlin: ["kt"],
  markdown: ["md"],
  python: ["py"],
  ruby: ["rb"],
  rust: ["rs"],
  typescript: ["ts", "tsx", "mts"],
  xml: ["html", "svg"],
  yaml: ["yml"],
};
lowlight.registerAlias(ALIASES);
const canonical = new Map(
  Object.entries(ALIASES).flatMap(([name, aliases]) => aliases.map((alias) => [alias, name])),
);

/** Longer code is shown plain: highlighting it on every streamed token would stall the page. */
const MAX_HIGHLIGHT_CHARS = 20_000;

export type Highlighted = { code: ReactNode; language: string };

/** The code as highlighted React nodes, or null for a language that is not registered. */
export function highlight(code: string, language: string): Highlighted | null {
  const name = language.toLowerCase();
  if (!name || code.length > MAX_HIGHLIGHT_CHARS || !lowlight.registered(name)) return null;
  const tree = lowlight.highlight(name, code);
  return {
    code: toJsxRuntime(tree, { Fragment, jsx, jsxs }),
    language: name === "html" || name === "svg" ? name : (canonical.get(name) ?? name),
  };
}
