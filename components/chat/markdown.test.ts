import { NextIntlClientProvider } from "next-intl";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import en from "@/messages/en.json";
import { isOwnOrigin, Markdown } from "./markdown";

const render = (text: string) =>
  renderToStaticMarkup(
    createElement(NextIntlClientProvider, {
      locale: "en",
      messages: en,
      // biome-ignore lint/correctness/noChildrenProp: createElement in a .ts file; the provider's props type requires children
      children: createElement(Markdown, null, text),
    }),
  );

describe("Markdown", () => {
  it("never emits an <img> for an image from another origin: a link naming its host instead", () => {
    const html = render(
      "![a cat](https://images.example.net/cat.png) ![p](http://tracker.example:8080/p.gif) ![x](//cdn.example/x.png)",
    );
    expect(html).not.toContain("<img");
    expect(html).toContain('href="https://images.example.net/cat.png"');
    expect(html).toContain("Image: a cat (images.example.net)");
    expect(html).toContain("(tracker.example:8080)");
  });

  it("drops data: and javascript: sources without loading them", () => {
    const html = render("![x](data:image/png;base64,AAAA) ![y](javascript:alert(1))");
    expect(html).not.toContain("<img");
    expect(html).not.toContain("javascript:");
    expect(html).toContain("[Image: x]");
  });

  it("shows the app's own images", () => {
    expect(render("![logo](/icon.svg)")).toContain('<img src="/icon.svg" alt="logo"');
  });

  it("keeps raw HTML as text and renders code blocks with their language and a Copy button", () => {
    const html = render('<img src="https://evil.example/x.png">\n\n```js\nconst a = 1;\n```');
    expect(html).not.toContain("<img");
    expect(html).toContain('data-testid="code-block"');
    expect(html).toContain("const a = 1;");
    expect(html).toContain('aria-label="Copy code"');
  });

  it("knows its own origin", () => {
    expect(isOwnOrigin("/a.png")).toBe(true);
    expect(isOwnOrigin("//evil.example/a.png")).toBe(false);
    expect(isOwnOrigin("/\\evil.example/a.png")).toBe(false);
    expect(isOwnOrigin("https://evil.example/a.png")).toBe(false);
    expect(isOwnOrigin("")).toBe(false);
  });
});
