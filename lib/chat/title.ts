/**
 * A chat's title from its first message: the words as they read, without Markdown syntax
 * (`# **Plan**` → "Plan"), on one line, cut to 60 characters. Search snippets use the same.
 */
import type { Nodes } from "mdast";
import { fromMarkdown } from "mdast-util-from-markdown";
import { toString as plainText } from "mdast-util-to-string";

const TITLE_LENGTH = 60;
/** For a first message with nothing readable in it; distinct from the "New chat" button. */
export const UNTITLED_CHAT = "Untitled chat";
/** Only the start of a long message can end up in a title; parse no more than that. */
const SCAN_CHARS = 1000;

export function titleFrom(text: string): string {
  const line = plainTextFrom(text.slice(0, SCAN_CHARS));
  return line.length <= TITLE_LENGTH ? line : `${line.slice(0, TITLE_LENGTH - 1).trimEnd()}…`;
}

/** Markdown as the words it reads as, on one line. */
export function plainTextFrom(markdown: string): string {
  return blocksOf(fromMarkdown(markdown)).join(" ").replace(/\s+/g, " ").trim();
}

/** Each block's text on its own, so paragraphs and list items don't run into each other. */
function blocksOf(node: Nodes): string[] {
  if (
    node.type === "root" ||
    node.type === "list" ||
    node.type === "listItem" ||
    node.type === "blockquote"
  ) {
    return node.children.flatMap((child) => blocksOf(child));
  }
  return [plainText(node)];
}
