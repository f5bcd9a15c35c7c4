import { describe, expect, it } from "vitest";
import { snippetAround } from "./search";
import { plainTextFrom } from "./title";

describe("search snippets", () => {
  it("are plain text around the first match", () => {
    const text = plainTextFrom(
      "Here's what I remember:\n\n**Facts**\n\n- **city** (location): lives in Bandung",
    );
    expect(text).toBe("Here's what I remember: Facts city (location): lives in Bandung");
    expect(snippetAround(text, ["bandu"])).toContain("lives in Bandung");
    expect(snippetAround(text, ["bandu"])).not.toContain("**");
  });

  it("start near a match deep in a long message and mark the cuts", () => {
    const text = `${"word ".repeat(100)}ferry schedule ${"more ".repeat(100)}`;
    const snippet = snippetAround(text, ["ferry"]);
    expect(snippet.startsWith("…")).toBe(true);
    expect(snippet.endsWith("…")).toBe(true);
    expect(snippet).toContain("ferry schedule");
    expect(snippet.length).toBeLessThanOrEqual(125);
  });

  it("fall back to the start when no term is found", () => {
    expect(snippetAround("short text", ["zzz"])).toBe("short text");
  });
});
