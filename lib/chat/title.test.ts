import { describe, expect, it } from "vitest";
import { titleFrom } from "./title";

describe("titleFrom", () => {
  it("drops Markdown syntax", () => {
    expect(titleFrom("# **Bold** plan for `code` and [a link](https://example.com)")).toBe(
      "Bold plan for code and a link",
    );
    expect(titleFrom("> quoted *words*")).toBe("quoted words");
    expect(titleFrom("- one\n- two")).toBe("one two");
    expect(titleFrom("![a cat](https://x.example/c.png) please")).toBe("a cat please");
    expect(titleFrom("```js\nconst a = 1;\n```")).toBe("const a = 1;");
  });

  it("keeps paragraphs apart and puts everything on one line", () => {
    expect(titleFrom("Hello\n\nWorld\nagain")).toBe("Hello World again");
  });

  it("cuts long text to 60 characters", () => {
    const title = titleFrom("word ".repeat(100));
    expect(title.length).toBeLessThanOrEqual(60);
    expect(title.endsWith("…")).toBe(true);
  });

  it("leaves plain text alone and gives empty for nothing readable", () => {
    expect(titleFrom("Plan a trip to Bali")).toBe("Plan a trip to Bali");
    expect(titleFrom("   ")).toBe("");
    expect(titleFrom("---")).toBe("");
  });
});
